using System.Security.Cryptography;
using System.Text;
using ActorWelfare.Access;
using ActorWelfare.Territories;
using Npgsql;

namespace ActorWelfare.Dashboard.Access.Tokens;

/// <summary>Issues, finds and revokes API tokens in PostgreSQL (table api_token, migration 0008).</summary>
public sealed class ApiTokenStore(NpgsqlDataSource database, IReadOnlyDictionary<string, Territory> cities, TimeProvider clock, AdminActs acts)
{
    public const string SecretPrefix = "awt_";
    public const int MaxDays = 730;

    /// <summary>Roles a token may carry: integrations never administer.</summary>
    public static readonly IReadOnlyList<string> TokenRoles = [Roles.Operatore, Roles.Direttore, Roles.Analista];

    /// <summary>The request's problems, each naming the field and the rule; empty when it can be issued.</summary>
    public IReadOnlyList<(string Field, string Rule, string Message)> Check(TokenRequest request, ActorWelfare.Access.Caller? by = null)
    {
        var errors = new List<(string, string, string)>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
            errors.Add(("name", "length", "name: required, at most 100 characters."));
        if (request.Role is null || !TokenRoles.Contains(request.Role))
            errors.Add(("role", "token-role", $"role: must be one of {string.Join(", ", TokenRoles)}."));
        foreach (var q in request.Quartieri ?? [])
            if (!IsQuartiere(q)) errors.Add(("quartieri", "configured", $"quartieri: '{q}' is not a configured city/quartiere."));
        if (request.Role is not null && request.Role != Roles.Operatore && (request.Quartieri ?? []).Count > 0)
            errors.Add(("quartieri", "operatore-only", "quartieri: only an operatore token has quartieri (a direttore or analista token has cities)."));
        if (request.Role == Roles.Operatore && (request.Quartieri ?? []).Count == 0)
            errors.Add(("quartieri", "required-for-operatore", "quartieri: an operatore token needs at least one quartiere."));
        if (request.Role is not null && request.Role != Roles.Operatore && (request.Cities ?? []).Count == 0)
            errors.Add(("cities", "required-for-role", "cities: a direttore or analista token holds its role in one or more cities (* for every city)."));
        foreach (var c in (request.Cities ?? []).Where(c => c != ActorWelfare.Access.Grants.EveryCity && !cities.ContainsKey(c)))
            errors.Add(("cities", "configured", $"cities: '{c}' is not a configured city."));
        if (request.Days is not { } d || d < 1 || d > MaxDays)
            errors.Add(("days", "range", $"days: must be between 1 and {MaxDays}."));
        if (by is not null && !by.Holds(Roles.Amministratore, ActorWelfare.Access.Grants.EveryCity))
        {
            var outside = (request.Role == Roles.Operatore ? [] : request.Cities ?? []).Concat((request.Quartieri ?? []).Select(q => q.Split('/')[0]))
                .Distinct().Where(c => c == ActorWelfare.Access.Grants.EveryCity || !by.Holds(Roles.Amministratore, c)).Order(StringComparer.Ordinal).ToList();
            if (outside.Count > 0) errors.Add(("cities", "administered", $"cities: you do not administer {string.Join(", ", outside)}."));
        }
        return errors;
    }

    private bool IsQuartiere(string key) =>
        key.Split('/') is [var city, var q] && cities.TryGetValue(city, out var t) && (q == ActorWelfare.Activities.ActivityRecord.WholeCity || t.FindQuartiere(q) is not null);

    /// <summary>Issues a token and records the act in the same transaction.</summary>
    public async Task<IssuedToken> IssueAsync(TokenRequest request, ActorWelfare.Access.Caller by)
    {
        AdminActs.RequireAdministrator(by);
        if (Check(request, by) is [var first, ..]) throw new ArgumentException(first.Message, first.Field);
        var issuedBy = by.Name;
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var token = new ApiToken(Guid.NewGuid(), request.Name!.Trim(), secret[..12], request.Role!,
            [.. (request.Quartieri ?? []).Distinct()], issuedBy, now, now.AddDays(request.Days!.Value), null, null, null,
            request.Role == Roles.Operatore ? [] : [.. (request.Cities ?? []).Distinct()]);
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO api_token (id, name, prefix, secret_sha256, role, quartieri, issued_by, issued_at, expires_at, cities) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", connection, transaction);
        command.Parameters.Add(new() { Value = token.Id });
        command.Parameters.Add(new() { Value = token.Name });
        command.Parameters.Add(new() { Value = token.Prefix });
        command.Parameters.Add(new() { Value = Hash(secret) });
        command.Parameters.Add(new() { Value = token.Role });
        command.Parameters.Add(new() { Value = token.Quartieri.ToArray() });
        command.Parameters.Add(new() { Value = issuedBy });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = token.ExpiresAt });
        command.Parameters.Add(new() { Value = token.Cities.ToArray() });
        await command.ExecuteNonQueryAsync();
        await acts.RecordAsync(ActorWelfare.Access.AdminAct.By(by, ActorWelfare.Access.AdminActions.TokenIssued, AccessRights.CityOfAct(token.Rights), Describe(token), null,
            string.Join(' ', [token.Rights.ToString(), $"until {token.ExpiresAt:yyyy-MM-dd}"])), transaction);
        await transaction.CommitAsync();
        return new IssuedToken(token, secret);
    }

    /// <summary>The tokens of the cities this amministratore administers.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(ActorWelfare.Access.Caller by)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM api_token ORDER BY issued_at DESC");
        return [.. (await ReadAsync(command)).Where(t => UserAdministration.Administers(by, t.CitiesHeld))];
    }

    /// <summary>Whether the token with this id is still neither revoked nor expired (a hub connection opened with it is re-checked).</summary>
    public async Task<bool> IsActiveAsync(Guid id, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand("SELECT revoked_at IS NULL AND expires_at > now() FROM api_token WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>The token with this secret, whether or not it is still valid; null when unknown.</summary>
    public async Task<ApiToken?> FindAsync(string secret)
    {
        await using var command = database.CreateCommand(
            $"UPDATE api_token SET last_used_at = now() WHERE secret_sha256 = $1 RETURNING {Columns}");
        command.Parameters.Add(new() { Value = Hash(secret) });
        return (await ReadAsync(command)) is [var first, ..] ? first : null;
    }

    /// <summary>Revokes a token; false when there is no such token or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(Guid id, ActorWelfare.Access.Caller by)
    {
        AdminActs.RequireAdministrator(by);
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            $"UPDATE api_token SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING {Columns}", connection, transaction);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = by.Name });
        if (await ReadAsync(command) is not [var token, ..]) return false;
        if (!UserAdministration.Administers(by, token.CitiesHeld)) return false; // another city's token: as if unknown (the transaction is not committed)
        await acts.RecordAsync(ActorWelfare.Access.AdminAct.By(by, ActorWelfare.Access.AdminActions.TokenRevoked, AccessRights.CityOfAct(token.Rights), Describe(token), "active", "revoked"), transaction);
        await transaction.CommitAsync();
        return true;
    }

    private static string Describe(ApiToken token) => $"{token.Name} ({token.Prefix}…)";

    private const string Columns =
        "id, name, prefix, role, quartieri, issued_by, issued_at, expires_at, revoked_at, revoked_by, last_used_at, cities";

    private static async Task<IReadOnlyList<ApiToken>> ReadAsync(NpgsqlCommand command)
    {
        var list = new List<ApiToken>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            list.Add(new ApiToken(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<string[]>(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                reader.GetFieldValue<string[]>(11)));
        return list;
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
