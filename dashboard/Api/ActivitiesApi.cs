using System.Security.Claims;
using System.Text.Json;
using ActorWelfare.Activities;
using ActorWelfare.Dashboard.Access;
using ActorWelfare.Dashboard.ActivityViews;
using ActorWelfare.Dashboard.Cities;
using ActorWelfare.Dashboard.Cluster;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Quartieri;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Api;

/// <summary>A command sent through the API, with the version of the activity it is based on.</summary>
public sealed record CommandRequest(long ExpectedVersion, ActivityCommand Command);

/// <summary>A merge: the organisation the one in the address becomes (of the same city; another city is refused).</summary>
public sealed record OrganisationMergeRequest(string? Into, string? IntoCity = null);

/// <summary>Activity reads and commands under /api/v1/cities/{city}/activities (docs/api.md).</summary>
public static class ActivitiesApi
{
    public static IEndpointRouteBuilder MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        // Activity records may carry personal data: every call needs a signed-in person or a token. Who
        // may change what is decided by the grains from the caller the request hands down.
        var api = app.MapGroup("/api/v1/cities/{city}").RequireAuthorization().RequireCityRole();

        // Paged: at most MaxPageSize summaries an answer; X-Total-Count and Link (next, prev) say the rest.
        // With figure (and item, breakdown, year, scope, snapshot): the activities behind a figure, as the page's drill-through.
        api.MapGet("/activities", async (string city, string? kind, string? quartiere, string? status, string? theme,
            string? figure, string? item, string? breakdown, int? year, string? scope, Guid? snapshot,
            string? page, string? pageSize, HttpContext http, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if (Check(city, cities, cluster) is { } problem) return problem;
            var paging = ApiPaging.Read(page, pageSize);
            var (drill, drillProblems) = ActivityViews.FigureDrill.Parse(cities[city], figure, item, breakdown, year, scope, snapshot);
            if (paging.Problems.Concat(drillProblems).ToList() is { Count: > 0 } problems) return ApiErrors.Problems(StatusCodes.Status400BadRequest, problems);
            var records = drill is null ? await ActivityQueries.ListAsync(cluster.Client!, cities[city], quartiere)
                : await drill.RecordsAsync(cluster.Client!, city);
            if (records is null) return ApiErrors.Problem(StatusCodes.Status404NotFound, "snapshot", "exists", $"snapshot: no snapshot '{snapshot}' of {city} {year}.");
            var matching = records.Where(r => ActivityQueries.Matches(r, kind, status, theme)).ToList();
            return Results.Ok(paging.Apply(http, matching).Select(ActivityQueries.Summary));
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
        });

        api.MapPost("/activities/{kind}/{id}/commands", async (string city, string kind, string id, HttpRequest request, ClaimsPrincipal user,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster, CityCalendar calendar,
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
            var grain = cluster.Client!.Activity(city, GrainKeys.ParseKind(kind), id);
            // A dated change without "fromYear" applies from the city's current open year (docs/api.md), never to the whole past.
            var current = await grain.Get();
            var dated = !ReferenceEquals(ChangeYear.WithDefault(body.Command, current, calendar.CurrentYear(city)), body.Command);
            var closed = dated
                ? await ClosedYearsAsync(cluster.Client!, city, ChangeYear.YearsToAsk(current.Profile, calendar.CurrentYear(city)))
                : new HashSet<int>();
            var command = ChangeYear.WithDefault(body.Command, current, calendar.CurrentYear(city), closed);
            return Answer(await grain.Execute(command, body.ExpectedVersion));
        }).Accepts<CommandRequest>("application/json").Produces<CommandResult>().Produces<CommandResult>(StatusCodes.Status409Conflict)
          .Produces<CommandResult>(StatusCodes.Status403Forbidden).Produces<CommandResult>(StatusCodes.Status400BadRequest);

        api.MapGet("/organisations", async (string city, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
            Check(city, cities, cluster) ?? Results.Ok(await cluster.Client!.GetGrain<IOrganisationRegistryGrain>(city).List()));

        api.MapPost("/organisations", async (string city, Organisation organisation, ClaimsPrincipal user,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if (Check(city, cities, cluster) is { } problem) return problem;
            return Answer(await cluster.Client!.GetGrain<IOrganisationRegistryGrain>(city).Register(organisation));
        });

        // One organisation: the record, the ids merged into it, its activities year by year and its ties.
        api.MapGet("/organisations/{id}", async (string city, string id, IReadOnlyDictionary<string, Territory> cities,
            ClusterConnection cluster, CityCalendar calendar) =>
        {
            if (Check(city, cities, cluster, id: id) is { } problem) return problem;
            return await cluster.Client!.GetGrain<IOrganisationRegistryGrain>(city).Profile(id, calendar.CurrentYear(city)) is { } profile
                ? Results.Ok(profile) : NotFound("organisation", id);
        });

        // Amministratori: the organisation becomes a tombstone and its activities name "into" from the first open year on.
        api.MapPost("/organisations/{id}/merge", async (string city, string id, OrganisationMergeRequest body,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if (Check(city, cities, cluster, id: id) is { } problem) return problem;
            return Answer(await cluster.Client!.GetGrain<IOrganisationRegistryGrain>(city).Merge(id, body.Into ?? "", body.IntoCity ?? city));
        });
        return app;
    }

    private static async Task<IReadOnlySet<int>> ClosedYearsAsync(IClusterClient client, string city, IEnumerable<int> years)
    {
        var asked = years.ToList();
        var closed = await Task.WhenAll(asked.Select(y => client.GetGrain<Years.IYearGrain>(GrainKeys.CityYear(city, y)).IsClosed()));
        return asked.Where((_, i) => closed[i]).ToHashSet();
    }

    /// <summary>The status code says what happened; the body is the grain's answer with its errors.</summary>
    public static IResult Answer(CommandResult result) => Answer(result.Outcome, result, result.Errors);

    private static IResult Answer(OrganisationResult result) => Answer(result.Outcome, result, result.Errors);

    private static IResult Answer<T>(CommandOutcome outcome, T body, IReadOnlyList<ValidationError> errors) => outcome switch
    {
        CommandOutcome.Accepted or CommandOutcome.Unchanged => Results.Ok(body),
        CommandOutcome.Conflict => new Refusal(StatusCodes.Status409Conflict, body!, errors, "version: changed meanwhile."),
        CommandOutcome.NotFound => new Refusal(StatusCodes.Status404NotFound, body!, errors, "id: not found."),
        CommandOutcome.Forbidden => new Refusal(StatusCodes.Status403Forbidden, body!, errors, "role: your role does not allow this."),
        _ => new Refusal(StatusCodes.Status400BadRequest, body!, errors, "request: refused."),
    };

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
        // Every quartiere of any time (an activity that ended before a reorganisation is listed too), and the
        // activities of the whole city ("*"), which may be in no district.
        var quartieri = territory.AllQuartieri.Select(q => q.Id).Append(ActivityRecord.WholeCity).Where(q => quartiere is null || q == quartiere).ToList();
        var refs = (await Task.WhenAll(quartieri.Select(q =>
            client.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere(territory.Id, q)).ListActivities()))).SelectMany(r => r).Distinct().ToList();
        var records = await Task.WhenAll(refs.Select(r => client.Activity(territory.Id, r.Kind, r.Id).Get()));
        return [.. records.Where(r => r.Exists).OrderBy(r => r.Kind).ThenBy(r => r.Profile.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("it-IT"), true)).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    public static bool Matches(ActivityRecord r, string? kind, string? status, string? theme) =>
        (string.IsNullOrEmpty(kind) || GrainKeys.KindId(r.Kind) == kind)
        && (string.IsNullOrEmpty(status) || r.Profile.Status == status)
        && (string.IsNullOrEmpty(theme) || r.Profile.Themes?.Contains(theme) == true || r.Profile.Activities?.Contains(theme) == true);

    public static object Summary(ActivityRecord r) => new
    {
        Kind = GrainKeys.KindId(r.Kind), r.Id, r.Profile.Name, r.Profile.Quartieri, r.Profile.CityWide, r.Profile.Status,
        r.Profile.StartYear, r.Profile.EndYear, r.Version,
    };
}
