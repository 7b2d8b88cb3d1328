using System.Globalization;
using Npgsql;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database on the test PostgreSQL server that ./test.sh starts (its address is in
/// ACTORWELFARE_TEST_PG). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "ACTORWELFARE_TEST_PG";

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    /// <summary>A data source for the grains' records as the silo makes it (multiplexed: SiloSettings.RecordsConnectionString); disposed with the database.</summary>
    public NpgsqlDataSource Records => records ??= NpgsqlDataSource.Create(
        new ActorWelfare.Silo.Hosting.SiloSettings { ConnectionString = ConnectionString }.RecordsConnectionString!);
    private NpgsqlDataSource? records;

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException(
                $"{ServerVariable} is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL, " +
                $"or set {ServerVariable} to a server connection string (Host=…;Port=…;Username=…).");
        var name = "aw_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {name}"))
            await create.ExecuteNonQueryAsync();
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(name, cs);
    }

    /// <summary>A fresh database with the schema the silo applies (every migration of deploy/sql).</summary>
    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        var db = await CreateAsync();
        await new ActorWelfare.Silo.Database.SchemaMigrator(db.DataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<ActorWelfare.Silo.Database.SchemaMigrator>.Instance)
            .ApplyAsync(ActorWelfare.Silo.Database.Migration.Embedded());
        return db;
    }

    /// <summary>A database of the test server made by other means (a restore), dropped like the others when disposed.</summary>
    public static TestDatabase Existing(string name)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable)!;
        return new TestDatabase(name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    /// <summary>The cluster's system key, as the silos wrote it here (a test with the database acts as silo code when it uses it).</summary>
    public async Task<ActorWelfare.Access.SystemKey> SystemKeyAsync()
    {
        // A silo writes it as it starts; give it a moment.
        var key = await Eventually.ValueAsync(async () =>
        {
            await using var command = DataSource.CreateCommand("SELECT value FROM cluster_secret WHERE name = 'system-key'");
            return await command.ExecuteScalarAsync() as byte[];
        }, "a silo writing the system key to this database", TimeSpan.FromSeconds(10));
        return new ActorWelfare.Access.SystemKey(key);
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (records is not null) await records.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var server = Environment.GetEnvironmentVariable(ServerVariable)!;
        await using var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
