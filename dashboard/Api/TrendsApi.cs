using ActorWelfare.Dashboard.Access;
using ActorWelfare.Dashboard.Cities;
using ActorWelfare.Dashboard.Cluster;
using ActorWelfare.Dashboard.Reports;
using ActorWelfare.Indicators;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Api;

/// <summary>/api/v1/cities/{city}/trends: a figure over every year the city has (docs/api.md), for people with a role in the city.</summary>
public static class TrendsApi
{
    public static IEndpointRouteBuilder MapTrendsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/cities/{city}/trends", async (string city, string? figure, string? item, string? breakdown, string? scope,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster, CityCalendar calendar) =>
        {
            if (!cities.TryGetValue(city, out var territory)) return ApiErrors.UnknownCity(city);
            var selector = new FigureSelector(figure ?? "", string.IsNullOrEmpty(item) ? null : item, string.IsNullOrEmpty(breakdown) ? null : breakdown,
                string.IsNullOrEmpty(scope) ? FigureSelector.City : scope);
            var problems = selector.Problems().ToList();
            if (selector.Scope != FigureSelector.City && territory.FindQuartiere(selector.Scope) is null)
                problems.Add(("scope", "district", $"scope: '{selector.Scope}' is not a district of {territory.Name}."));
            if (problems.Count > 0) return ApiErrors.Problems(StatusCodes.Status400BadRequest, problems);
            if (!cluster.IsConnected) return ApiErrors.ClusterUnavailable();
            var points = await TrendModel.ForAsync(cluster.Client!, territory, calendar.PickerYears(city), selector);
            return Results.Ok(new
            {
                city, figure = selector.Code, label = IndicatorCatalogue.LabelFor(selector.Code, territory), selector.Item, breakdown = selector.Named, scope = selector.Scope,
                points = points.Select(p => new { p.Year, p.Value, p.Base, p.Source, p.Snapshot, notes = p.Notes, p.Months }),
            });
        }).RequireAuthorization().RequireCityRole();
        return app;
    }
}
