using System.Net;
using System.Net.Sockets;
using ActorWelfare.Silo.Hosting;
using ActorWelfare.Territories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ActorWelfare.Bench.Hosting;

/// <summary>
/// A silo in the benchmark's own process, configured as the real one (the same storage, the same
/// grains), with PostgreSQL or memory storage. Calls go through Orleans' grain-call path.
/// </summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost host;

    private BenchSilo(IHost host) => this.host = host;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The cluster's key: the benchmark runs in the silo's process and loads it as the cluster's own work.</summary>
    public ActorWelfare.Access.SystemKey SystemKey => host.Services.GetRequiredService<ActorWelfare.Access.SystemKey>();

    /// <summary>Makes the calls of the caller's async flow the cluster's own work (call it where the scenarios run).</summary>
    public void AsSystem() => ActorWelfare.Access.SystemIdentity.HandDown(SystemKey);

    /// <summary>The cluster id, for a dashboard that joins through the PostgreSQL membership table.</summary>
    public string ClusterId { get; private init; } = "";

    /// <summary>
    /// Starts the silo. With PostgreSQL storage it joins through the membership table (as in production),
    /// so a dashboard process can find it.
    /// </summary>
    /// <param name="settings">Configuration of the silo (the aggregators' checkpoint period, say).</param>
    public static async Task<BenchSilo> StartAsync(StorageMode storage, string? connectionString, IEnumerable<Territory>? moreCities = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.Configuration[key] = value;
        builder.Logging.ClearProviders();
        var siloSettings = new SiloSettings
        {
            Storage = storage,
            Clustering = storage == StorageMode.Postgres ? ClusteringMode.AdoNet : ClusteringMode.Localhost,
            ConnectionString = connectionString,
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            ClusterId = "aw-bench-" + Guid.NewGuid().ToString("N")[..8],
        };
        if (storage == StorageMode.Postgres) builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(siloSettings.StoreConnectionString!));
        builder.UseOrleans(orleans =>
        {
            orleans.AddActorWelfareClustering(siloSettings);
            orleans.AddActorWelfareStorage(siloSettings);
            // Changes are evaluated for alerts as in every silo; the daily evaluation of thousands of invented cities is not scheduled.
            orleans.AddActorWelfareAlerts(schedule: false);
            var cities = new Dictionary<string, Territory>(TerritoryFile.LoadAll(siloSettings.TerritoriesDirectory));
            foreach (var city in moreCities ?? []) cities.Add(city.Id, city);
            orleans.Services.AddSingleton(new TerritoryCatalog(cities));
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host) { ClusterId = siloSettings.ClusterId };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool stopped;

    /// <summary>
    /// Stops the silo without waiting for a graceful shutdown, then frees it. Orleans still deactivates what it can on
    /// the way out, which a crash would not (the restart scenario puts the checkpoints back as a crash leaves them).
    /// </summary>
    public async Task KillAsync()
    {
        if (stopped) return;
        stopped = true;
        try { await host.StopAsync(new CancellationToken(canceled: true)); }
        catch (OperationCanceledException) { }
        host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (stopped) return;
        stopped = true;
        await host.StopAsync();
        host.Dispose();
    }
}
