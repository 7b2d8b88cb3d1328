using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>An Orleans client for the tests, as an external integration would connect.</summary>
public sealed class TestClient : IAsyncDisposable
{
    private readonly IHost host;

    private TestClient(IHost host) => this.host = host;

    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();
    public IGrainFactory Grains => Client;

    /// <summary>Finds the gateways through the ADO.NET membership table.</summary>
    public static Task<TestClient> ViaMembershipAsync(string connectionString, string clusterId = "aw-test") =>
        StartAsync(clusterId, client => client.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        }));

    /// <summary>Talks to exactly one silo's gateway; <paramref name="configure"/> adds to the client (TLS, for one).</summary>
    /// <paramref name="timeout"/> bounds the connecting (a client keeps retrying a refused gateway until then).
    public static Task<TestClient> ViaGatewayAsync(int gatewayPort, string clusterId = "aw-test", Action<IClientBuilder>? configure = null,
        TimeSpan? timeout = null) =>
        StartAsync(clusterId, client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort));
            configure?.Invoke(client);
        }, timeout);

    private static async Task<TestClient> StartAsync(string clusterId, Action<IClientBuilder> clustering, TimeSpan? connecting = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = "actorwelfare"; });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            clustering(client);
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(connecting ?? TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return new TestClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await host.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
        host.Dispose();
    }
}
