using ActorWelfare.Activities;
using ActorWelfare.Keys;
using ActorWelfare.Quartieri;
using ActorWelfare.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ActorWelfare.Silo.Storage;

/// <summary>Activity states in the <c>activity</c> table and their audit in <c>activity_audit</c>.</summary>
public sealed class PostgresActivityStore(NpgsqlDataSource database) : IActivityStore
{
    public async Task<ActivityRecord?> LoadAsync(string city, ActivityKind kind, string id, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand("SELECT record FROM activity WHERE city = $1 AND kind = $2 AND id = $3");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = GrainKeys.KindId(kind) });
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteScalarAsync(ct) is string json ? ActivityJson.ReadRecord(json) : null;
    }

    public Task<(SaveOutcome Outcome, int? ClosedYear)> SaveAsync(ActivityRecord record, long expectedVersion, AuditEntry audit,
        IReadOnlyCollection<int> altersYears, CancellationToken ct = default) =>
        SaveTogetherAsync([new ActivityWrite(record, expectedVersion, audit)], altersYears, ct);

    /// <summary>
    /// Each record and its audit row in one statement (the audit row is inserted only when the state was
    /// written, i.e. when the stored version was the expected one), all in one transaction.
    /// </summary>
    public async Task<(SaveOutcome Outcome, int? ClosedYear)> SaveTogetherAsync(IReadOnlyList<ActivityWrite> writes,
        IReadOnlyCollection<int> altersYears, CancellationToken ct = default)
    {
        var city = writes[0].Record.City;
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (altersYears.Count > 0)
        {
            // Shared locks on the years: a close (exclusive) waits for this save, or this save waits for the
            // close and then sees it. Either way no edit lands in a year closed while it was being saved.
            var years = altersYears.Distinct().Order().ToArray();
            await using (var lockYears = new NpgsqlCommand(
                "SELECT pg_advisory_xact_lock_shared(hashtext('aw-year:' || $1), y) FROM unnest($2::int[]) AS y", connection, transaction))
            {
                lockYears.Parameters.Add(new() { Value = city });
                lockYears.Parameters.Add(new() { Value = years });
                await lockYears.ExecuteNonQueryAsync(ct);
            }
            await using var check = new NpgsqlCommand("SELECT min(year) FROM closed_year WHERE city = $1 AND year = ANY($2)", connection, transaction);
            check.Parameters.Add(new() { Value = city });
            check.Parameters.Add(new() { Value = years });
            if (await check.ExecuteScalarAsync(ct) is int closed) return (SaveOutcome.YearClosed, closed);
        }
        foreach (var w in writes)
            if (!await WriteAsync(connection, transaction, w, ct)) return (SaveOutcome.Conflict, null); // disposed uncommitted: rolled back
        await transaction.CommitAsync(ct);
        return (SaveOutcome.Saved, null);
    }

    private static async Task<bool> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ActivityWrite w, CancellationToken ct)
    {
        var write = w.ExpectedVersion == 0
            ? """
              INSERT INTO activity (city, kind, id, version, deleted, start_year, end_year, quartieri, record, updated_at, organisations)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $18) ON CONFLICT DO NOTHING RETURNING 1
              """
            : """
              UPDATE activity SET version = $4, deleted = $5, start_year = $6, end_year = $7, quartieri = $8, record = $9, updated_at = $10, organisations = $18
              WHERE city = $1 AND kind = $2 AND id = $3 AND version = $17 RETURNING 1
              """;
        await using var command = new NpgsqlCommand($"""
            WITH written AS ({write})
            INSERT INTO activity_audit (city, kind, id, version, at, actor_id, actor_name, command, change, before, after)
            SELECT $1, $2, $3, $4, $11, $12, $13, $14, $15, $16, $9 FROM written
            """, connection, transaction);
        var (record, audit) = (w.Record, w.Audit);
        var json = ActivityJson.Write(record);
        command.Parameters.Add(new() { Value = record.City });
        command.Parameters.Add(new() { Value = GrainKeys.KindId(record.Kind) });
        command.Parameters.Add(new() { Value = record.Id });
        command.Parameters.Add(new() { Value = record.Version });
        command.Parameters.Add(new() { Value = record.Deleted });
        command.Parameters.Add(new() { Value = record.Profile.StartYear });
        command.Parameters.Add(new() { Value = (object?)record.Profile.EndYear ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = record.IndexedDistricts().ToArray() });
        command.Parameters.Add(new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = record.UpdatedAt });
        command.Parameters.Add(new() { Value = audit.At });
        command.Parameters.Add(new() { Value = audit.Actor.UserId });
        command.Parameters.Add(new() { Value = audit.Actor.Name });
        command.Parameters.Add(new() { Value = audit.Command });
        command.Parameters.Add(new() { Value = audit.ChangeJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = audit.Before is null ? DBNull.Value : ActivityJson.Write(audit.Before), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = w.ExpectedVersion });
        command.Parameters.Add(new() { Value = record.IndexedOrganisations().ToArray() });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task SetYearClosedAsync(string city, int year, bool closed, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('aw-year:' || $1), $2)", connection, transaction))
        {
            take.Parameters.Add(new() { Value = city });
            take.Parameters.Add(new() { Value = year });
            await take.ExecuteNonQueryAsync(ct);
        }
        await using var command = new NpgsqlCommand(closed
            ? "INSERT INTO closed_year (city, year) VALUES ($1, $2) ON CONFLICT DO NOTHING"
            : "DELETE FROM closed_year WHERE city = $1 AND year = $2", connection, transaction);
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
        await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<ActivityRef>> ListQuartiereAsync(string city, string quartiere, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand(
            "SELECT kind, id FROM activity WHERE city = $1 AND $2 = ANY(quartieri) AND NOT deleted ORDER BY kind, id COLLATE \"C\"");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = quartiere });
        var list = new List<ActivityRef>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(new ActivityRef(GrainKeys.ParseKind(reader.GetString(0)), reader.GetString(1)));
        return [.. list.OrderBy(r => r.Kind).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<ActivityRecord>> ListOrganisationAsync(string city, string organisation, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand(
            "SELECT record FROM activity WHERE city = $1 AND organisations @> ARRAY[$2] AND NOT deleted ORDER BY kind, id COLLATE \"C\"");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = organisation });
        return await ReadRecordsAsync(command, ct);
    }

    // The year and the ones NET.CONT looks back to (an activity that ended then still says who was active).
    private static readonly string TouchesYear =
        $"city = $1 AND start_year <= $2 AND (end_year IS NULL OR end_year >= $2 - {ActorWelfare.Domain.ContributionVector.ContinuityYears})";

    public async Task<IReadOnlyList<ActivityRecord>> LoadCityYearAsync(string city, int year, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand($"SELECT record FROM activity WHERE {TouchesYear}");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
        return await ReadRecordsAsync(command, ct);
    }

    private static async Task<IReadOnlyList<ActivityRecord>> ReadRecordsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var list = new List<ActivityRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(ActivityJson.ReadRecord(reader.GetString(0)));
        return list;
    }

    public async Task<IReadOnlyDictionary<string, long>> VersionsAsync(string city, int year, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand($"SELECT kind, id, version FROM activity WHERE {TouchesYear}");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            versions[GrainKeys.Activity(city, GrainKeys.ParseKind(reader.GetString(0)), reader.GetString(1))] = reader.GetInt64(2);
        return versions;
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(string city, ActivityKind kind, string id, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand("""
            SELECT version, at, actor_id, actor_name, command, change::text, before::text, after::text
            FROM activity_audit WHERE city = $1 AND kind = $2 AND id = $3 ORDER BY version
            """);
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = GrainKeys.KindId(kind) });
        command.Parameters.Add(new() { Value = id });
        var list = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new AuditEntry(city, kind, id, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1),
                new Actor(reader.GetString(2), reader.GetString(3)), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : ActivityJson.ReadRecord(reader.GetString(6)), ActivityJson.ReadRecord(reader.GetString(7))));
        return list;
    }
}
