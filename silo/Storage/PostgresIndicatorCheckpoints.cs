using ActorWelfare.Storage;
using Npgsql;

namespace ActorWelfare.Silo.Storage;

/// <summary>Aggregators' checkpoints in the <c>indicator_checkpoint</c> table, one row per city-year.</summary>
public sealed class PostgresIndicatorCheckpoints(NpgsqlDataSource database) : IIndicatorCheckpoints
{
    public async Task<IndicatorCheckpoint?> LoadAsync(string city, int year, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand(
            "SELECT rules, as_of, activities, contributions FROM indicator_checkpoint WHERE city = $1 AND year = $2");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new IndicatorCheckpoint(city, year, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2),
            reader.GetFieldValue<byte[]>(3));
    }

    public async Task SaveAsync(IndicatorCheckpoint checkpoint, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO indicator_checkpoint (city, year, rules, as_of, activities, contributions, written_at)
            VALUES ($1, $2, $3, $4, $5, $6, now())
            ON CONFLICT (city, year) DO UPDATE SET rules = excluded.rules, as_of = excluded.as_of, activities = excluded.activities,
                contributions = excluded.contributions, written_at = excluded.written_at
            """);
        command.Parameters.Add(new() { Value = checkpoint.City });
        command.Parameters.Add(new() { Value = checkpoint.Year });
        command.Parameters.Add(new() { Value = checkpoint.Rules });
        command.Parameters.Add(new() { Value = checkpoint.AsOf });
        command.Parameters.Add(new() { Value = checkpoint.Activities });
        command.Parameters.Add(new() { Value = checkpoint.Contributions });
        await command.ExecuteNonQueryAsync(ct);
    }
}
