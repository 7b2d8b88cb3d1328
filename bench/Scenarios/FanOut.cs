using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using Microsoft.AspNetCore.SignalR.Client;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// Many hub subscribers on one dashboard: after a burst of updates, how long until each subscriber has
/// the final state (from the last acknowledgement), and whether every one of them got it.
/// </summary>
public static class FanOut
{
    public sealed record Result(int Subscribers, int Updates, int GotLastState, double P50Ms, double P99Ms, double MaxMs);

    public static async Task<Result> RunAsync(IGrainFactory grains, string dashboardUrl, int subscribers, int updates, int year, int concurrency)
    {
        const string city = UpdateThroughput.City;
        var ids = Enumerable.Range(0, concurrency).Select(i => $"fan-{year}-{i}").ToList();
        var versions = new long[ids.Count];
        for (var i = 0; i < ids.Count; i++)
            versions[i] = (await grains.Activity(city, ActivityKind.Gruppo, ids[i]).Execute(new RegisterActivity(new ActivityProfile
            { Name = ids[i], Quartieri = ["navile"], StartYear = year, EndYear = year, Status = "attivo" }), 0)).Record.Version;

        var clock = Stopwatch.StartNew();
        var arrivals = new double[subscribers];
        var connections = new List<HubConnection>();
        double target = double.MaxValue;
        try
        {
            for (var s = 0; s < subscribers; s++)
            {
                var index = s;
                var hub = new HubConnectionBuilder().WithUrl(dashboardUrl + "/hubs/indicators").Build();
                hub.On<IndicatorDocument>("indicators", d =>
                {
                    if ((d.Indicators.GetValueOrDefault("GC.MEET")?.Value ?? 0) >= Volatile.Read(ref target) && arrivals[index] == 0)
                        arrivals[index] = clock.Elapsed.TotalMilliseconds;
                });
                await hub.StartAsync();
                var first = await hub.InvokeAsync<IndicatorDocument>("Subscribe", city, year);
                if (s == 0) Volatile.Write(ref target, (first.Indicators.GetValueOrDefault("GC.MEET")?.Value ?? 0) + updates);
                connections.Add(hub);
            }

            var counters = new int[ids.Count];
            await Workload.RunAsync(updates, ids.Count, async (worker, _) =>
            {
                var result = await grains.Activity(city, ActivityKind.Gruppo, ids[worker]).Execute(new RecordMeeting(year), versions[worker]);
                versions[worker] = result.Record.Version;
                counters[worker]++;
            });
            var lastAck = clock.Elapsed.TotalMilliseconds;
            for (var i = 0; i < 200 && arrivals.Any(a => a == 0); i++) await Task.Delay(50);

            var latencies = arrivals.Where(a => a > 0).Select(a => Math.Max(0, a - lastAck)).Order().ToList();
            double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
            return new Result(subscribers, updates, latencies.Count, Percentile(0.5), Percentile(0.99), latencies.Count == 0 ? double.NaN : latencies[^1]);
        }
        finally
        {
            foreach (var hub in connections) await hub.DisposeAsync();
        }
    }
}
