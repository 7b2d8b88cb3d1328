using System.Text.RegularExpressions;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Scripts;

/// <summary>./run.sh as a person uses it: start, kill -9 a silo, Ctrl-C, start again, data still there.</summary>
public sealed partial class RunScriptTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string dataDir = Directory.CreateTempSubdirectory("aw-run-").FullName;
    private readonly Dictionary<string, string> env = new()
    {
        ["AW_PG_PORT"] = FreePort.Next().ToString(),
        ["AW_DASHBOARD_PORT"] = FreePort.Next().ToString(),
        ["AW_SILO_HTTP_PORT"] = FreePort.Next().ToString(),
        ["AW_SILO_PORT"] = FreePort.Next().ToString(),
        ["AW_GATEWAY_PORT"] = FreePort.Next().ToString(),
    };

    public Task InitializeAsync()
    {
        // The PostgreSQL server may run as another user (as root, "postgres"); let it reach its folder.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        env["AW_DATA_DIR"] = dataDir;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        // A failed test may leave the server running: pg_ctl detaches it from the script.
        await using var stop = ManagedProcess.StartCommand("pg_stop", "bash",
            ["-c", $"source deploy/scripts/postgres.sh && pg_stop '{dataDir}/pg' immediate"], RepoPaths.Root, new Dictionary<string, string>());
        await stop.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Directory.Delete(dataDir, recursive: true);
    }

    private ManagedProcess StartRunScript() =>
        ManagedProcess.StartCommand("run.sh", "bash", ["run.sh"], RepoPaths.Root, env);

    private string DashboardUrl => $"http://127.0.0.1:{env["AW_DASHBOARD_PORT"]}";

    [Fact]
    public async Task Starts_everything_and_keeps_the_data_across_a_killed_silo_and_a_restart()
    {
        await using (var run = StartRunScript())
        {
            // The first run also builds the apps in Release.
            await run.WaitForOutputAsync("ActorWelfare is running", TimeSpan.FromMinutes(8));
            Assert.Equal("Healthy", await Http.GetStringAsync(DashboardUrl + "/healthz"));
            Assert.Equal(18, await TavoliOnOverviewAsync());

            var siloPid = int.Parse(SiloPid().Match(await run.WaitForOutputAsync("Silo 0: pid", TimeSpan.Zero)).Groups[1].Value);
            using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", siloPid.ToString()])) await kill.WaitForExitAsync();
            await run.WaitForOutputAsync($"Process {siloPid} exited", TimeSpan.FromSeconds(30));

            await run.SignalAsync("INT");
            Assert.Equal(130, await run.WaitForExitAsync(TimeSpan.FromSeconds(90)));
            await run.WaitForOutputAsync("Stopped. Data kept in", TimeSpan.Zero);
            Assert.False(File.Exists(Path.Combine(dataDir, "pg", "postmaster.pid")), "PostgreSQL is still running");
        }

        await using var again = StartRunScript();
        await again.WaitForOutputAsync("ActorWelfare is running", TimeSpan.FromMinutes(5));
        Assert.Equal(18, await TavoliOnOverviewAsync());
        Assert.Contains("was loaded before", await File.ReadAllTextAsync(Path.Combine(dataDir, "logs", "silo-0.log")));
        await again.SignalAsync("INT");
        Assert.Equal(130, await again.WaitForExitAsync(TimeSpan.FromSeconds(90)));
    }

    private async Task<int> TavoliOnOverviewAsync()
    {
        var html = await Http.GetStringAsync(DashboardUrl + "/citta/bologna/2019");
        return int.Parse(TavoliHeadline().Match(html).Groups["tavoli"].Value);
    }

    [GeneratedRegex(@"Silo 0: pid (\d+)")]
    private static partial Regex SiloPid();

    [GeneratedRegex(@"data-testid=""headline-TP.TOT"">(?<tavoli>\d+)<")]
    private static partial Regex TavoliHeadline();
}
