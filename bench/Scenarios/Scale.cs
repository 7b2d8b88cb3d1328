using System.Text.Json;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Storage;
using Npgsql;
using NpgsqlTypes;
using Process = System.Diagnostics.Process;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// The national dataset in a silo on PostgreSQL: the records are put in place in bulk (COPY, as a
/// migration would), then every activity grain and every city's aggregator is activated from the
/// store, and the silo's memory is measured. Then a burst of updates goes through the command path
/// and the time until every city's indicators equal an independent recomputation is measured.
/// </summary>
public static class Scale
{
    public sealed record Result(
        int Cities, int Activities, int LargestCity, double CopySeconds, double ActivateSeconds,
        double HeapGiB, double WorkingSetGiB, double HeapBytesPerActivity, double WorkingSetBytesPerActivity,
        double ActivityGrainBytes, double AggregatorBytes,
        int BurstUpdates, double BurstSeconds, double ConvergeSeconds, int CitiesChecked, bool AllConverged, bool VerifyEqual);

    /// <summary>What the restart scenario needs to know of the run: the burst's updates and when the records were written.</summary>
    public sealed record Run(Result Result, IReadOnlyList<(int City, int Index)> Burst, DateTimeOffset At);

    public static async Task<Run> RunAsync(IGrainFactory grains, string connectionString, NationalDataset dataset, int burstUpdates,
        int concurrency, Action<string> say)
    {
        var (heapBefore, setBefore) = Memory();
        var at = DateTimeOffset.UtcNow;
        var copy = Stopwatch.StartNew();
        await CopyAsync(connectionString, dataset, at);
        copy.Stop();

        say($"  activating {dataset.Total:N0} activities and {dataset.Cities.Count:N0} aggregators from PostgreSQL…");
        var keys = Keys(dataset).ToList();
        var activate = Stopwatch.StartNew();
        await Workload.RunAsync(keys.Count, concurrency, async (_, i) => await grains.Activity(keys[i].City, keys[i].Kind, keys[i].Id).Get());
        keys = null;
        var (heapActivities, _) = Memory();
        // Each aggregator reads its whole city-year on activation (the largest about 100,000 records): a few at
        // a time, and a call that times out while the activation goes on is simply asked again.
        await Workload.RunAsync(dataset.Cities.Count, 4, async (_, c) =>
        {
            for (var attempt = 1; ; attempt++)
                try
                {
                    await Aggregator(grains, dataset, c).GetDocument();
                    return;
                }
                catch (TimeoutException) when (attempt < 5) { }
        });
        activate.Stop(); // includes the pause to measure the activity grains alone
        var (heapAfter, setAfter) = Memory();
        var total = dataset.Total;

        // Expected figures after the burst, computed here from the generated records (not read back).
        var burst = dataset.Burst(burstUpdates);
        var expected = Expected(dataset, burst, at);
        say($"  burst of {burst.Count:N0} updates across the cities…");
        var burstClock = Stopwatch.StartNew();
        await Workload.RunAsync(burst.Count, concurrency, async (_, n) =>
        {
            var (c, index) = burst[n];
            var (kind, id, _, _) = Workload.Activity(dataset.Cities[c], dataset.Year, index);
            var result = await grains.Activity(dataset.Cities[c].Id, kind, id).Execute(new RecordMeeting(dataset.Year), 2);
            if (!result.Succeeded) throw new InvalidOperationException($"Burst update refused: {result.Outcome} {string.Join("; ", result.Errors.Select(e => e.MessageEn))}");
        });
        burstClock.Stop();

        var converged = await ConvergeAsync(grains, dataset, expected, TimeSpan.FromMinutes(5));
        // And the system's own check, for a sample of cities including the largest ones.
        var sample = Enumerable.Range(0, 20).Concat(Enumerable.Range(0, dataset.Cities.Count).Where(c => c % 400 == 0)).Distinct();
        var verified = await Task.WhenAll(sample.Select(c => grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear(dataset.Cities[c].Id, dataset.Year)).Verify()));

        return new Run(new Result(dataset.Cities.Count, total, dataset.Activities.Max(), copy.Elapsed.TotalSeconds, activate.Elapsed.TotalSeconds,
            heapAfter / Gib, setAfter / Gib, (heapAfter - heapBefore) / total, (setAfter - setBefore) / total,
            (heapActivities - heapBefore) / total, (heapAfter - heapActivities) / total,
            burst.Count, burstClock.Elapsed.TotalSeconds, converged.Seconds, dataset.Cities.Count, converged.All, verified.All(v => v.Equal)), burst, at);
    }

    private const double Gib = 1024.0 * 1024 * 1024;

    internal static ICityIndicatorsGrain Aggregator(IGrainFactory grains, NationalDataset dataset, int city) =>
        grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear(dataset.Cities[city].Id, dataset.Year));

    private static IEnumerable<(string City, ActivityKind Kind, string Id)> Keys(NationalDataset dataset) =>
        dataset.Cities.SelectMany((city, c) => Enumerable.Range(0, dataset.Activities[c]).Select(i =>
        {
            var (kind, id, _, _) = Workload.Activity(city, dataset.Year, i);
            return (city.Id, kind, id);
        }));

    /// <summary>The managed heap after a full compacting collection, and the process's working set, in bytes.</summary>
    private static (double Heap, double WorkingSet) Memory()
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(false), process.WorkingSet64);
    }

    /// <summary>Writes every record, as the activity store writes it, with binary COPY.</summary>
    private static async Task CopyAsync(string connectionString, NationalDataset dataset, DateTimeOffset at)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY activity (city, kind, id, version, deleted, start_year, end_year, quartieri, record, updated_at) FROM STDIN (FORMAT BINARY)");
        for (var c = 0; c < dataset.Cities.Count; c++)
            for (var i = 0; i < dataset.Activities[c]; i++)
            {
                var r = dataset.Record(dataset.Cities[c], i, at);
                await writer.StartRowAsync();
                await writer.WriteAsync(r.City);
                await writer.WriteAsync(GrainKeys.KindId(r.Kind));
                await writer.WriteAsync(r.Id);
                await writer.WriteAsync(r.Version, NpgsqlDbType.Bigint);
                await writer.WriteAsync(r.Deleted);
                await writer.WriteAsync(r.Profile.StartYear, NpgsqlDbType.Integer);
                if (r.Profile.EndYear is { } end) await writer.WriteAsync(end, NpgsqlDbType.Integer); else await writer.WriteNullAsync();
                await writer.WriteAsync(r.Profile.Quartieri.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(ActivityJson.Write(r), NpgsqlDbType.Jsonb);
                await writer.WriteAsync(r.UpdatedAt, NpgsqlDbType.TimestampTz);
            }
        await writer.CompleteAsync();
    }

    /// <summary>Every city's figures after the burst, recomputed from the generated records with one meeting more where the burst adds one.</summary>
    internal static string[] Expected(NationalDataset dataset, IReadOnlyList<(int City, int Index)> burst, DateTimeOffset at)
    {
        var touched = burst.ToLookup(b => b.City, b => b.Index);
        return [.. dataset.Cities.AsParallel().AsOrdered().Select((city, c) =>
        {
            var met = touched[c].ToHashSet();
            var records = Enumerable.Range(0, dataset.Activities[c]).Select(i =>
            {
                var record = dataset.Record(city, i, at);
                return met.Contains(i) ? ActivityRules.Apply(record, new RecordMeeting(dataset.Year), _ => null) : record;
            });
            return Figures(IndicatorRecomputation.Compute(city, dataset.Year, records));
        })];
    }

    internal static string Figures(IndicatorDocument d) => JsonSerializer.Serialize(d.Indicators) + JsonSerializer.Serialize(d.Quartieri);

    /// <summary>Polls the cities not yet equal to their expected figures; returns when all are, or at the limit.</summary>
    private static async Task<(double Seconds, bool All)> ConvergeAsync(IGrainFactory grains, NationalDataset dataset, string[] expected, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var pending = Enumerable.Range(0, dataset.Cities.Count).ToDictionary(c => c, _ => -1L); // city → version last compared
        while (pending.Count > 0 && clock.Elapsed < limit)
        {
            var documents = await Task.WhenAll(pending.Keys.Select(async c => (City: c, Document: await Aggregator(grains, dataset, c).GetDocument())));
            foreach (var (c, document) in documents)
            {
                if (document.Version == pending[c]) continue; // unchanged since it last differed
                if (Figures(document) == expected[c]) pending.Remove(c); else pending[c] = document.Version;
            }
            if (pending.Count > 0) await Task.Delay(20);
        }
        return (clock.Elapsed.TotalSeconds, pending.Count == 0);
    }
}
