using System.Text.Json;
using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Storage;
using ActorWelfare.Years;
using Npgsql;
using NpgsqlTypes;

namespace ActorWelfare.Silo.Storage;

/// <summary>Snapshots in the <c>snapshot</c> table (migration 0009), inserted once and never changed.</summary>
public sealed class PostgresSnapshotStore(NpgsqlDataSource database) : ISnapshotStore
{
    private const string InfoColumns = "id, city, year, label, taken_by, taken_at, sha256, activities, year_closed";

    public async Task SaveAsync(Snapshot snapshot, CancellationToken ct = default)
    {
        var i = snapshot.Info;
        await using var command = database.CreateCommand($"INSERT INTO snapshot ({InfoColumns}, document, records, organisations, commentary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)");
        foreach (var value in new object[] { i.Id, i.City, i.Year, i.Label, i.TakenBy, i.TakenAt, i.Sha256, i.Activities, i.YearClosed })
            command.Parameters.Add(new() { Value = value });
        command.Parameters.Add(new() { Value = ActivityJson.Write(snapshot.Document), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new() { Value = ActivityJson.Write(snapshot.Records), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new()
        {
            Value = snapshot.OrganisationNames is null ? DBNull.Value : ActivityJson.Write(snapshot.OrganisationNames), NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new()
        {
            Value = snapshot.Commentary is null ? DBNull.Value : ActivityJson.Write(snapshot.Commentary), NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<SnapshotInfo>> ListAsync(string city, int year, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand($"SELECT {InfoColumns} FROM snapshot WHERE city = $1 AND year = $2 ORDER BY taken_at");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
        var list = new List<SnapshotInfo>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(Info(reader));
        return list;
    }

    public async Task<Snapshot?> LoadAsync(Guid id, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand($"SELECT {InfoColumns}, document::text, records::text, organisations::text, commentary::text FROM snapshot WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new Snapshot(Info(reader),
            JsonSerializer.Deserialize<IndicatorDocument>(reader.GetString(9), ActivityJson.Options)!,
            JsonSerializer.Deserialize<List<ActivityRecord>>(reader.GetString(10), ActivityJson.Options)!,
            reader.IsDBNull(11) ? null : JsonSerializer.Deserialize<SortedDictionary<string, string>>(reader.GetString(11), ActivityJson.Options),
            reader.IsDBNull(12) ? null : JsonSerializer.Deserialize<List<Commentary>>(reader.GetString(12), ActivityJson.Options));
    }

    private static SnapshotInfo Info(NpgsqlDataReader r) => new(r.GetGuid(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4),
        r.GetFieldValue<DateTimeOffset>(5), r.GetString(6), r.GetInt32(7), r.GetBoolean(8));
}
