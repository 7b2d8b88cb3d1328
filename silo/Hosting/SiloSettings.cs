using System.Net;
using ActorWelfare.Database;

namespace ActorWelfare.Silo.Hosting;

/// <summary>Where grain state and reminders live.</summary>
public enum StorageMode { Postgres, Memory }

/// <summary>How silos find each other.</summary>
public enum ClusteringMode { AdoNet, Localhost }

/// <summary>
/// The silo's configuration: "Cluster:*" (shared with the dashboard), "Silo:*" and the
/// "ActorWelfare" connection string (keys are listed in README.md). Not "Orleans:*": Orleans reads
/// that section itself.
/// </summary>
public sealed record SiloSettings
{
    public string? ConnectionString { get; init; }
    /// <summary>Whether the silo applies the migrations as it starts (false: a `--migrate` job does, as the tables' owner).</summary>
    public bool Migrate { get; init; } = true;
    public string ClusterId { get; init; } = "actorwelfare";
    public string ServiceId { get; init; } = "actorwelfare";
    public IPAddress AdvertisedIp { get; init; } = IPAddress.Loopback;
    /// <summary>The silo's name in the membership table and logs (Kubernetes: the pod's name); Orleans picks one when empty.</summary>
    public string? Name { get; init; }
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    public StorageMode Storage { get; init; } = StorageMode.Postgres;
    public ClusteringMode Clustering { get; init; } = ClusteringMode.AdoNet;
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>The cluster's system key (base64, 32 bytes or more); null: the database's, or one per process without a database.</summary>
    public string? SystemKey { get; init; }
    /// <summary>Mutual TLS on the silo and gateway ports ("Cluster:Tls:*"); null: plain TCP (loopback only).</summary>
    public ActorWelfare.Cluster.ClusterTls? Tls { get; init; }
    public string TerritoriesDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "territories");

    /// <summary>
    /// The grains' records (activity saves and reads, the aggregators' checkpoints): short statements from many grains at
    /// once, multiplexed, on a pool of at most 20.
    /// </summary>
    public string? RecordsConnectionString => ConnectionString is null ? null
        : PoolLimit.Multiplexed(PoolLimit.NotReset(PoolLimit.Prepared(PoolLimit.Apply(ConnectionString, 20))));

    /// <summary>The rest of the silo's own tables (snapshots, administrative acts, the system key, datasets, migrations): a pool of at most 10.</summary>
    public string? StoreConnectionString => ConnectionString is null ? null : PoolLimit.NotReset(PoolLimit.Prepared(PoolLimit.Apply(ConnectionString, 10)));

    /// <summary>
    /// Orleans' providers' connection string (membership, grain state, reminders): a pool of its own of at
    /// most 15, so a silo opens at most 45 connections unless the configured string sets its own limit.
    /// </summary>
    public string? ProviderConnectionString => ConnectionString is null ? null : PoolLimit.NotReset(PoolLimit.Prepared(PoolLimit.Apply(ConnectionString, 15)));

    /// <summary>True when anything (clustering, storage or reminders) needs PostgreSQL.</summary>
    public bool NeedsDatabase => Storage == StorageMode.Postgres || Clustering == ClusteringMode.AdoNet;

    public static SiloSettings From(IConfiguration configuration)
    {
        var cluster = configuration.GetSection("Cluster");
        var section = configuration.GetSection("Silo");
        var settings = new SiloSettings
        {
            ConnectionString = configuration.GetConnectionString("ActorWelfare"),
            ClusterId = cluster["ClusterId"] ?? "actorwelfare",
            ServiceId = cluster["ServiceId"] ?? "actorwelfare",
            SystemKey = cluster["SystemKey"] is { Length: > 0 } key ? key : null,
            Tls = ActorWelfare.Cluster.ClusterTls.From(k => configuration[k]),
            AdvertisedIp = ParseIp(section["AdvertisedIp"] ?? "127.0.0.1"),
            Name = section["Name"] is { Length: > 0 } name ? name : null,
            SiloPort = section.GetValue("SiloPort", 11111),
            GatewayPort = section.GetValue("GatewayPort", 30000),
            Storage = section.GetValue("Storage", StorageMode.Postgres),
            Migrate = section.GetValue("Migrate", true),
            Clustering = section.GetValue("Clustering", ClusteringMode.AdoNet),
            ShutdownTimeout = TimeSpan.FromSeconds(section.GetValue("ShutdownTimeoutSeconds", 30)),
            TerritoriesDirectory = configuration["Territories:Directory"] is { Length: > 0 } dir
                ? Path.GetFullPath(dir) : Path.Combine(AppContext.BaseDirectory, "territories"),
        };
        _ = ActorWelfare.Indicators.IndicatorPacing.From(configuration); // a wrong pacing stops the start, not each aggregator
        if (settings.NeedsDatabase && string.IsNullOrWhiteSpace(settings.ConnectionString))
            throw new InvalidOperationException(
                "ConnectionStrings:ActorWelfare is required unless Silo:Storage=Memory and Silo:Clustering=Localhost.");
        return settings;
    }

    /// <summary>An IP address, or a host name resolved now (a compose service's own name) to its IPv4 address.</summary>
    private static IPAddress ParseIp(string value)
    {
        if (IPAddress.TryParse(value, out var ip)) return ip;
        try
        {
            return Dns.GetHostAddresses(value).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                ?? throw new InvalidOperationException($"Silo:AdvertisedIp: host '{value}' has no IPv4 address.");
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new InvalidOperationException($"Silo:AdvertisedIp: '{value}' is neither an IP address nor a host name that resolves ({e.Message}).", e);
        }
    }
}
