using ActorWelfare.Access;
using Microsoft.AspNetCore.Authorization;

namespace ActorWelfare.Dashboard.Access;

/// <summary>
/// Pages of a city's records (<c>/citta/{City}/…</c>) open for people with a role in that city: the rule
/// the grains apply, checked before the page is drawn, both when it is first served (the resource is the
/// request) and when the live page routes (the resource is the route's data).
/// </summary>
public static class CityPolicy
{
    public const string Reader = "city-reader";

    /// <summary>The installation's own pages (the cluster's inner workings): an amministratore of every city.</summary>
    public const string InstallationAdministrator = "installation-administrator";

    public static IServiceCollection AddCityPolicy(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, CityReaderHandler>();
        return services.AddAuthorizationBuilder()
            .AddPolicy(Reader, p => p.RequireAuthenticatedUser().AddRequirements(new CityReaderRequirement()))
            .AddPolicy(InstallationAdministrator, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => CallerFactory.From(c.User).Holds(Roles.Amministratore, Grants.EveryCity))).Services;
    }

    /// <summary>The city a page is about, from the request or the route; null for a page of no city.</summary>
    public static string? CityOf(object? resource) => resource switch
    {
        HttpContext http => http.GetRouteValue("City") as string,
        Microsoft.AspNetCore.Components.RouteData route => route.RouteValues.FirstOrDefault(v => string.Equals(v.Key, "City", StringComparison.OrdinalIgnoreCase)).Value as string,
        _ => null,
    };

    private sealed class CityReaderRequirement : IAuthorizationRequirement;

    private sealed class CityReaderHandler : AuthorizationHandler<CityReaderRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CityReaderRequirement requirement)
        {
            if (CityOf(context.Resource) is not { } city || CallerFactory.From(context.User).MayRead(city)) context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
