using System.Text.Json;
using ActorWelfare.Activities;
using ActorWelfare.Keys;
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

    public async Task<bool> SaveAsync(ActivityRecord record, long expectedVersion, AuditEntry audit, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var sql = expectedVersion == 0
            ? """
              INSERT INTO activity (city, kind, id, version, deleted, start_year, end_year, quartieri, record, updated_at)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING
              """
            : """
              UPDATE activity SET version = $4, deleted = $5, start_year = $6, end_year = $7, quartieri = $8,
                                  record = $9, updated_at = $10
              WHERE city = $1 AND kind = $2 AND id = $3 AND version = $11
              """;
        await using (var write = new NpgsqlCommand(sql, connection, tx))
        {
            write.Parameters.Add(new() { Value = record.City });
            write.Parameters.Add(new() { Value = GrainKeys.KindId(record.Kind) });
            write.Parameters.Add(new() { Value = record.Id });
            write.Parameters.Add(new() { Value = record.Version });
            write.Parameters.Add(new() { Value = record.Deleted });
            write.Parameters.Add(new() { Value = record.Profile.StartYear });
            write.Parameters.Add(new() { Value = (object?)record.Profile.EndYear ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            write.Parameters.Add(new() { Value = record.Profile.Quartieri.ToArray() });
            write.Parameters.Add(new() { Value = ActivityJson.Write(record), NpgsqlDbType = NpgsqlDbType.Jsonb });
            write.Parameters.Add(new() { Value = record.UpdatedAt });
            if (expectedVersion != 0) write.Parameters.Add(new() { Value = expectedVersion });
            if (await write.ExecuteNonQueryAsync(ct) != 1) return false;
        }
        await using (var log = new NpgsqlCommand("""
            INSERT INTO activity_audit (city, kind, id, version, at, actor_id, actor_name, command, change, before, after)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, connection, tx))
        {
            log.Parameters.Add(new() { Value = audit.City });
            log.Parameters.Add(new() { Value = GrainKeys.KindId(audit.Kind) });
            log.Parameters.Add(new() { Value = audit.Id });
            log.Parameters.Add(new() { Value = audit.Version });
            log.Parameters.Add(new() { Value = audit.At });
            log.Parameters.Add(new() { Value = audit.Actor.UserId });
            log.Parameters.Add(new() { Value = audit.Actor.Name });
            log.Parameters.Add(new() { Value = audit.Command });
            log.Parameters.Add(new() { Value = audit.ChangeJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
            log.Parameters.Add(new() { Value = audit.Before is null ? DBNull.Value : ActivityJson.Write(audit.Before), NpgsqlDbType = NpgsqlDbType.Jsonb });
            log.Parameters.Add(new() { Value = ActivityJson.Write(audit.After), NpgsqlDbType = NpgsqlDbType.Jsonb });
            await log.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    private const string TouchesYear = "city = $1 AND start_year <= $2 AND (end_year IS NULL OR end_year >= $2)";

    public async Task<IReadOnlyList<ActivityRecord>> LoadCityYearAsync(string city, int year, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand($"SELECT record FROM activity WHERE {TouchesYear}");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
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
