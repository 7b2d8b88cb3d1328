using Orleans.Configuration;

namespace ActorWelfare.Dashboard.Cluster;

/// <summary>
/// The dashboard's Orleans client, started in the background. An Orleans client does not finish
/// starting until a silo answers, so it lives in its own host: the web app serves at once (showing
/// "connecting to the cluster") while this keeps trying, and pages use <see cref="Client"/> once set.
/// </summary>
public sealed partial class ClusterConnection(IConfiguration configuration, ILoggerFactory loggers) : BackgroundService
{
    private readonly TaskCompletionSource<IClusterClient> connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger log = loggers.CreateLogger<ClusterConnection>();
    private IHost? clientHost;
    private readonly Lock building = new();

    /// <summary>
    /// The client host's services (built at first use, started in the background): the Orleans ops
    /// dashboard borrows its services from here (<see cref="OpsDashboard"/>).
    /// </summary>
    public IServiceProvider ClientServices
    {
        get
        {
            lock (building) return (clientHost ??= BuildClientHost()).Services;
        }
    }

    public bool IsConnected => connected.Task.IsCompletedSuccessfully;

    /// <summary>The client once connected, otherwise null.</summary>
    public IClusterClient? Client => IsConnected ? connected.Task.Result : null;

    /// <summary>Completes when the client first reaches a silo.</summary>
    public Task<IClusterClient> WhenConnected => connected.Task;

    /// <summary>Raised with true when no gateway is left, with false when one is back.</summary>
    public event Action<bool>? GatewaysLost;

    private sealed class StatusObserver(ClusterConnection owner) : IClusterConnectionStatusObserver
    {
        public void NotifyGatewayCountChanged(int current, int previous, bool connectionRecovered)
        {
            if (current == 0) owner.GatewaysLost?.Invoke(true);
            else if (previous == 0 || connectionRecovered) owner.GatewaysLost?.Invoke(false);
        }

        public void NotifyClusterConnectionLost() => owner.GatewaysLost?.Invoke(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _ = ClientServices; // builds the host once
        try
        {
            await clientHost!.StartAsync(stoppingToken);
            LogConnected();
            connected.TrySetResult(clientHost.Services.GetRequiredService<IClusterClient>());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            connected.TrySetCanceled(stoppingToken);
        }
    }

    private IHost BuildClientHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IClusterConnectionStatusObserver>(new StatusObserver(this));
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = configuration["Cluster:ClusterId"] ?? "actorwelfare";
                o.ServiceId = configuration["Cluster:ServiceId"] ?? "actorwelfare";
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = configuration.GetConnectionString("ActorWelfare");
            });
            if (ActorWelfare.Cluster.ClusterTls.From(k => configuration[k]) is { } tls)
                client.UseTls(tls.Apply);
            // Learn quickly about silos that (re)start, so the dashboard recovers by itself.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.UseConnectionRetryFilter(async (exception, ct) =>
            {
                LogWaiting(exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                return !ct.IsCancellationRequested;
            });
            OpsDashboard.AddTo(client);
            // The trace of a request goes on into the grains it calls, and comes back with the silos' pushes.
            client.AddActivityPropagation();
        });
        return builder.Build();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (clientHost is not null)
        {
            await clientHost.StopAsync(cancellationToken);
            clientHost.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for the cluster: {Reason}")]
    private partial void LogWaiting(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the cluster")]
    private partial void LogConnected();
}
