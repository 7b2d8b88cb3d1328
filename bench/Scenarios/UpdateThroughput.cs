using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;

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
    public sealed record Result(string Storage, int Updates, int Concurrency, double Seconds, double PerSecond, bool VerifyEqual, bool AllCounted,
        Hosting.CpuSplit.Split? Cpu = null);

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
        return new Result(storage, updates, concurrency, elapsed.TotalSeconds, updates / elapsed.TotalSeconds, equal, counted, used);
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
