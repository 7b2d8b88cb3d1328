using ActorWelfare.Silo.Datasets;
using ActorWelfare.Silo.Hosting;
using ActorWelfare.Storage;
using ActorWelfare.Territories;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>
/// Two in-process silos with memory storage and one activity store shared by both (as the database
/// would be), with the shipped territories.
/// </summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    private static readonly Dictionary<string, MemoryActivityStore> Stores = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MemorySnapshotStore> SnapshotStores = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MemoryAdminActLog> ActLogs = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MemoryIndicatorCheckpoints> CheckpointsOf = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyDictionary<string, Territory>> CitiesOf = new();

    private InProcessCluster(TestCluster cluster, MemoryActivityStore store, MemoryAdminActLog acts, MemoryIndicatorCheckpoints checkpoints)
    {
        Cluster = cluster;
        Store = store;
        AdminActs = acts;
        Checkpoints = checkpoints;
    }

    /// <summary>The aggregators' checkpoints, shared by the silos as the database would share them.</summary>
    public MemoryIndicatorCheckpoints Checkpoints { get; }

    /// <summary>The administrative acts the silos recorded (years, the organisation registry).</summary>
    public MemoryAdminActLog AdminActs { get; }

    public TestCluster Cluster { get; }
    public MemoryActivityStore Store { get; }
    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>
    /// Makes this test's grain calls the cluster's own work: the test runs in the silos' process and
    /// holds their key, as silo code does. Other tests hand down a person (<c>CallerContext.HandDown</c>).
    /// </summary>
    public static void AsSystem() => ActorWelfare.Access.SystemIdentity.HandDown(ActorWelfare.Access.SystemKey.ProcessWide);

    public static IReadOnlyDictionary<string, Territory> Territories => ShippedTerritories.All;

    /// <summary>Starts the cluster with the shipped territories and, given <paramref name="moreCities"/>, those too (a city invented by a test).</summary>
    /// <param name="settings">Configuration of the silos (a test clock's <c>Clock:Now</c>, say).</param>
    public static async Task<InProcessCluster> StartAsync(int silos = 2, IEnumerable<Territory>? moreCities = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var id = Guid.NewGuid().ToString("N");
        var cities = new Dictionary<string, Territory>(Territories);
        foreach (var city in moreCities ?? []) cities[city.Id] = city;
        CitiesOf[id] = cities;
        var store = new MemoryActivityStore();
        lock (Stores) Stores[id] = store;
        var builder = new TestClusterBuilder((short)silos);
        builder.Properties["StoreId"] = id;
        builder.Properties["Indicators:ReconcileSeconds"] = "2";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.Properties[key] = value;
        builder.AddSiloBuilderConfigurator<Configurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new InProcessCluster(cluster, store, ActLogs.GetOrAdd(id, _ => new MemoryAdminActLog()), CheckpointsOf.GetOrAdd(id, _ => new MemoryIndicatorCheckpoints()));
    }

    /// <summary>Loads a shipped dataset through the command path.</summary>
    public async Task LoadDatasetAsync(string name)
    {
        var path = Path.Combine(RepoPaths.Root, "deploy", "datasets", name + ".json");
        var bytes = await File.ReadAllBytesAsync(path);
        await DatasetLoader.LoadAsync(Grains, ActorWelfare.Access.SystemKey.ProcessWide, DatasetFile.Parse(System.Text.Encoding.UTF8.GetString(bytes), path, Territories), bytes, name);
    }

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var id = silo.Configuration["StoreId"]!;
            // Every silo of this cluster is in this process: the cache of closed years may be short, and closing and
            // reopening (which wait for it to run out everywhere) take a fraction of a second instead of 1.25 s.
            ActorWelfare.Years.ClosedYears.UseTtlForWholeClusterInProcess(TimeSpan.FromMilliseconds(200));
            silo.AddActorWelfareStorage(new SiloSettings { Storage = StorageMode.Memory, Clustering = ClusteringMode.Localhost });
            silo.AddActorWelfareAlerts();
            lock (Stores)
            {
                silo.Services.AddSingleton<IActivityStore>(Stores[id]);
                silo.Services.AddSingleton<ISnapshotStore>(SnapshotStores.GetOrAdd(id, _ => new MemorySnapshotStore()));
                silo.Services.AddSingleton<IAdminActLog>(ActLogs.GetOrAdd(id, _ => new MemoryAdminActLog()));
                silo.Services.AddSingleton<IIndicatorCheckpoints>(CheckpointsOf.GetOrAdd(id, _ => new MemoryIndicatorCheckpoints()));
            }
            silo.Services.AddSingleton(new TerritoryCatalog(CitiesOf[id]));
        }
    }

    public async ValueTask DisposeAsync() => await Cluster.StopAllSilosAsync();
}
