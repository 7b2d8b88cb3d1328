using Npgsql;

namespace ActorWelfare.Silo.Database;

/// <summary>
/// Brings a database up to date with the migrations, once each, recording them in
/// <c>schema_version</c>. Safe to run from several silos at once and any number of times.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource database, ILogger<SchemaMigrator> log)
{
    // Any fixed number: silos starting together wait for each other on it.
    private const long AdvisoryLockKey = 0x4157_5343_4845_4D41; // "AWSCHEMA"

    /// <summary>Applies the pending migrations and returns how many were applied.</summary>
    public async Task<int> ApplyAsync(IReadOnlyList<Migration> migrations, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    sha256     text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = await ReadAppliedAsync(connection, ct);
            var count = 0;
            foreach (var migration in migrations.OrderBy(m => m.Version))
            {
                if (applied.TryGetValue(migration.Version, out var sha))
                {
                    if (sha != migration.Sha256)
                        throw new InvalidOperationException(
                            $"Migration {migration.Version:0000}-{migration.Name} was changed after it was applied. " +
                            "Add a new migration instead of editing an applied one.");
                    continue;
                }
                await ApplyOneAsync(connection, migration, ct);
                LogApplied(migration.Version, migration.Name);
                count++;
            }
            return count;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// <c>--migrate</c>: applies the migrations with ConnectionStrings:ActorWelfareOwner (or, unset,
    /// ConnectionStrings:ActorWelfare) and returns the exit code: 0 done, 1 failed (the reason printed).
    /// </summary>
    public static async Task<int> MigrateAndExitAsync(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("ActorWelfareOwner") is { Length: > 0 } owner ? owner
            : configuration.GetConnectionString("ActorWelfare");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine("--migrate needs ConnectionStrings:ActorWelfareOwner (the tables' owner) or ConnectionStrings:ActorWelfare.");
            return 1;
        }
        using var logs = LoggerFactory.Create(l => l.AddSimpleConsole());
        await using var database = NpgsqlDataSource.Create(connectionString);
        try
        {
            var applied = await new SchemaMigrator(database, logs.CreateLogger<SchemaMigrator>()).ApplyAsync(Migration.Embedded());
            Console.WriteLine($"Migrations applied: {applied}; the schema is current.");
            return 0;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            Console.Error.WriteLine($"Migrating failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// For a silo that does not migrate (Silo:Migrate=false, its login may only use the tables): fails,
    /// saying what to run, unless every migration is applied as it is.
    /// </summary>
    public async Task VerifyAsync(IReadOnlyList<Migration> migrations, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        Dictionary<int, string> applied;
        try
        {
            applied = await ReadAppliedAsync(connection, ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable)
        {
            applied = [];
        }
        var pending = migrations.Where(m => applied.GetValueOrDefault(m.Version) != m.Sha256).Select(m => $"{m.Version:0000}-{m.Name}").ToList();
        if (pending.Count > 0)
            throw new InvalidOperationException(
                $"The database is not up to date ({string.Join(", ", pending)} not applied as shipped) and Silo:Migrate is false: " +
                "run `dotnet ActorWelfare.Silo.dll --migrate` with the tables' owner (ConnectionStrings:ActorWelfareOwner) first.");
    }

    private static async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand(migration.Sql, connection, tx))
            await command.ExecuteNonQueryAsync(ct);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO schema_version (version, name, sha256) VALUES ($1, $2, $3)", connection, tx))
        {
            record.Parameters.Add(new() { Value = migration.Version });
            record.Parameters.Add(new() { Value = migration.Name });
            record.Parameters.Add(new() { Value = migration.Sha256 });
            await record.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, sha256 FROM schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) applied[reader.GetInt32(0)] = reader.GetString(1);
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version:0000}-{Name}")]
    private partial void LogApplied(int version, string name);
}
