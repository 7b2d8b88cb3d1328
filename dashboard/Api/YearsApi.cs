using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Dashboard.Access;
using ActorWelfare.Dashboard.Cluster;
using ActorWelfare.Dashboard.Reports;
using ActorWelfare.Keys;
using ActorWelfare.Territories;
using ActorWelfare.Years;

namespace ActorWelfare.Dashboard.Api;

/// <summary>Closing a year, reopening it, snapshots and their exports (docs/api.md#years).</summary>
public static class YearsApi
{
    public sealed record ReopenRequest(string? Reason);
    public sealed record SnapshotRequest(string? Label);
    public sealed record ReadyRequest(string? Quartiere, bool? Ready);

    public static IEndpointRouteBuilder MapYearsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/cities/{city}/years/{year}").RequireAuthorization().RequireCityRole();

        api.MapGet("", async (string city, string year, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if (Check(city, year, cities, cluster) is { } problem) return problem;
            var grain = Grain(cluster, city, year);
            return Results.Ok(new { status = await grain.GetStatus(), snapshots = await grain.ListSnapshots() });
        });

        api.MapPost("/close", async (string city, string year, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
            Check(city, year, cities, cluster) ?? Answer(await Grain(cluster, city, year).Close()));

        api.MapPost("/reopen", async (string city, string year, ReopenRequest body, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
            Check(city, year, cities, cluster) ?? Answer(await Grain(cluster, city, year).Reopen(body.Reason ?? "")));

        api.MapGet("/completeness", async (string city, string year, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
            Check(city, year, cities, cluster) ?? Results.Ok(await Grain(cluster, city, year).GetCompleteness()));

        api.MapPost("/ready", async (string city, string year, ReadyRequest body, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
            Check(city, year, cities, cluster)
            ?? (body.Ready is not { } ready ? ApiErrors.Problem(StatusCodes.Status400BadRequest, "ready", "required", ApiErrors.Labelled("ready", "is required: true or false."))
                : Answer(await Grain(cluster, city, year).MarkReady(body.Quartiere ?? "", ready))));

        api.MapPost("/snapshots", async (string city, string year, SnapshotRequest body, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if (Check(city, year, cities, cluster) is { } problem) return problem;
            var result = await Grain(cluster, city, year).TakeSnapshot(body.Label ?? "");
            return result.Snapshot is { } info ? Results.Created($"/api/v1/cities/{city}/years/{year}/snapshots/{info.Id}", info) : Answer(result);
        });

        api.MapGet("/snapshots/{id:guid}", async (string city, string year, Guid id, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if (Check(city, year, cities, cluster) is { } problem) return problem;
            return await Grain(cluster, city, year).GetSnapshot(id) is { } snapshot ? Results.Ok(snapshot) : SnapshotNotFound(id);
        });

        // One file per format and language (?lang=it, the default, or en); the same snapshot always gives the same bytes.
        api.MapGet("/snapshots/{id:guid}/export.{format}", async (string city, string year, Guid id, string format, string? lang,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster, ActorWelfare.Dashboard.Reports.ExportGate gate, HttpContext http) =>
        {
            if (Check(city, year, cities, cluster) is { } problem) return problem;
            if (!SnapshotExports.Formats.ContainsKey(format))
                return ApiErrors.Problem(StatusCodes.Status400BadRequest, "format", "export-format", $"format: '{format}' must be one of {string.Join(", ", SnapshotExports.Formats.Keys)}.");
            if (lang is not (null or "it" or "en"))
                return ApiErrors.Problem(StatusCodes.Status400BadRequest, "lang", "language", $"lang: '{lang}' must be it or en.");
            if (await Grain(cluster, city, year).GetSnapshot(id) is not { } snapshot) return SnapshotNotFound(id);
            var names = await OrganisationNames.ForAsync(cluster.Client!, snapshot);
            // At most ExportsAtOnce at a time on this host; a request that finds no slot free for a while is told to come back.
            if (!await gate.EnterAsync(TimeSpan.FromSeconds(15), http.RequestAborted))
            {
                http.Response.Headers.RetryAfter = "30";
                return ApiErrors.Problem(StatusCodes.Status429TooManyRequests, "export", "exports-at-once",
                    $"export: this server is writing {gate.AtOnce} exports already; retry in a little while.");
            }
            try
            {
                var (bytes, contentType) = SnapshotExports.Write(format, new ReportModel(snapshot, cities[city], english: lang == "en", organisationNames: names));
                return Results.File(bytes, contentType, SnapshotExports.FileName(snapshot.Info, format));
            }
            finally
            {
                gate.Leave();
            }
        });
        // An export written for a page (ExportJobs), fetched by the person who asked for it.
        app.MapGet("/api/v1/exports/{id:guid}", (Guid id, ExportJobs jobs, System.Security.Claims.ClaimsPrincipal user) =>
            jobs.Find(id, Access.CallerFactory.From(user).UserId) is { Bytes: { } bytes } job ? Results.File(bytes, job.ContentType, job.FileName)
                : ApiErrors.Problem(StatusCodes.Status404NotFound, "id", "ready-export", $"id: no finished export '{id}' of yours.")).RequireAuthorization();

        // Two snapshots side by side: every figure and breakdown item, with the change and the marks.
        app.MapGet("/api/v1/cities/{city}/compare", async (string city, int fromYear, Guid from, int toYear, Guid to,
            IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        {
            if ((Check(city, fromYear.ToString(CultureInfo.InvariantCulture), cities, cluster) ?? Check(city, toYear.ToString(CultureInfo.InvariantCulture), cities, cluster)) is { } problem) return problem;
            var a = await Grain(cluster, city, fromYear.ToString(CultureInfo.InvariantCulture)).GetSnapshot(from);
            var b = await Grain(cluster, city, toYear.ToString(CultureInfo.InvariantCulture)).GetSnapshot(to);
            if (a is null) return SnapshotNotFound(from);
            if (b is null) return SnapshotNotFound(to);
            var model = new ComparisonModel(a, b, cities[city]);
            return Results.Ok(new
            {
                from = a.Info, to = b.Info,
                rows = model.Rows.Select(r => new { r.Code, r.Label, r.Item, r.ItemLabel, r.From, r.To, r.Change, r.PercentChange, r.BaseFrom, r.BaseTo, r.Notes, r.OnlyInOneYear, r.Marked }),
            });
        }).RequireAuthorization().RequireCityRole();
        return app;
    }

    private static IYearGrain Grain(ClusterConnection cluster, string city, string year) =>
        cluster.Client!.GetGrain<IYearGrain>(GrainKeys.CityYear(city, int.Parse(year, CultureInfo.InvariantCulture)));

    private static IResult SnapshotNotFound(Guid id) => ApiErrors.Problem(StatusCodes.Status404NotFound, "id", "exists", $"id: no snapshot '{id}' for this city and year.");

    // The year's state is "yearStatus" in a refusal: "status" is the HTTP status there.
    private static readonly Dictionary<string, string> YearStatusMember = new(StringComparer.Ordinal) { ["status"] = "yearStatus" };

    private static IResult Answer(YearResult result) => result.Outcome switch
    {
        CommandOutcome.Accepted or CommandOutcome.Unchanged => Results.Ok(result),
        CommandOutcome.Forbidden => new Refusal(StatusCodes.Status403Forbidden, result, result.Errors, "role: your role does not allow this.", YearStatusMember),
        _ => new Refusal(StatusCodes.Status400BadRequest, result, result.Errors, "year: refused.", YearStatusMember),
    };

    private static IResult? Check(string city, string year, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster) =>
        ApiErrors.CheckCityYear(city, year, cities, cluster);
}
