using ActorWelfare.Silo.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ActorWelfare.Bench.Hosting;

/// <summary>A fresh database on the given server with the project's schema, dropped at the end.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string server;
    private readonly string name;

    private BenchDatabase(string server, string name, string connectionString)
    {
        this.server = server;
        this.name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string server)
    {
        var name = "aw_bench_" + Guid.NewGuid().ToString("N")[..10];
        await using (var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {name}"))
            await create.ExecuteNonQueryAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        await using (var data = NpgsqlDataSource.Create(connectionString))
            await new SchemaMigrator(data, NullLogger<SchemaMigrator>.Instance).ApplyAsync(Migration.Embedded());
        return new BenchDatabase(server, name, connectionString);
    }

    public async Task<string> ServerVersionAsync()
    {
        await using var data = NpgsqlDataSource.Create(ConnectionString);
        await using var command = data.CreateCommand("SHOW server_version");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
