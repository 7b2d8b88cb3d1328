using System.Diagnostics;
using Npgsql;

namespace ActorWelfare.Bench.Hosting;

/// <summary>
/// Where a scenario's time goes on this machine: CPU seconds used by this process (the silo and the benchmark's
/// client) and by the PostgreSQL server (the postmaster, its live processes and the ones that ended), read from
/// Linux's /proc between two points. A server this machine's /proc does not show as PostgreSQL (elsewhere, in a
/// container, no /proc) is not measured: its share reads as zero.
/// </summary>
public sealed class CpuSplit
{
    private readonly int postmaster;
    private readonly TimeSpan startOwn;
    private readonly TimeSpan startPause = GC.GetTotalPauseDuration();
    private readonly double startServer;
    private readonly Stopwatch wall = Stopwatch.StartNew();

    private CpuSplit(int postmaster)
    {
        this.postmaster = postmaster;
        startOwn = Process.GetCurrentProcess().TotalProcessorTime;
        startServer = ServerSeconds(postmaster);
    }

    /// <param name="Own">CPU seconds of this process.</param>
    /// <param name="Postgres">CPU seconds of the PostgreSQL server.</param>
    /// <param name="Available">Wall seconds times the machine's cores.</param>
    /// <param name="GcPause">Seconds this process's threads were paused by its garbage collector.</param>
    public sealed record Split(double Own, double Postgres, double Available, double GcPause = 0)
    {
        /// <summary>The share of the machine's CPU the two used.</summary>
        public double Busy => (Own + Postgres) / Available;
    }

    /// <param name="connectionString">The server to follow; none, and only this process is measured.</param>
    public static async Task<CpuSplit> StartAsync(string? connectionString)
    {
        if (connectionString is null) return new CpuSplit(0);
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand("SELECT pg_backend_pid()");
        var backend = (int)(await command.ExecuteScalarAsync())!;
        // The backend's parent is the postmaster, if this /proc shows this server's processes at all.
        return new CpuSplit(Stat(backend) is { Parent: var parent } && IsPostgres(backend) && IsPostgres(parent) ? parent : 0);
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public Split Stop() => new(
        (Process.GetCurrentProcess().TotalProcessorTime - startOwn).TotalSeconds,
        ServerSeconds(postmaster) - startServer,
        wall.Elapsed.TotalSeconds * Environment.ProcessorCount,
        (GC.GetTotalPauseDuration() - startPause).TotalSeconds);

    // Every live child's time, then the postmaster's own and its reaped children's (in this order, a child that ends
    // in between is counted twice rather than not at all; its share of one reading is negligible).
    private static double ServerSeconds(int postmaster)
    {
        if (postmaster == 0) return 0;
        var total = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { Parent: var parent } child && parent == postmaster)
                total += child.Own;
        return Stat(postmaster) is { } root ? total + root.Own + root.Children : 0;
    }

    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the project runs on

    // /proc/<pid>/stat: after "(comm)", field 4 is the parent, 14–15 user and system time, 16–17 the reaped children's.
    private static (int Parent, double Own, double Children)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            double Ticks(int field) => long.Parse(fields[field - 3], System.Globalization.CultureInfo.InvariantCulture) / TicksPerSecond;
            return (int.Parse(fields[4 - 3], System.Globalization.CultureInfo.InvariantCulture), Ticks(14) + Ticks(15), Ticks(16) + Ticks(17));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // ended meanwhile, or no /proc
        }
    }
}
