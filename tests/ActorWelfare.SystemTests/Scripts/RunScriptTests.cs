using System.Globalization;
using System.Text.RegularExpressions;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Scripts;

/// <summary>
/// ./run.sh as a person uses it: start, kill -9 a silo, Ctrl-C, start again, data still there. The data
/// folder is inside a folder only its owner may enter (mode 700), like a checkout in /root: as root,
/// PostgreSQL runs as "postgres", which cannot reach it, and the script must find it a folder it can.
/// </summary>
public sealed partial class RunScriptTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string privateParent = Directory.CreateTempSubdirectory("aw-run-").FullName;
    private string dataDir = "";
    private readonly Dictionary<string, string> env = new()
    {
        ["AW_PG_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["AW_DASHBOARD_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["AW_SILO_HTTP_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["AW_SILO_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["AW_GATEWAY_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["AW_SMTP_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        ["AW_MAIL_WEB_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
    };

    public Task InitializeAsync()
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(privateParent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        dataDir = Path.Combine(privateParent, "checkout", ".data");
        env["AW_DATA_DIR"] = dataDir;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        // A failed test may leave the server running: pg_ctl detaches it from the script. A data folder
        // moved out of the private parent is removed too.
        await using var stop = Bash("pg_stop", $"d=$(pg_data_dir '{dataDir}/pg' 2>/dev/null) && pg_stop \"$d\" immediate && {{ [ \"$d\" = '{dataDir}/pg' ] || rm -rf \"$(dirname \"$d\")\"; }}");
        await stop.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Directory.Delete(privateParent, recursive: true);
    }

    private static ManagedProcess Bash(string name, string commands) =>
        ManagedProcess.StartCommand(name, "bash", ["-c", $"source deploy/scripts/postgres.sh && {commands}"], RepoPaths.Root, new Dictionary<string, string>());

    [Fact]
    public async Task A_data_folder_out_of_the_postgres_users_reach_gets_one_it_can_reach_and_the_server_starts()
    {
        var port = FreePort.Next();
        await using var script = Bash("postgres.sh",
            $"d=$(pg_data_dir '{dataDir}/pg') && pg_init \"$d\" && pg_start \"$d\" {port} \"$(dirname \"$d\")/postgres.log\" && echo \"data folder: $d\"");
        Assert.True(await script.WaitForExitAsync(TimeSpan.FromSeconds(90)) == 0, script.Output());
        var pgDir = (await script.WaitForOutputAsync("data folder: ", TimeSpan.Zero))["data folder: ".Length..];

        await using (var db = new Npgsql.NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=actorwelfare;Database=postgres;Timeout=5"))
        {
            await db.OpenAsync();
            await using var query = new Npgsql.NpgsqlCommand("SELECT current_setting('data_directory')", db);
            Assert.Equal(pgDir, (string?)await query.ExecuteScalarAsync());
        }
        if (Environment.UserName == "root")
        {
            Assert.False(pgDir.StartsWith(privateParent, StringComparison.Ordinal), $"as root the data must leave {privateParent}: {pgDir}");
            await script.WaitForOutputAsync($"PostgreSQL data are kept in {pgDir} instead", TimeSpan.Zero);
        }
        else Assert.Equal(Path.Combine(dataDir, "pg"), pgDir);

        // The next run finds the same folder, with its data.
        await using var again = Bash("postgres.sh again", $"pg_data_dir '{dataDir}/pg' 2>/dev/null");
        await again.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(pgDir, await again.WaitForOutputAsync("/pg", TimeSpan.Zero));
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

            var siloPid = int.Parse(SiloPid().Match(await run.WaitForOutputAsync("Silo 0: pid", TimeSpan.Zero)).Groups[1].Value, CultureInfo.InvariantCulture);
            using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", siloPid.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            await run.WaitForOutputAsync($"Process {siloPid} exited", TimeSpan.FromSeconds(30));

            await run.SignalAsync("INT");
            Assert.Equal(130, await run.WaitForExitAsync(TimeSpan.FromSeconds(90)));
            await run.WaitForOutputAsync("Stopped. Data kept in", TimeSpan.Zero);
            var pgDir = PgDir().Match(await run.WaitForOutputAsync("Starting PostgreSQL", TimeSpan.Zero)).Groups[1].Value;
            Assert.False(File.Exists(Path.Combine(pgDir, "postmaster.pid")), $"PostgreSQL is still running in {pgDir}");
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
        return int.Parse(TavoliHeadline().Match(html).Groups["tavoli"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\(data in (.+)\)…")]
    private static partial Regex PgDir();

    [GeneratedRegex(@"Silo 0: pid (\d+)")]
    private static partial Regex SiloPid();

    [GeneratedRegex(@"data-testid=""headline-TP.TOT"">(?<tavoli>\d+)<")]
    private static partial Regex TavoliHeadline();
}
