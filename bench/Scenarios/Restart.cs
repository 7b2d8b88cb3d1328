using ActorWelfare.Activities;
using ActorWelfare.Bench.Hosting;
using ActorWelfare.Telemetry;
using Npgsql;
using MeterListener = System.Diagnostics.Metrics.MeterListener;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// A silo of the national cluster stops without warning and a new one starts on the same database: how long until
/// every city's figures are served and equal to an independent recomputation. Once with the aggregators'
/// checkpoints as the stopped silo left them (a few changes made after the last one was written, as a crash
/// leaves them), once with none (every aggregator reads every activity of its city-year, as before checkpoints).
/// </summary>
public static class Restart
{
    public sealed record Result(
        string From, int Cities, int Activities, int ChangedAfterCheckpoint, double CheckpointMegabytes, double StartSeconds,
        double ServedSeconds, bool AllEqual, long LoadedFromCheckpoint, long RepairedFromStore, long LoadedFromActivities, CpuSplit.Split? Cpu = null);

    /// <summary>Runs both restarts; <paramref name="running"/> (the scale scenario's silo, its checkpoints written every 15 s) is stopped.</summary>
    public static async Task<IReadOnlyList<Result>> RunAsync(BenchSilo running, Func<Task<BenchSilo>> start, string connectionString,
        NationalDataset dataset, Scale.Run scale, int concurrency, Action<string> say)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        say("  restart: waiting for every city's checkpoint…");
        var waited = Stopwatch.StartNew();
        while (await CountAsync(database, "SELECT count(*) FROM indicator_checkpoint WHERE year = " + dataset.Year) < dataset.Cities.Count)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("The aggregators did not all write their checkpoint within 3 minutes.");
            await Task.Delay(500);
        }
        await Task.Delay(TimeSpan.FromSeconds(16)); // one more tick of every timer: the burst's changes written down

        // Changes acknowledged just before the stop: the checkpoints of their cities do not have them. A stop in this
        // process still lets the aggregators write on their way out (a crash would not): the checkpoints are put back
        // as they were before these changes once the silo is gone.
        await ExecuteAsync(database, "CREATE TABLE checkpoint_before_changes AS SELECT * FROM indicator_checkpoint");
        var changed = ChangedAfter(dataset, scale.Burst);
        await Workload.RunAsync(changed.Count, concurrency, async (_, n) =>
        {
            var (c, index) = changed[n];
            var (kind, id, _, _) = Workload.Activity(dataset.Cities[c], dataset.Year, index);
            var result = await running.Grains.Activity(dataset.Cities[c].Id, kind, id).Execute(new RecordMeeting(dataset.Year), 2);
            if (!result.Succeeded) throw new InvalidOperationException($"Update refused: {result.Outcome}");
        });
        await running.KillAsync();
        await ExecuteAsync(database, "DELETE FROM indicator_checkpoint; INSERT INTO indicator_checkpoint SELECT * FROM checkpoint_before_changes; DROP TABLE checkpoint_before_changes");
        var expected = Scale.Expected(dataset, [.. scale.Burst, .. changed], scale.At);
        var megabytes = await CountAsync(database, "SELECT coalesce(sum(octet_length(contributions)), 0) FROM indicator_checkpoint") / 1e6;

        say($"  restart with checkpoints ({megabytes:N1} MB; {changed.Count:N0} changes made after them)…");
        var withCheckpoints = await ServeAsync("checkpoint", start, connectionString, dataset, expected, changed.Count, megabytes, concurrency);
        await ExecuteAsync(database, "DELETE FROM indicator_checkpoint");
        say("  restart without checkpoints (every activity read)…");
        var without = await ServeAsync("activities", start, connectionString, dataset, expected, changed.Count, 0, concurrency);
        return [withCheckpoints, without];
    }

    /// <summary>One gruppo or tavolo in every eighth city that the burst left alone (its records stay at version 2).</summary>
    private static List<(int City, int Index)> ChangedAfter(NationalDataset dataset, IReadOnlyList<(int City, int Index)> burst)
    {
        var touched = burst.ToHashSet();
        var changed = new List<(int, int)>();
        for (var c = 0; c < dataset.Cities.Count; c += 8)
            for (var i = dataset.Activities[c] - 1; i >= 0; i--)
                if (i % 10 >= 6 && !touched.Contains((c, i)))
                {
                    changed.Add((c, i));
                    break;
                }
        return changed;
    }

    private static async Task<Result> ServeAsync(string from, Func<Task<BenchSilo>> start, string connectionString, NationalDataset dataset, string[] expected,
        int changed, double megabytes, int concurrency)
    {
        using var loads = new LoadCounter();
        // The stopped silo's memory is collected first: a restarted silo is a new process, it does not carry it.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var starting = Stopwatch.StartNew();
        var silo = await start();
        try
        {
            silo.AsSystem();
            var startSeconds = starting.Elapsed.TotalSeconds;
            var cpu = await CpuSplit.StartAsync(connectionString);
            var clock = Stopwatch.StartNew();
            var equal = 0;
            var limit = TimeSpan.FromMinutes(10);
            await Workload.RunAsync(dataset.Cities.Count, concurrency, async (_, c) =>
            {
                while (clock.Elapsed < limit)
                {
                    try
                    {
                        if (Scale.Figures(await Scale.Aggregator(silo.Grains, dataset, c).GetDocument()) == expected[c])
                        {
                            Interlocked.Increment(ref equal);
                            return;
                        }
                    }
                    catch (TimeoutException) { } // a large city still loading: asked again
                    await Task.Delay(20);
                }
            });
            var served = clock.Elapsed.TotalSeconds;
            return new Result(from, dataset.Cities.Count, dataset.Total, changed, megabytes, startSeconds, served, equal == dataset.Cities.Count,
                loads["checkpoint"], loads["checkpoint-repaired"], loads["activities"], cpu.Stop());
        }
        finally { await silo.KillAsync(); }
    }

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<double> CountAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return Convert.ToDouble(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The aggregators' activations by what they loaded, read from their own meter.</summary>
    private sealed class LoadCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly Dictionary<string, long> counts = [];

        public LoadCounter()
        {
            listener.InstrumentPublished = (instrument, l) => { if (instrument == GrainTelemetry.AggregatorLoads) l.EnableMeasurementEvents(instrument); };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "from")
                        lock (counts) counts[(string)tag.Value!] = counts.GetValueOrDefault((string)tag.Value!) + value;
            });
            listener.Start();
        }

        public long this[string from] { get { lock (counts) return counts.GetValueOrDefault(from); } }

        public void Dispose() => listener.Dispose();
    }
}
