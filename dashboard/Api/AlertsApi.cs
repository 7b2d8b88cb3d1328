using ActorWelfare.Activities;
using ActorWelfare.Alerts;
using ActorWelfare.Dashboard.Access;
using ActorWelfare.Dashboard.Cluster;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Api;

/// <summary>A city's alerts, the answers to them and the city's alert rules (docs/alerts.md). The grain checks the caller.</summary>
public static class AlertsApi
{
    public sealed record AnswerRequest(string? Answer, DateOnly? Until);

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/cities/{city}/alerts").RequireAuthorization().RequireCityRole();

        api.MapGet("", async (string city, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
            Check(city, cities, cluster) ?? Results.Ok(await Grain(cluster, city).List()));

        api.MapPost("/{id}/answer", async (string city, string id, AnswerRequest body, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
            Check(city, cities, cluster) ?? Answer(await Grain(cluster, city).Respond(id, body.Answer ?? "", body.Until)));

        api.MapGet("/rules", async (string city, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
            Check(city, cities, cluster) ?? Results.Ok(await Grain(cluster, city).GetRules()));

        api.MapPut("/rules", async (string city, AlertRules body, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
            Check(city, cities, cluster) ?? Answer(await Grain(cluster, city).SetRules(body)));

        api.MapPost("/evaluate", async (string city, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if (Check(city, cities, cluster) is { } problem) return problem;
            try { return Results.Ok(await Grain(cluster, city).Evaluate()); }
            catch (UnauthorizedAccessException e) { return ApiErrors.Problem(StatusCodes.Status403Forbidden, "role", "analista", e.Message); }
        });
        return app;
    }

    private static IAlertsGrain Grain(ClusterConnection cluster, string city) => cluster.Client!.GetGrain<IAlertsGrain>(city);

    private static IResult Answer(AlertResult result) => result.Outcome switch
    {
        CommandOutcome.Accepted or CommandOutcome.Unchanged => Results.Ok(result),
        CommandOutcome.Forbidden => new Refusal(StatusCodes.Status403Forbidden, result, result.Errors, "role: your role does not allow this."),
        CommandOutcome.NotFound => new Refusal(StatusCodes.Status404NotFound, result, result.Errors, "id: not found."),
        _ => new Refusal(StatusCodes.Status400BadRequest, result, result.Errors, "request: refused."),
    };

    private static IResult? Check(string city, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        !cities.ContainsKey(city) ? ApiErrors.UnknownCity(city) : !cluster.IsConnected ? ApiErrors.ClusterUnavailable() : null;
}
