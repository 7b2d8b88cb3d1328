using System.Security.Cryptography;
using System.Text;
using ActorWelfare.Territories;
using Npgsql;

namespace ActorWelfare.Silo.Datasets;

/// <summary>
/// Loads the datasets named in <c>Datasets:Load</c> once the silo is up, each once per database and
/// file content (recorded in <c>dataset_load</c> with the file's SHA-256): a record a user removed does
/// not come back at the next start, but a new version of the file is applied. Loading is idempotent
/// record by record too, so a load cut short by a crash is completed at the next start.
/// </summary>
public sealed partial class DatasetSeeder(
    IGrainFactory grains, ActorWelfare.Access.SystemKey systemKey, TerritoryCatalog territories, IConfiguration configuration, IServiceProvider services, ILogger<DatasetSeeder> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var names = (configuration["Datasets:Load"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) return;
        var database = services.GetService<NpgsqlDataSource>(); // absent with memory storage: always load
        foreach (var name in names)
        {
            var path = Path.Combine(Folder("Datasets:Directory", "datasets"), name + ".json");
            var bytes = await File.ReadAllBytesAsync(path, stoppingToken);
            var json = System.Text.Encoding.UTF8.GetString(bytes);
            if (database is not null && await IsLoadedAsync(database, name, Sha256(json), stoppingToken))
            {
                LogAlreadyLoaded(name);
                continue;
            }
            var dataset = DatasetFile.Parse(json, path, territories.Cities);
            var result = await DatasetLoader.LoadAsync(grains, systemKey, dataset, bytes, name, stoppingToken);
            if (database is not null) await RecordAsync(database, name, dataset, json, stoppingToken);
            LogLoaded(name, dataset.Activities.Count, result.Created + result.Updated);
        }
    }

    private static string Sha256(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    private static async Task<bool> IsLoadedAsync(NpgsqlDataSource database, string name, string sha256, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT 1 FROM dataset_load WHERE name = $1 AND sha256 = $2");
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = sha256 });
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    private static async Task RecordAsync(NpgsqlDataSource database, string name, DatasetFile dataset, string json, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            """
            INSERT INTO dataset_load (name, city, year, activities, sha256) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (name) DO UPDATE SET city = excluded.city, year = excluded.year, activities = excluded.activities,
                                             sha256 = excluded.sha256, loaded_at = now()
            """);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = dataset.City });
        command.Parameters.Add(new() { Value = dataset.Year });
        command.Parameters.Add(new() { Value = dataset.Activities.Count });
        command.Parameters.Add(new() { Value = Sha256(json) });
        await command.ExecuteNonQueryAsync(ct);
    }

    private string Folder(string key, string fallback) =>
        configuration[key] is { Length: > 0 } dir ? Path.GetFullPath(dir) : Path.Combine(AppContext.BaseDirectory, fallback);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Name} loaded: {Count} activities, {Changes} created or updated")]
    private partial void LogLoaded(string name, int count, int changes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dataset {Name} was loaded before, as it is now; not loading it again")]
    private partial void LogAlreadyLoaded(string name);
}
