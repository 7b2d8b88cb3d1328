using System.Globalization;
using System.Text;
using Npgsql;

namespace ActorWelfare.Dashboard.Api;

/// <summary>One accepted change as the audit export lists it.</summary>
public sealed record AuditRow(long Seq, string City, string Kind, string Id, long Version, DateTimeOffset At,
    string ActorId, string ActorName, string Command, string Change);

/// <summary>
/// What the administration page filters the audit log by; null or empty means any. <see cref="Within"/> is
/// the amministratore's cities (null: every city), which no filter widens.
/// </summary>
public sealed record AuditFilter(string? City, string? Text, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<string>? Within = null);

/// <summary>One accepted change as the administration page lists it, with the activity's name after the change.</summary>
public sealed record AuditEntryView(long Seq, string City, string Kind, string Id, long Version, DateTimeOffset At,
    string ActorId, string ActorName, string Command, string? Name);

public sealed record AuditPage(IReadOnlyList<AuditEntryView> Rows, long Total);

/// <summary>Reads the audit log (table activity_audit, written by the activity grains) for the export.</summary>
public sealed class AuditLog(NpgsqlDataSource database)
{
    /// <param name="within">The cities the reader administers (null: every city).</param>
    public async IAsyncEnumerable<AuditRow> ReadAsync(string? city, DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<string>? within = null)
    {
        await using var command = database.CreateCommand(
            "SELECT seq, city, kind, id, version, at, actor_id, actor_name, command, change::text FROM activity_audit " +
            "WHERE ($1::text IS NULL OR city = $1) AND ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at < $3) " +
            "AND ($4::text[] IS NULL OR city = ANY($4)) ORDER BY seq");
        command.Parameters.Add(new() { Value = (object?)city ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(Cities(within));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            yield return new AuditRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6), reader.GetString(7),
                reader.GetString(8), reader.GetString(9));
    }

    /// <summary>
    /// One page of the log, newest first, for the administration page: <paramref name="filter"/>'s text
    /// matches the activity's id or name or the person's name (case-insensitive). Also how many rows match.
    /// </summary>
    public async Task<AuditPage> PageAsync(AuditFilter filter, int page, int size)
    {
        await using var command = database.CreateCommand(
            "SELECT seq, city, kind, id, version, at, actor_id, actor_name, command, after->'profile'->>'name', count(*) OVER () FROM activity_audit " +
            "WHERE ($1::text IS NULL OR city = $1) AND ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at < $3) " +
            "AND ($4::text IS NULL OR id ILIKE $4 OR actor_name ILIKE $4 OR after->'profile'->>'name' ILIKE $4) " +
            "AND ($7::text[] IS NULL OR city = ANY($7)) ORDER BY seq DESC LIMIT $5 OFFSET $6");
        var like = string.IsNullOrWhiteSpace(filter.Text) ? null : "%" + filter.Text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        command.Parameters.Add(new() { Value = (object?)filter.City ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)filter.From ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)filter.To ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)like ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = size });
        command.Parameters.Add(new() { Value = (long)page * size });
        command.Parameters.Add(Cities(filter.Within));
        var rows = new List<AuditEntryView>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditEntryView(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
            total = reader.GetInt64(10);
        }
        return new AuditPage(rows, total);
    }

    /// <summary>The cities an amministratore may read the logs of (null: every city).</summary>
    public static IReadOnlyList<string>? CitiesOf(ActorWelfare.Access.Caller reader) =>
        reader.Holds(ActorWelfare.Access.Roles.Amministratore, ActorWelfare.Access.Grants.EveryCity) ? null
            : [.. reader.CitiesOf(ActorWelfare.Access.Roles.Amministratore)];

    public static NpgsqlParameter Cities(IReadOnlyList<string>? within) =>
        new() { Value = (object?)within?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text };

    public static readonly string CsvHeader = "seq,city,kind,id,version,at,actor_id,actor_name,command,change";

    /// <summary>
    /// RFC 4180: every field quoted, quotes doubled; a field starting with = + - @, a tab or a carriage
    /// return is prefixed with ' so spreadsheets show it as text, never run it as a formula.
    /// </summary>
    public static string CsvLine(AuditRow r) => CsvFields(
    [
        r.Seq.ToString(CultureInfo.InvariantCulture), r.City, r.Kind, r.Id, r.Version.ToString(CultureInfo.InvariantCulture),
        r.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), r.ActorId, r.ActorName, r.Command, r.Change,
    ]);

    /// <summary>One CSV line of these fields, quoted and neutralised as above.</summary>
    public static string CsvFields(IEnumerable<string> fields) => string.Join(',', fields.Select(Quote));

    private static string Quote(string field)
    {
        var safe = field.Length > 0 && "=+-@\t\r".Contains(field[0]) ? "'" + field : field;
        return "\"" + safe.Replace("\"", "\"\"") + "\"";
    }

    public static string Utf8Bom => Encoding.UTF8.GetString(Encoding.UTF8.GetPreamble());
}
