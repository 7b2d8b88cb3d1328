using System.Globalization;
namespace ActorWelfare.Tests.Infrastructure;

/// <summary>A silo process on loopback with its own ports, on a test database.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private ManagedProcess process;

    private SiloProcess(ManagedProcess process, int httpPort, int siloPort, int gatewayPort, IReadOnlyDictionary<string, string> env)
    {
        this.process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        Environment = env;
    }

    public int HttpPort { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public IReadOnlyDictionary<string, string> Environment { get; private set; }
    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";
    public ManagedProcess Process => process;

    public static async Task<SiloProcess> StartAsync(string connectionString, string clusterId = "aw-test",
        IReadOnlyDictionary<string, string>? extra = null)
    {
        int http = FreePort.Next(), silo = FreePort.Next(), gateway = FreePort.Next();
        var env = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{http}",
            ["ConnectionStrings__ActorWelfare"] = connectionString,
            ["Cluster__ClusterId"] = clusterId,
            ["Silo__SiloPort"] = silo.ToString(CultureInfo.InvariantCulture),
            ["Silo__GatewayPort"] = gateway.ToString(CultureInfo.InvariantCulture),
            ["Silo__ShutdownTimeoutSeconds"] = "10",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) env[k] = v;
        var result = new SiloProcess(ManagedProcess.Start($"silo:{silo}", RepoPaths.SiloDll, env), http, silo, gateway, env);
        await result.process.WaitUntilHealthyAsync(result.BaseUrl + "/healthz");
        return result;
    }

    /// <summary>Starts the same silo again (same ports and configuration, with <paramref name="changes"/>) after a stop or a kill.</summary>
    public async Task RestartAsync(IReadOnlyDictionary<string, string>? changes = null)
    {
        await process.DisposeAsync();
        var env = new Dictionary<string, string>(Environment);
        foreach (var (k, v) in changes ?? new Dictionary<string, string>()) env[k] = v;
        Environment = env;
        process = ManagedProcess.Start($"silo:{SiloPort}", RepoPaths.SiloDll, Environment);
        await process.WaitUntilHealthyAsync(BaseUrl + "/healthz");
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
