using ActorWelfare.Access;
using ActorWelfare.Silo.Access;
using ActorWelfare.Silo.Storage;
using ActorWelfare.Storage;
using ActorWelfare.Territories;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace ActorWelfare.Silo.Hosting;

public static class SiloBuilderExtensions
{
    private const string NpgsqlInvariant = "Npgsql";

    /// <summary>Clustering, endpoints, grain storage, reminders and the ops dashboard of an ActorWelfare silo.</summary>
    public static ISiloBuilder ConfigureActorWelfare(this ISiloBuilder silo, SiloSettings settings)
    {
        silo.AddActorWelfareClustering(settings);
        silo.AddActorWelfareStorage(settings);
        silo.Services.AddSingleton(new TerritoryCatalog(TerritoryFile.LoadAll(settings.TerritoriesDirectory)));
        silo.AddActorWelfareAlerts();
        silo.AddDashboard();
        // A grain call carries its caller's trace, so one trace follows an update from request to push.
        silo.AddActivityPropagation();
        return silo;
    }

    public static ISiloBuilder AddActorWelfareClustering(this ISiloBuilder silo, SiloSettings settings)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (settings.Name is { } name) silo.Configure<SiloOptions>(o => o.SiloName = name);
        if (settings.Tls is { } tls) silo.UseTls(tls.Apply);

        if (settings.Clustering == ClusteringMode.AdoNet)
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = NpgsqlInvariant;
                o.ConnectionString = settings.ProviderConnectionString;
            });
            // Listen only on the advertised address (127.0.0.1 unless configured otherwise).
            silo.ConfigureEndpoints(settings.AdvertisedIp, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, null, settings.ServiceId, settings.ClusterId);
        }
        return silo;
    }

    /// <summary>The key of the grains' records' data source in the silo's services.</summary>
    public const string RecordsDatabase = "records";

    /// <summary>
    /// One grain storage per name in <see cref="StorageNames"/>, the activity store, the reminder table,
    /// and the system key (kept in the same database) with the filter that checks it on every grain call.
    /// </summary>
    public static ISiloBuilder AddActorWelfareStorage(this ISiloBuilder silo, SiloSettings settings)
    {
        silo.Services.AddSingleton(sp => settings.Storage == StorageMode.Postgres
            ? SystemKeys.FromDatabase(sp.GetRequiredService<NpgsqlDataSource>(), settings.SystemKey)
            : settings.SystemKey is { Length: > 0 } key ? new SystemKey(Convert.FromBase64String(key)) : SystemKey.ProcessWide);
        silo.AddIncomingGrainCallFilter<SystemProofFilter>();
        silo.AddOutgoingGrainCallFilter<SystemProofFilter>();
        silo.AddIncomingGrainCallFilter<StoreFailureFilter>();

        foreach (var name in StorageNames.All)
        {
            if (settings.Storage == StorageMode.Postgres)
                silo.AddAdoNetGrainStorage(name, o =>
                {
                    o.Invariant = NpgsqlInvariant;
                    o.ConnectionString = settings.ProviderConnectionString;
                });
            else
                silo.AddMemoryGrainStorage(name);
        }

        if (settings.Storage == StorageMode.Postgres)
        {
            // The grains' records on a multiplexed pool of their own (SiloSettings.RecordsConnectionString); disposed with the silo.
            silo.Services.AddKeyedSingleton(RecordsDatabase, (_, _) => NpgsqlDataSource.Create(settings.RecordsConnectionString!));
            silo.Services.AddSingleton<IActivityStore>(sp => new PostgresActivityStore(sp.GetRequiredKeyedService<NpgsqlDataSource>(RecordsDatabase)));
            silo.Services.AddSingleton<ISnapshotStore>(sp => new PostgresSnapshotStore(sp.GetRequiredService<NpgsqlDataSource>()));
            silo.Services.AddSingleton<IAdminActLog>(sp => new PostgresAdminActLog(sp.GetRequiredService<NpgsqlDataSource>()));
            silo.Services.AddSingleton<IIndicatorCheckpoints>(sp => new PostgresIndicatorCheckpoints(sp.GetRequiredKeyedService<NpgsqlDataSource>(RecordsDatabase)));
        }
        else
        {
            silo.Services.AddSingleton<IActivityStore, MemoryActivityStore>();
            silo.Services.AddSingleton<ISnapshotStore, MemorySnapshotStore>();
            silo.Services.AddSingleton<MemoryAdminActLog>();
            silo.Services.AddSingleton<IAdminActLog>(sp => sp.GetRequiredService<MemoryAdminActLog>());
            silo.Services.AddSingleton<IIndicatorCheckpoints, MemoryIndicatorCheckpoints>();
        }

        if (settings.Storage == StorageMode.Postgres)
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = NpgsqlInvariant;
                o.ConnectionString = settings.ProviderConnectionString;
            });
        else
            silo.UseInMemoryReminderService();
        return silo;
    }
}
