using System.Diagnostics;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of one test's own (deploy/scripts/postgres.sh), which the test may stop and start
/// again: the shared test server must never be stopped.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string dir;

    private PrivatePostgres(string dir, int port)
    {
        this.dir = dir;
        Port = port;
    }

    public int Port { get; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=actorwelfare;Database=actorwelfare;Timeout=5;Command Timeout=10";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "aw-pg-" + Guid.NewGuid().ToString("N")[..8]);
        // rwxr-xr-x: the postgres user (the tests run as root on CI) must reach it.
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var server = new PrivatePostgres(dir, FreePort.Next());
        await server.ScriptAsync($"pg_init {dir}/pg && pg_start {dir}/pg {server.Port} {dir}/pg.log && pg_create_db {server.Port} actorwelfare");
        return server;
    }

    /// <summary>Stops the server as an outage would (fast: connections are cut).</summary>
    public Task StopAsync() => ScriptAsync($"pg_stop {dir}/pg fast");

    public Task StartAgainAsync() => ScriptAsync($"pg_start {dir}/pg {Port} {dir}/pg.log");

    private async Task ScriptAsync(string commands)
    {
        var script = Path.Combine(RepoPaths.Root, "deploy", "scripts", "postgres.sh");
        var info = new ProcessStartInfo("bash", ["-c", $"source '{script}' && {commands}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"PostgreSQL script failed ({commands}): {await error}");
    }

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync($"pg_stop {dir}/pg immediate");
        Directory.Delete(dir, recursive: true);
    }
}
