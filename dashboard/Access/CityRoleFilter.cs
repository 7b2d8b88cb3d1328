using ActorWelfare.Access;
using ActorWelfare.Dashboard.Api;

namespace ActorWelfare.Dashboard.Access;

/// <summary>
/// Roles belong to cities: an API call about a city's records needs a role held in that city (one of
/// <c>roles</c> when given, any otherwise). The grains apply the same rule; this answers 403 with the
/// field and the rule before any grain is asked. A city the installation does not know is left to the
/// endpoint (404).
/// </summary>
public static class CityRoleFilter
{
    public static TBuilder RequireCityRole<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.GetRouteValue("city") is not string city) return await next(context);
            var cities = http.RequestServices.GetRequiredService<IReadOnlyDictionary<string, Territories.Territory>>();
            if (!cities.ContainsKey(city)) return await next(context);
            return Refusal(CallerContext.Current, city, roles, cities[city].Name) ?? await next(context);
        });

    /// <summary>403 naming the city when the caller holds none of the roles there (any role when none is named).</summary>
    public static IResult? Refusal(Caller caller, string city, string[] roles, string? cityName = null)
    {
        var allowed = roles.Length == 0 ? caller.MayRead(city) : roles.Any(r => caller.Holds(r, city));
        if (allowed) return null;
        var what = roles.Length == 0 ? "role" : string.Join(" or ", roles) + " role";
        return ApiErrors.Problem(StatusCodes.Status403Forbidden, "city", "role-in-city", $"city: you hold no {what} in {cityName ?? city}.");
    }
}
