namespace ActorWelfare.Tests.Infrastructure;

/// <summary>The dashboard web app as a process on loopback, an Orleans client of the test cluster.</summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private DashboardProcess(ManagedProcess process, int port)
    {
        Process = process;
        Port = port;
    }

    public ManagedProcess Process { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Starts the dashboard without waiting for it to be healthy (it may wait for a silo).</summary>
    public static DashboardProcess Start(string connectionString, string clusterId = "aw-test", IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = FreePort.Next();
        var env = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__ActorWelfare"] = connectionString,
            ["Cluster__ClusterId"] = clusterId,
            ["Access__DemoUsers"] = "true",
            ["Access__OpenData"] = "*",
            ["Dashboard__Year"] = "2019", // the demo datasets' year is the cities' current year, as in run.sh
            // Every test signs in and calls from 127.0.0.1: the limits are raised here and tested on a dashboard of their own.
            ["Access__SignInsPerMinute"] = "100000",
            ["Access__TokenRequestsPerMinute"] = "100000",
            ["Access__ImportsPerMinute"] = "100000",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) env[k] = v;
        return new DashboardProcess(ManagedProcess.Start($"dashboard:{port}", RepoPaths.DashboardDll, env), port);
    }

    public Task WaitUntilHealthyAsync() => Process.WaitUntilHealthyAsync(BaseUrl + "/healthz");

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    public const string DemoPassword = "ActorWelfare-demo-2026";
}
