using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using Npgsql;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// Updates through the real command path: each one a RecordMeeting validated, stored with its audit,
/// acknowledged and sent to the aggregator. Workers own distinct activities, so there are no conflicts.
/// Afterwards the live figures must equal the independent recomputation and count every update.
/// </summary>
public static class UpdateThroughput
{
    public const string City = "bologna";
    public const int Year = 2031;

    /// <param name="Cpu">CPU used while updating: the silo's process (with the load generator) and PostgreSQL.</param>
    /// <param name="Rows">How PostgreSQL updated the activity table's rows meanwhile (PostgreSQL storage only).</param>
    public sealed record Result(string Storage, int Updates, int Concurrency, double Seconds, double PerSecond, bool VerifyEqual, bool AllCounted,
        Hosting.CpuSplit.Split? Cpu = null, RowUpdates? Rows = null);

    /// <param name="HeapOnly">Updates that wrote the new row version in the same page and touched no index (HOT).</param>
    public sealed record RowUpdates(long Updated, long HeapOnly);

    /// <param name="connectionString">The database of the PostgreSQL run, to measure its server's CPU; none for memory.</param>
    public static async Task<Result> RunAsync(IGrainFactory grains, string storage, int updates, int concurrency, string? connectionString = null, int activitiesPerWorker = 4)
    {
        var ids = Enumerable.Range(0, concurrency * activitiesPerWorker).Select(i => $"bench-{storage}-{i}").ToList();
        var versions = new long[ids.Count];
        await Workload.RunAsync(ids.Count, concurrency, async (_, i) =>
        {
            var result = await grains.Activity(City, ActivityKind.Gruppo, ids[i]).Execute(new RegisterActivity(new ActivityProfile
            {
                Name = ids[i], Quartieri = ["navile"], StartYear = Year, EndYear = Year, Status = "attivo",
            }), 0);
            versions[i] = result.Record.Version;
        });

        var counters = new int[concurrency];
        var rowsBefore = await RowUpdatesAsync(connectionString);
        var cpu = await Hosting.CpuSplit.StartAsync(connectionString);
        var elapsed = await Workload.RunAsync(updates, concurrency, async (worker, _) =>
        {
            var slot = worker * activitiesPerWorker + counters[worker]++ % activitiesPerWorker;
            var result = await grains.Activity(City, ActivityKind.Gruppo, ids[slot]).Execute(new RecordMeeting(Year), versions[slot]);
            if (!result.Succeeded) throw new InvalidOperationException($"Update refused: {result.Outcome} {string.Join("; ", result.Errors.Select(e => e.MessageEn))}");
            versions[slot] = result.Record.Version;
        });

        var used = cpu.Stop();
        var (equal, counted) = await SettleAsync(grains, updates);
        var rowsAfter = await RowUpdatesAsync(connectionString);
        var rows = rowsBefore is null || rowsAfter is null ? null : new RowUpdates(rowsAfter.Updated - rowsBefore.Updated, rowsAfter.HeapOnly - rowsBefore.HeapOnly);
        return new Result(storage, updates, concurrency, elapsed.TotalSeconds, updates / elapsed.TotalSeconds, equal, counted, used, rows);
    }

    /// <summary>The activity table's updates so far, from PostgreSQL's statistics (flushed by each backend within a second).</summary>
    private static async Task<RowUpdates?> RowUpdatesAsync(string? connectionString)
    {
        if (connectionString is null) return null;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'activity'", connection);
        await using var reader = await query.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new RowUpdates(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>Waits for the aggregator to equal the recomputation, and checks every meeting is counted.</summary>
    private static async Task<(bool Equal, bool Counted)> SettleAsync(IGrainFactory grains, int updates)
    {
        var key = GrainKeys.CityYear(City, Year);
        for (var i = 0; i < 300; i++)
        {
            var report = await grains.GetGrain<IVerifyGrain>(key).Verify();
            var meetings = (await grains.GetGrain<ICityIndicatorsGrain>(key).GetDocument()).Indicators.GetValueOrDefault("GC.MEET")?.Value;
            if (report.Equal && meetings == updates) return (true, true);
            await Task.Delay(100);
        }
        var last = await grains.GetGrain<IVerifyGrain>(key).Verify();
        return (last.Equal, (await grains.GetGrain<ICityIndicatorsGrain>(key).GetDocument()).Indicators.GetValueOrDefault("GC.MEET")?.Value == updates);
    }
}
