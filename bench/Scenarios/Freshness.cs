using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using Microsoft.AspNetCore.SignalR.Client;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// From an acknowledged update to its arrival at a SignalR client subscribed to the dashboard's hub.
/// Every update adds one meeting, so the document's GC.MEET counts the updates it includes: the k-th
/// acknowledged update counts as delivered by the first message whose count reaches it (exact when
/// updates reach the aggregator in the order they were acknowledged; otherwise off by the reordering).
/// </summary>
public static class Freshness
{
    /// <param name="Publication">What the aggregator published meanwhile: versions, the wait of a change for its version, the pacing's gap.</param>
    public sealed record Result(string Load, double TargetRate, double AchievedRate, int Updates, bool AllDelivered,
        double P50Ms, double P95Ms, double P99Ms, double MaxMs, PublicationProbe.Summary Publication);

    /// <param name="rate">Updates per second; 0 for as fast as the workers go.</param>
    public static async Task<Result> RunAsync(IGrainFactory grains, string dashboardUrl, string load, double rate, int updates,
        int year, int activities, int concurrency)
    {
        const string city = UpdateThroughput.City;
        var ids = Enumerable.Range(0, activities).Select(i => $"fresh-{year}-{i}").ToList();
        var versions = new long[activities];
        await Workload.RunAsync(activities, concurrency, async (_, i) =>
            versions[i] = (await grains.Activity(city, ActivityKind.Gruppo, ids[i]).Execute(new RegisterActivity(new ActivityProfile
            { Name = ids[i], Quartieri = ["navile"], StartYear = year, EndYear = year, Status = "attivo" }), 0)).Record.Version);

        var clock = Stopwatch.StartNew();
        var received = new List<(double At, double Meetings)>();
        await using var hub = new HubConnectionBuilder().WithUrl(dashboardUrl + "/hubs/indicators").Build();
        hub.On<IndicatorDocument>("indicators", d => { lock (received) received.Add((clock.Elapsed.TotalMilliseconds, d.Indicators.GetValueOrDefault("GC.MEET")?.Value ?? 0)); });
        await hub.StartAsync();
        var baseline = (await hub.InvokeAsync<IndicatorDocument>("Subscribe", city, year)).Indicators.GetValueOrDefault("GC.MEET")?.Value ?? 0;

        using var probe = new PublicationProbe();
        var acks = new List<double>(updates);
        var gates = ids.Select(_ => new SemaphoreSlim(1, 1)).ToArray();
        var start = clock.Elapsed.TotalMilliseconds;
        var elapsed = await Workload.RunAsync(updates, rate > 0 ? Math.Max(concurrency, (int)(rate / 50)) : concurrency, async (_, n) =>
        {
            if (rate > 0)
            {
                var due = start + n * 1000 / rate;
                var wait = due - clock.Elapsed.TotalMilliseconds;
                if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }
            var slot = n % activities;
            await gates[slot].WaitAsync();
            try
            {
                var result = await grains.Activity(city, ActivityKind.Gruppo, ids[slot]).Execute(new RecordMeeting(year), versions[slot]);
                if (!result.Succeeded) throw new InvalidOperationException($"Update refused: {result.Outcome}");
                versions[slot] = result.Record.Version;
                lock (acks) acks.Add(clock.Elapsed.TotalMilliseconds);
            }
            finally
            {
                gates[slot].Release();
            }
        });

        var target = baseline + updates;
        for (var i = 0; i < 200 && !Reached(received, target); i++) await Task.Delay(50);
        var messages = received.ToArray();
        acks.Sort();
        var latencies = new List<double>(acks.Count);
        for (var k = 0; k < acks.Count; k++)
        {
            var needed = baseline + k + 1;
            var arrival = messages.FirstOrDefault(m => m.Meetings >= needed);
            if (arrival.At > 0) latencies.Add(Math.Max(0, arrival.At - acks[k]));
        }
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        return new Result(load, rate, updates / elapsed.TotalSeconds, updates, Reached(messages, target),
            Percentile(0.50), Percentile(0.95), Percentile(0.99), latencies.Count == 0 ? double.NaN : latencies[^1], probe.Read());
    }

    private static bool Reached(IEnumerable<(double At, double Meetings)> messages, double target)
    {
        lock (messages) return messages.Any(m => m.Meetings >= target);
    }
}
