using System.Globalization;
using ActorWelfare.Access;
using Npgsql;

namespace ActorWelfare.Dashboard.Access;

/// <summary>One administrative act as read back, with its place in the log and its time.</summary>
public sealed record AdminActRow(long Seq, DateTimeOffset At, AdminAct Act);

/// <summary>
/// The append-only log of administrative acts (<c>admin_audit</c>): written here for accounts, roles,
/// locks, tokens and sign-in rights (the silos write years and the organisation registry), read by the
/// administration page and the export.
/// </summary>
public sealed class AdminActs(NpgsqlDataSource database)
{
    /// <summary>Fails closed: an administrative act is carried out only for a current amministratore.</summary>
    public static void RequireAdministrator(Caller actor)
    {
        if (!actor.Has(Roles.Amministratore))
            throw new UnauthorizedAccessException("role: only an amministratore (signed in now, with that role) may do this.");
    }

    /// <summary>Records <paramref name="act"/>, inside <paramref name="transaction"/> when the act's own change is in one.</summary>
    public async Task RecordAsync(AdminAct act, NpgsqlTransaction? transaction = null)
    {
        await using var command = transaction is null ? database.CreateCommand() : new NpgsqlCommand { Connection = transaction.Connection, Transaction = transaction };
        command.CommandText = "INSERT INTO admin_audit (actor_id, actor_name, action, city, target, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)";
        foreach (var value in new object?[] { act.ActorId, act.ActorName, act.Action, act.City, act.Target, act.Before, act.After })
            command.Parameters.Add(new() { Value = value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Acts newest first, <paramref name="size"/> from <paramref name="skip"/>, optionally from and until an instant; and how many match.
    /// An amministratore of some cities reads the acts of those cities and their own (<see cref="Scope"/>).
    /// </summary>
    public async Task<(IReadOnlyList<AdminActRow> Rows, long Total)> PageAsync(Caller asker, DateTimeOffset? from, DateTimeOffset? to, int skip, int size)
    {
        await using var command = database.CreateCommand(
            $"SELECT {Columns}, count(*) OVER () FROM admin_audit WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2) " +
            $"AND {Scope} ORDER BY seq DESC LIMIT $5 OFFSET $6");
        AddRange(command, from, to);
        AddScope(command, asker);
        command.Parameters.Add(new() { Value = size });
        command.Parameters.Add(new() { Value = (long)skip });
        var rows = new List<AdminActRow>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Read(reader));
            total = reader.GetInt64(9);
        }
        return (rows, total);
    }

    /// <summary>Every act in order, for the export.</summary>
    public async IAsyncEnumerable<AdminActRow> ReadAsync(Caller asker, DateTimeOffset? from, DateTimeOffset? to)
    {
        await using var command = database.CreateCommand(
            $"SELECT {Columns} FROM admin_audit WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2) AND {Scope} ORDER BY seq");
        AddRange(command, from, to);
        AddScope(command, asker);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) yield return Read(reader);
    }

    public const string CsvHeader = "seq,at,actor_id,actor_name,action,city,target,before,after";

    /// <summary>One CSV line, neutralised as the activity audit's (no cell a spreadsheet would run).</summary>
    public static string CsvLine(AdminActRow r) => Api.AuditLog.CsvFields(
    [
        r.Seq.ToString(CultureInfo.InvariantCulture), r.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        r.Act.ActorId, r.Act.ActorName, r.Act.Action, r.Act.City ?? "", r.Act.Target, r.Act.Before ?? "", r.Act.After ?? "",
    ]);

    private const string Columns = "seq, at, actor_id, actor_name, action, city, target, before, after";

    private static AdminActRow Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), new AdminAct(
        r.GetString(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8)));

    // Every act for an amministratore of every city ($3 null); otherwise the acts of their cities, and their own.
    private const string Scope = "($3::text[] IS NULL OR city = ANY($3) OR actor_id = $4)";

    private static void AddScope(NpgsqlCommand command, Caller reader)
    {
        command.Parameters.Add(Api.AuditLog.Cities(Api.AuditLog.CitiesOf(reader)));
        command.Parameters.Add(new() { Value = reader.UserId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
    }

    private static void AddRange(NpgsqlCommand command, DateTimeOffset? from, DateTimeOffset? to)
    {
        command.Parameters.Add(new() { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
    }
}
