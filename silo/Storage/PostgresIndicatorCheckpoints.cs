using ActorWelfare.Storage;
using Npgsql;

namespace ActorWelfare.Silo.Storage;

/// <summary>
/// Aggregators' checkpoints in the <c>indicator_checkpoint</c> table, one row per city-year, and the versions they
/// reserved in <c>indicator_version</c>.
/// </summary>
public sealed class PostgresIndicatorCheckpoints(NpgsqlDataSource database) : IIndicatorCheckpoints
{
    public async Task<IndicatorCheckpoint?> LoadAsync(string city, int year, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand(
            "SELECT rules, as_of, activities, head, contributions FROM indicator_checkpoint WHERE city = $1 AND year = $2");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new IndicatorCheckpoint(city, year, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2),
            reader.GetFieldValue<byte[]>(3), reader.GetFieldValue<byte[]>(4));
    }

    private const string Reserve = """
        INSERT INTO indicator_version AS v (city, year, reserved) VALUES ($1, $2, $3)
        ON CONFLICT (city, year) DO UPDATE SET reserved = v.reserved + excluded.reserved
        RETURNING v.reserved
        """;

    public async Task<AggregatorStart> ReserveAndLoadAsync(string city, int year, int versions, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand($"""
            WITH reserved AS ({Reserve})
            SELECT r.reserved, c.rules, c.as_of, c.activities, c.head
            FROM reserved r LEFT JOIN indicator_checkpoint c ON c.city = $1 AND c.year = $2
            """);
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
        command.Parameters.Add(new() { Value = (long)versions });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var checkpoint = reader.IsDBNull(1) ? null : new IndicatorCheckpoint(city, year, reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
            reader.GetInt32(3), reader.GetFieldValue<byte[]>(4), null);
        return new AggregatorStart(reader.GetInt64(0), checkpoint);
    }

    public async Task<byte[]?> LoadContributionsAsync(string city, int year, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand("SELECT contributions FROM indicator_checkpoint WHERE city = $1 AND year = $2");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
        return await command.ExecuteScalarAsync(ct) as byte[];
    }

    public async Task<long> ReserveAsync(string city, int year, int versions, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand(Reserve);
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
        command.Parameters.Add(new() { Value = (long)versions });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task SaveAsync(IndicatorCheckpoint checkpoint, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO indicator_checkpoint (city, year, rules, as_of, activities, head, contributions, written_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, now())
            ON CONFLICT (city, year) DO UPDATE SET rules = excluded.rules, as_of = excluded.as_of, activities = excluded.activities,
                head = excluded.head, contributions = excluded.contributions, written_at = excluded.written_at
            """);
        command.Parameters.Add(new() { Value = checkpoint.City });
        command.Parameters.Add(new() { Value = checkpoint.Year });
        command.Parameters.Add(new() { Value = checkpoint.Rules });
        command.Parameters.Add(new() { Value = checkpoint.AsOf });
        command.Parameters.Add(new() { Value = checkpoint.Activities });
        command.Parameters.Add(new() { Value = checkpoint.Head });
        command.Parameters.Add(new() { Value = checkpoint.Contributions ?? throw new ArgumentException("A checkpoint is written with its contributions.", nameof(checkpoint)) });
        await command.ExecuteNonQueryAsync(ct);
    }
}
