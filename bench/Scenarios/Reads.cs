using System.Diagnostics;
using System.Text.Json;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Storage;
using ActorWelfare.Territories;
using ActorWelfare.Years;
using Npgsql;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// Reading a city-year's whole indicator document from its aggregator, against computing it from the
/// stored states: one SQL query for the year's activities, then the same recomputation `verify` uses.
/// Both must give the same figures.
/// </summary>
public static class Reads
{
    public sealed record Result(int Activities, double LoadSeconds, double AggregatorMs, double SqlMs, double Ratio, bool SameFigures,
        double SnapshotSeconds, bool SnapshotComplete);

    public static async Task<Result> RunAsync(IGrainFactory grains, string connectionString, Territory city, int activities, int year, int concurrency)
    {
        var load = await Workload.RunAsync(activities, concurrency, async (_, i) =>
        {
            var (kind, id, profile, figures) = Workload.Activity(city, year, i);
            var grain = grains.Activity(city.Id, kind, id);
            var registered = await grain.Execute(new RegisterActivity(profile), 0);
            var updated = await grain.Execute(new UpdateYearFigures(year, figures), registered.Record.Version);
            if (!updated.Succeeded) throw new InvalidOperationException($"Loading {id}: {string.Join("; ", updated.Errors.Select(e => e.MessageEn))}");
        });

        // Settled when the document stops changing for a second; SameFigures below checks it is right.
        var aggregator = grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear(city.Id, year));
        var live = await aggregator.GetDocument();
        for (var i = 0; i < 120; i++)
        {
            await Task.Delay(1000);
            var next = await aggregator.GetDocument();
            if (next.Version == live.Version) break;
            live = next;
        }
        var aggregatorMs = await TimeAsync(50, () => aggregator.GetDocument());

        await using var data = NpgsqlDataSource.Create(connectionString);
        IndicatorDocument? recomputed = null;
        var sqlMs = await TimeAsync(activities >= 100_000 ? 3 : 5, async () =>
        {
            await using var command = data.CreateCommand(
                "SELECT record FROM activity WHERE city = $1 AND start_year <= $2 AND (end_year IS NULL OR end_year >= $2)");
            command.Parameters.Add(new() { Value = city.Id });
            command.Parameters.Add(new() { Value = year });
            var records = new List<ActivityRecord>(activities);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) records.Add(ActivityJson.ReadRecord(reader.GetString(0)));
            recomputed = IndicatorRecomputation.Compute(city, year, records, live.Version);
            return recomputed;
        });
        var same = JsonSerializer.Serialize(live.Indicators) == JsonSerializer.Serialize(recomputed!.Indicators)
            && JsonSerializer.Serialize(live.Quartieri) == JsonSerializer.Serialize(recomputed.Quartieri);
        var (snapshotSeconds, complete) = await YearEndSnapshotAsync(grains, city.Id, year, activities, recomputed);
        return new Result(activities, load.TotalSeconds, aggregatorMs, sqlMs, sqlMs / aggregatorMs, same, snapshotSeconds, complete);
    }

    /// <summary>
    /// Closes the year and takes its definitive snapshot, timing the snapshot alone (closing waits for
    /// every silo's cache of closed years). Complete when it holds every activity and the same figures.
    /// </summary>
    private static async Task<(double Seconds, bool Complete)> YearEndSnapshotAsync(IGrainFactory grains, string city, int year, int activities,
        IndicatorDocument expected)
    {
        // Closing a year is an analyst's act (the grain refuses anyone else, the cluster's own work included).
        ActorWelfare.Access.CallerContext.HandDown(ActorWelfare.Access.Caller.InCity("bench-analista", city, [ActorWelfare.Access.Roles.Analista])
            with { Name = "Analista del benchmark" });
        var grain = grains.GetGrain<IYearGrain>(GrainKeys.CityYear(city, year));
        var closed = await grain.Close();
        if (!closed.Succeeded) throw new InvalidOperationException($"Closing {city}/{year}: {string.Join("; ", closed.Errors.Select(e => e.MessageEn))}");
        var clock = Stopwatch.StartNew();
        var taken = await grain.TakeSnapshot(SnapshotInfo.Final);
        clock.Stop();
        var snapshot = taken.Snapshot is { } info ? await grain.GetSnapshot(info.Id) : null;
        var complete = snapshot is not null && snapshot.Info.Activities == activities
            && JsonSerializer.Serialize(snapshot.Document.Indicators) == JsonSerializer.Serialize(expected.Indicators);
        return (clock.Elapsed.TotalSeconds, complete);
    }

    /// <summary>The median time of <paramref name="times"/> calls, in milliseconds.</summary>
    private static async Task<double> TimeAsync<T>(int times, Func<Task<T>> call)
    {
        await call(); // warm
        var samples = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        return samples[samples.Count / 2];
    }
}
