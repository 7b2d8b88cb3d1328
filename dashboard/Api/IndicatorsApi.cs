using System.Globalization;
using System.Security.Claims;
using ActorWelfare.Dashboard.Access;
using ActorWelfare.Dashboard.Cluster;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Api;

/// <summary>GET /api/v1/cities, …/indicators and …/verify (documented in docs/api.md).</summary>
public static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1");

        api.MapGet("/cities", (IReadOnlyDictionary<string, Territory> cities) =>
            Results.Ok(cities.Values.Select(t => new
            {
                t.Id, t.Name, t.DistrictTerm,
                Quartieri = t.Quartieri.Select(q => new { q.Id, q.Name, q.Zones }),
            })));

        api.MapGet("/cities/{city}", (string city, IReadOnlyDictionary<string, Territory> cities) =>
            cities.TryGetValue(city, out var t) ? Results.Ok(t) : ApiErrors.UnknownCity(city));

        api.MapGet("/cities/{city}/years/{year}/indicators", async (string city, string year,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster, ClaimsPrincipal user, AccessOptions access) =>
        {
            if ((Check(city, year, cities, cluster) ?? OpenOrSignedIn(city, user, access)) is { } problem) return problem;
            var document = await cluster.Client!.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear(city, int.Parse(year, CultureInfo.InvariantCulture))).GetDocument();
            return Results.Ok(document);
        });

        api.MapGet("/cities/{city}/years/{year}/quartieri/{quartiere}/indicators", async (string city, string year, string quartiere,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster, ClaimsPrincipal user, AccessOptions access) =>
        {
            if ((Check(city, year, cities, cluster) ?? OpenOrSignedIn(city, user, access)) is { } problem) return problem;
            if (cities[city].FindQuartiere(quartiere) is null)
                return ApiErrors.Problem(StatusCodes.Status404NotFound, "quartiere", "configured", $"quartiere: '{quartiere}' is not a quartiere of {city}.");
            var document = await cluster.Client!.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear(city, int.Parse(year, CultureInfo.InvariantCulture))).GetDocument();
            return Results.Ok(new { document.City, document.Year, Quartiere = quartiere, document.Version, document.AsOf, Indicators = document.Quartieri[quartiere] });
        });

        // Recomputes every figure from the stored activities and compares it with the live document.
        api.MapGet("/cities/{city}/years/{year}/verify", async (string city, string year,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if (Check(city, year, cities, cluster) is { } problem) return problem;
            var report = await cluster.Client!.GetGrain<IVerifyGrain>(GrainKeys.CityYear(city, int.Parse(year, CultureInfo.InvariantCulture))).Verify();
            return Results.Ok(new { report.City, report.Year, report.Equal, report.LiveVersion, report.Activities, report.Differences });
        }).RequireAuthorization(p => p.RequireRole(ActorWelfare.Access.Roles.Analista, ActorWelfare.Access.Roles.Amministratore))
          .RequireCityRole(ActorWelfare.Access.Roles.Analista, ActorWelfare.Access.Roles.Amministratore);
        return app;
    }

    /// <summary>Aggregates are open data only where the city publishes them; otherwise a role in the city is needed.</summary>
    private static IResult? OpenOrSignedIn(string city, ClaimsPrincipal user, AccessOptions access) =>
        access.IsOpenData(city) ? null
            : user.Identity?.IsAuthenticated != true
                ? ApiErrors.Problem(StatusCodes.Status401Unauthorized, "Authorization", "sign-in",
                    $"Authorization: {city} does not publish its indicators as open data; sign in or send a token.")
                : CityRoleFilter.Refusal(ActorWelfare.Access.CallerContext.Current, city, []);

    private static IResult? Check(string city, string year, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        ApiErrors.CheckCityYear(city, year, cities, cluster);
}
