using System.Text.Json;
using ActorWelfare.Activities;
using ActorWelfare.Dashboard.Cluster;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Quartieri;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Api;

/// <summary>A command sent through the API, with the version of the activity it is based on.</summary>
public sealed record CommandRequest(long ExpectedVersion, ActivityCommand Command);

/// <summary>Activity reads and commands under /api/v1/cities/{city}/activities (docs/api.md).</summary>
public static class ActivitiesApi
{
    // Until sign-in exists every API change is recorded under this name.
    private static readonly Actor ApiActor = new("api", "API");

    public static IEndpointRouteBuilder MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/cities/{city}");

        api.MapGet("/activities", async (string city, string? kind, string? quartiere, string? status, string? theme,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if (Check(city, cities, cluster) is { } problem) return problem;
            var records = await ActivityQueries.ListAsync(cluster.Client!, cities[city], quartiere);
            return Results.Ok(records.Where(r => ActivityQueries.Matches(r, kind, status, theme)).Select(ActivityQueries.Summary));
        });

        api.MapGet("/activities/{kind}/{id}", async (string city, string kind, string id,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if (Check(city, cities, cluster, kind, id) is { } problem) return problem;
            var record = await cluster.Client!.Activity(city, GrainKeys.ParseKind(kind), id).Get();
            return record.Exists ? Results.Ok(record) : NotFound(kind, id);
        });

        api.MapGet("/activities/{kind}/{id}/history", async (string city, string kind, string id,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if (Check(city, cities, cluster, kind, id) is { } problem) return problem;
            return Results.Ok(await cluster.Client!.Activity(city, GrainKeys.ParseKind(kind), id).History());
        }).RequireAuthorization(); // the history names the people who made each change

        api.MapPost("/activities/{kind}/{id}/commands", async (string city, string kind, string id, HttpRequest request,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster,
            Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
        {
            if (Check(city, cities, cluster, kind, id) is { } problem) return problem;
            CommandRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<CommandRequest>(json.Value.SerializerOptions);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
            {
                return ApiErrors.Problem(StatusCodes.Status400BadRequest, "body", "json", $"body: not a valid command ({e.Message}).");
            }
            if (body?.Command is null)
                return ApiErrors.Problem(StatusCodes.Status400BadRequest, "command", "required", "command: is required.");
            var result = await cluster.Client!.Activity(city, GrainKeys.ParseKind(kind), id).Execute(body.Command, body.ExpectedVersion, ApiActor);
            return result.Outcome switch
            {
                CommandOutcome.Accepted or CommandOutcome.Unchanged => Results.Ok(result),
                CommandOutcome.Conflict => Results.Json(result, statusCode: StatusCodes.Status409Conflict),
                CommandOutcome.NotFound => Results.Json(result, statusCode: StatusCodes.Status404NotFound),
                _ => Results.Json(result, statusCode: StatusCodes.Status400BadRequest),
            };
        });

        api.MapGet("/organisations", async (string city, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
            Check(city, cities, cluster) ?? Results.Ok(await cluster.Client!.GetGrain<IOrganisationRegistryGrain>(city).List()));

        api.MapPost("/organisations", async (string city, Organisation organisation,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if (Check(city, cities, cluster) is { } problem) return problem;
            var result = await cluster.Client!.GetGrain<IOrganisationRegistryGrain>(city).Register(organisation, ApiActor);
            return result.Errors.Count == 0 ? Results.Ok(result) : Results.Json(result, statusCode: StatusCodes.Status400BadRequest);
        });
        return app;
    }

    private static IResult NotFound(string kind, string id) =>
        ApiErrors.Problem(StatusCodes.Status404NotFound, "id", "exists", $"id: no {kind} '{id}'.");

    private static IResult? Check(string city, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster,
        string? kind = null, string? id = null)
    {
        if (!cities.ContainsKey(city)) return ApiErrors.UnknownCity(city);
        if (kind is not null && kind is not ("progetto" or "tavolo" or "gruppo"))
            return ApiErrors.Problem(StatusCodes.Status400BadRequest, "kind", "activity-kind", $"kind: '{kind}' must be progetto, tavolo or gruppo.");
        if (id is not null && !GrainKeys.IsValidId(id))
            return ApiErrors.Problem(StatusCodes.Status400BadRequest, "id", "kebab-case", $"id: '{id}' is not a valid id (lower-case letters, digits and dashes).");
        return cluster.IsConnected ? null : ApiErrors.ClusterUnavailable();
    }
}

/// <summary>Reading activities for lists and pages.</summary>
public static class ActivityQueries
{
    public static async Task<IReadOnlyList<ActivityRecord>> ListAsync(IClusterClient client, Territory territory, string? quartiere = null)
    {
        var quartieri = territory.Quartieri.Where(q => quartiere is null || q.Id == quartiere).ToList();
        var refs = (await Task.WhenAll(quartieri.Select(q =>
            client.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere(territory.Id, q.Id)).ListActivities()))).SelectMany(r => r).Distinct().ToList();
        var records = await Task.WhenAll(refs.Select(r => client.Activity(territory.Id, r.Kind, r.Id).Get()));
        return [.. records.Where(r => r.Exists).OrderBy(r => r.Kind).ThenBy(r => r.Profile.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("it-IT"), true))];
    }

    public static bool Matches(ActivityRecord r, string? kind, string? status, string? theme) =>
        (string.IsNullOrEmpty(kind) || GrainKeys.KindId(r.Kind) == kind)
        && (string.IsNullOrEmpty(status) || r.Profile.Status == status)
        && (string.IsNullOrEmpty(theme) || r.Profile.Themes?.Contains(theme) == true || r.Profile.Activities?.Contains(theme) == true);

    public static object Summary(ActivityRecord r) => new
    {
        Kind = GrainKeys.KindId(r.Kind), r.Id, r.Profile.Name, r.Profile.Quartieri, r.Profile.Status,
        r.Profile.StartYear, r.Profile.EndYear, r.Version,
    };
}
