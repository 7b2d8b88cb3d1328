using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorWelfare.Bench.Hosting;

/// <summary>The real dashboard as a process, an Orleans client of the benchmark's silo, serving the hub.</summary>
public sealed class BenchDashboard : IAsyncDisposable
{
    private readonly Process process;

    private BenchDashboard(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The dashboard's resident memory now (bytes), from the operating system.</summary>
    public long ResidentBytes()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>CPU seconds the dashboard has used so far.</summary>
    public double CpuSeconds()
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }

    public static async Task<BenchDashboard> StartAsync(string connectionString, string clusterId, bool demoUsers = false)
    {
        var dll = DashboardDll();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Urls"] = url;
        start.Environment["ConnectionStrings__ActorWelfare"] = connectionString;
        start.Environment["Cluster__ClusterId"] = clusterId;
        start.Environment["Access__OpenData"] = "*";
        start.Environment["Dashboard__Year"] = "2019"; // the demo datasets' year, as run.sh sets it
        start.Environment["Access__DemoUsers"] = demoUsers ? "true" : "false"; // the browser scenarios that sign in use the demo accounts
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var dashboard = new BenchDashboard(process, url);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 120; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"The dashboard exited with code {process.ExitCode}.");
            try
            {
                if ((await http.GetAsync(url + "/healthz")).IsSuccessStatusCode) return dashboard;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        await dashboard.DisposeAsync();
        throw new TimeoutException("The dashboard did not become healthy within a minute.");
    }

    /// <summary>
    /// The dashboard built in the same configuration as this benchmark, found from the repository root: the
    /// published one when there is one (bench.sh publishes it, as run.sh does), else the build (the tests').
    /// </summary>
    private static string DashboardDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorWelfare.sln")))
            {
                var build = Path.Combine(dir.FullName, "dashboard", "bin", configuration, "net10.0");
                var published = Path.Combine(build, "publish", "ActorWelfare.Dashboard.dll");
                return File.Exists(published) ? published : Path.Combine(build, "ActorWelfare.Dashboard.dll");
            }
        throw new FileNotFoundException("ActorWelfare.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
