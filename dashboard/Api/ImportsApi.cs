using ActorWelfare.Activities;
using ActorWelfare.Dashboard.Access;
using ActorWelfare.Dashboard.Cluster;
using ActorWelfare.Imports;
using ActorWelfare.Keys;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Api;

/// <summary>POST /api/v1/cities/{city}/imports (CSV or JSON, docs/import.md) and the import's progress.</summary>
public static class ImportsApi
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/cities/{city}/imports").RequireAuthorization(p => p.RequireRole(ActorWelfare.Access.Roles.Operatore))
            .RequireCityRole(ActorWelfare.Access.Roles.Operatore);

        api.MapPost("", async (string city, bool? wait, HttpRequest request, IReadOnlyDictionary<string, Territory> cities, ClusterConnection cluster,
            Security.ImportLimiter limiter) =>
        {
            if (!cities.ContainsKey(city)) return ApiErrors.UnknownCity(city);
            if (!limiter.TryStart(ActorWelfare.Access.CallerContext.Current?.UserId ?? request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? ""))
            {
                request.HttpContext.Response.Headers.RetryAfter = "60";
                return Security.RateLimits.TooMany();
            }
            if (!cluster.IsConnected) return ApiErrors.ClusterUnavailable();
            var (file, problem) = await ReadFileAsync(request);
            if (problem is not null) return problem;
            var (grain, status) = await cluster.Client!.StartImportAsync(city, file!.Value.Content, file.Value.Format, file.Value.Name);
            if (wait == false) return Results.Accepted($"/api/v1/cities/{city}/imports/{IdOf(status)}", status);
            while (!status.Finished)
            {
                await Task.Delay(100, request.HttpContext.RequestAborted);
                status = await grain.GetStatus();
            }
            return Answer(status);
        // No Accepts metadata: routing would answer other content types with a bare 415; ReadFileAsync names the rule.
        }).DisableAntiforgery()
          .Produces<ActorWelfare.Imports.ImportStatus>().Produces<ActorWelfare.Imports.ImportStatus>(StatusCodes.Status422UnprocessableEntity)
          .Produces<ActorWelfare.Imports.ImportStatus>(StatusCodes.Status202Accepted);

        // Template files made from the city's territory, in the caller's district and the city's current year.
        api.MapGet("/template.csv", (string city, IReadOnlyDictionary<string, Territory> cities, Cities.CityCalendar calendar) =>
            TemplateOf(city, cities, calendar) is { } t ? Results.File(t.Csv(), "text/csv; charset=utf-8", t.FileName("csv")) : ApiErrors.UnknownCity(city));
        api.MapGet("/template.json", (string city, IReadOnlyDictionary<string, Territory> cities, Cities.CityCalendar calendar) =>
            TemplateOf(city, cities, calendar) is { } t ? Results.File(t.Json(), "application/json; charset=utf-8", t.FileName("json")) : ApiErrors.UnknownCity(city));

        api.MapGet("/{id}", async (string city, string id, ClusterConnection cluster, IReadOnlyDictionary<string, Territory> cities) =>
        {
            if (!cities.ContainsKey(city)) return ApiErrors.UnknownCity(city);
            if (!GrainKeys.IsValidId(id) || id.Length != 64)
                return ApiErrors.Problem(StatusCodes.Status400BadRequest, "id", "sha256", "id: an import id is the 64 hex digits of its SHA-256.");
            if (!cluster.IsConnected) return ApiErrors.ClusterUnavailable();
            var status = await cluster.Client!.GetGrain<IImportGrain>($"{city}/{id}").GetStatus();
            return status.Id.Length == 0 ? ApiErrors.Problem(StatusCodes.Status404NotFound, "id", "exists", $"id: no import '{id}'.") : Results.Ok(status);
        });
        return app;
    }

    private static ImportTemplates.ImportTemplate? TemplateOf(string city, IReadOnlyDictionary<string, Territory> cities, Cities.CityCalendar calendar)
    {
        if (!cities.TryGetValue(city, out var territory)) return null;
        var caller = ActorWelfare.Access.CallerContext.Current;
        var quartiere = territory.Quartieri.FirstOrDefault(q => caller?.MayWrite([$"{city}/{q.Id}"]) == true);
        // The city's office (city/*) looks after the activities of the whole city: its examples are of the whole city.
        var wholeCity = quartiere is null && caller?.MayWrite([ActorWelfare.Activities.ActivityRecord.WholeCityKey(city)]) == true;
        return new ImportTemplates.ImportTemplate(territory, wholeCity ? null : quartiere ?? territory.Quartieri[0], calendar.CurrentYear(city));
    }

    private static string IdOf(ImportStatus status) => status.Id.Split('/')[^1];

    // Every problem of the file stays in "problems" with its row; "errors" names them as every refusal does.
    private static Refusal Refused(int code, ImportStatus status) =>
        new(code, status, [.. status.Problems.Select(p => new ValidationError(p.Field, p.Rule, p.MessageIt, p.MessageEn))], "file: not applied.");

    private static IResult Answer(ImportStatus status) => status.Phase switch
    {
        ImportPhase.Applied => Results.Ok(status),
        ImportPhase.Refused when status.RefusedAs == CommandOutcome.Forbidden => Refused(StatusCodes.Status403Forbidden, status),
        ImportPhase.Refused => Refused(StatusCodes.Status422UnprocessableEntity, status),
        _ => Refused(StatusCodes.Status409Conflict, status),
    };

    /// <summary>The file from the body (text/csv or application/json) or from a form upload ("file").</summary>
    private static async Task<((byte[] Content, ImportFormat Format, string Name)? File, IResult? Problem)> ReadFileAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes) return (null, TooLarge());
        Stream body = request.Body;
        string? type = request.ContentType, name = "upload";
        if (request.HasFormContentType)
        {
            // A form post carried by the sign-in cookie could come from another site: it needs the antiforgery token.
            if (!Access.Tokens.ApiTokenHandler.HasBearer(request)
                && !await request.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>().IsRequestValidAsync(request.HttpContext))
                return (null, ApiErrors.Problem(StatusCodes.Status400BadRequest, "__RequestVerificationToken", "antiforgery",
                    "__RequestVerificationToken: a form post with the sign-in cookie needs the page's antiforgery token (programs use a bearer token)."));
            var form = await request.ReadFormAsync();
            if (form.Files.GetFile("file") is not { } upload)
                return (null, ApiErrors.Problem(StatusCodes.Status400BadRequest, "file", "required", "file: attach the file to import in the form field 'file'."));
            if (upload.Length > MaxBytes) return (null, TooLarge());
            body = upload.OpenReadStream();
            type = upload.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "application/json"
                : upload.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "text/csv" : upload.ContentType;
            name = Path.GetFileName(upload.FileName);
        }
        ImportFormat? format = type?.Split(';')[0].Trim().ToLowerInvariant() switch
        {
            "text/csv" => ImportFormat.Csv,
            "application/json" => ImportFormat.Json,
            _ => null,
        };
        if (format is null)
            return (null, ApiErrors.Problem(StatusCodes.Status415UnsupportedMediaType, "Content-Type", "csv-or-json",
                $"Content-Type: '{type}' is not importable; send text/csv or application/json (or a .csv or .json file)."));
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) return (null, TooLarge());
        }
        if (buffer.Length == 0) return (null, ApiErrors.Problem(StatusCodes.Status400BadRequest, "file", "not-empty", "file: the file is empty."));
        return ((buffer.ToArray(), format.Value, name), null);
    }

    private static IResult TooLarge() =>
        ApiErrors.Problem(StatusCodes.Status413PayloadTooLarge, "file", "max-size", $"file: larger than {MaxBytes / 1024 / 1024} MB; split it into smaller files.");
}
