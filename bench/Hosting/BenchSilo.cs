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
    public static async Task<BenchSilo> StartAsync(StorageMode storage, string? connectionString, IEnumerable<Territory>? moreCities = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var settings = new SiloSettings
        {
            Storage = storage,
            Clustering = storage == StorageMode.Postgres ? ClusteringMode.AdoNet : ClusteringMode.Localhost,
            ConnectionString = connectionString,
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            ClusterId = "aw-bench-" + Guid.NewGuid().ToString("N")[..8],
        };
        if (storage == StorageMode.Postgres) builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.StoreConnectionString!));
        builder.UseOrleans(silo =>
        {
            silo.AddActorWelfareClustering(settings);
            silo.AddActorWelfareStorage(settings);
            // Changes are evaluated for alerts as in every silo; the daily evaluation of thousands of invented cities is not scheduled.
            silo.AddActorWelfareAlerts(schedule: false);
            var cities = new Dictionary<string, Territory>(TerritoryFile.LoadAll(settings.TerritoriesDirectory));
            foreach (var city in moreCities ?? []) cities.Add(city.Id, city);
            silo.Services.AddSingleton(new TerritoryCatalog(cities));
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host) { ClusterId = settings.ClusterId };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
