using System.Globalization;
using System.Security.Claims;
using ActorWelfare.Access;
using ActorWelfare.Dashboard.Access;
using ActorWelfare.Dashboard.Access.Tokens;

namespace ActorWelfare.Dashboard.Api;

/// <summary>/api/v1/admin: tokens, users and the audit export, for administrators only (docs/api.md).</summary>
public static class AdminApi
{
    private static async Task<IResult> LockAsync(Caller actor, string id, bool locked, UserAdministration users) =>
        await users.SetLockedAsync(actor, id, locked) ? Results.Ok(await users.FindAsync(id))
            : ApiErrors.Problem(StatusCodes.Status404NotFound, "id", "exists", $"id: no user '{id}'.");

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").RequireAuthorization(p => p.RequireRole(Roles.Amministratore));

        admin.MapGet("/tokens", async (ApiTokenStore tokens, ClaimsPrincipal user) => Results.Ok(await tokens.ListAsync(CallerFactory.From(user))));

        admin.MapPost("/tokens", async (TokenRequest request, ApiTokenStore tokens, ClaimsPrincipal user) =>
        {
            if (tokens.Check(request, CallerFactory.From(user)) is { Count: > 0 } problems) return ApiErrors.Problems(StatusCodes.Status400BadRequest, problems);
            var issued = await tokens.IssueAsync(request, CallerFactory.From(user));
            return Results.Created($"/api/v1/admin/tokens/{issued.Token.Id}", issued);
        });

        admin.MapDelete("/tokens/{id:guid}", async (Guid id, ApiTokenStore tokens, ClaimsPrincipal user) =>
            await tokens.RevokeAsync(id, CallerFactory.From(user)) ? Results.NoContent()
                : ApiErrors.Problem(StatusCodes.Status404NotFound, "id", "active-token", $"id: no active token '{id}'."));

        admin.MapGet("/users", async (UserAdministration users, ClaimsPrincipal user) => Results.Ok(await users.ListAsync(CallerFactory.From(user))));

        admin.MapPost("/users", async (NewUser request, UserAdministration users, ClaimsPrincipal user) =>
        {
            var (created, errors) = await users.CreateAsync(CallerFactory.From(user), request);
            return errors.Count > 0 ? ApiErrors.Problems(StatusCodes.Status400BadRequest, errors)
                : Results.Created($"/api/v1/admin/users/{created!.Id}", created);
        });

        admin.MapPut("/users/{id}", async (string id, UserAssignment assignment, UserAdministration users, ClaimsPrincipal user) =>
        {
            var errors = await users.AssignAsync(CallerFactory.From(user), id, assignment);
            // A refusal about the id itself (no such person, or one of a city you do not administer) is "not found".
            if (errors.Count > 0) return ApiErrors.Problems(errors.Any(e => e.Field == "id") ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, errors);
            return Results.Ok(await users.FindAsync(id));
        });

        // Locking ends every open session of the person at once (their pages, hub connections and API calls).
        admin.MapPost("/users/{id}/lock", async (string id, UserAdministration users, ClaimsPrincipal user) =>
            await LockAsync(CallerFactory.From(user), id, true, users));
        admin.MapPost("/users/{id}/unlock", async (string id, UserAdministration users, ClaimsPrincipal user) =>
            await LockAsync(CallerFactory.From(user), id, false, users));

        // The audit log of every accepted change, as CSV (default) or JSON lines; filters are optional.
        admin.MapGet("/audit", async (string? city, string? from, string? to, string? format, AuditLog audit, HttpContext http,
            IReadOnlyDictionary<string, ActorWelfare.Territories.Territory> cities) =>
        {
            // The city is one of ours (it is also part of the file's name: nothing else may get there).
            if (city is not null && !cities.ContainsKey(city)) return ApiErrors.UnknownCity(city);
            var reader = CallerFactory.From(http.User);
            if (city is not null && !UserAdministration.Administers(reader, [city]))
                return ApiErrors.Problem(StatusCodes.Status403Forbidden, "city", "administered", $"city: you do not administer {city}.");
            if (Instant(from, "from") is { Problem: { } p1 }) return p1;
            if (Instant(to, "to") is { Problem: { } p2 }) return p2;
            if (format is not (null or "csv" or "json"))
                return ApiErrors.Problem(StatusCodes.Status400BadRequest, "format", "csv-or-json", $"format: '{format}' must be csv or json.");
            var rows = audit.ReadAsync(city, Instant(from, "from").Value, Instant(to, "to").Value, AuditLog.CitiesOf(reader));
            if (format == "json") return Results.Ok(rows);
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"actorwelfare-audit{(city is null ? "" : "-" + city)}.csv\"";
            await http.Response.WriteAsync(AuditLog.Utf8Bom + AuditLog.CsvHeader + "\r\n");
            await foreach (var row in rows) await http.Response.WriteAsync(AuditLog.CsvLine(row) + "\r\n");
            return Results.Empty;
        });

        // The administrative acts (append-only): accounts, rights, locks, tokens, registry, years.
        admin.MapGet("/acts", async (string? from, string? to, string? format, AdminActs acts, HttpContext http) =>
        {
            var problems = new[] { Instant(from, "from").Problem, Instant(to, "to").Problem }.OfType<IResult>().ToList();
            if (problems.Count > 0) return problems[0];
            if (format is not (null or "csv" or "json"))
                return ApiErrors.Problem(StatusCodes.Status400BadRequest, "format", "csv-or-json", $"format: '{format}' must be csv or json.");
            var rows = acts.ReadAsync(CallerFactory.From(http.User), Instant(from, "from").Value, Instant(to, "to").Value);
            if (format == "json")
                return Results.Ok(rows.Select(r => new { r.Seq, r.At, r.Act.ActorId, r.Act.ActorName, r.Act.Action, r.Act.City, r.Act.Target, r.Act.Before, r.Act.After }));
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"actorwelfare-admin-acts.csv\"";
            await http.Response.WriteAsync(AuditLog.Utf8Bom + AdminActs.CsvHeader + "\r\n");
            await foreach (var row in rows) await http.Response.WriteAsync(AdminActs.CsvLine(row) + "\r\n");
            return Results.Empty;
        });
        return app;
    }

    private static (DateTimeOffset? Value, IResult? Problem) Instant(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return (null, null);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? (value, null)
            : (null, ApiErrors.Problem(StatusCodes.Status400BadRequest, field, "date", $"{field}: '{text}' is not a date (e.g. 2026-01-31)."));
    }
}
