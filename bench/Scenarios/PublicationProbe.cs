using System.Diagnostics.Metrics;
using ActorWelfare.Telemetry;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// What the aggregators of the benchmark's in-process silo publish while a scenario runs, read from their own meters:
/// how many versions, how long the first change of each waited for it (the adaptive window as people feel it) and the
/// gap the pacing kept after each.
/// </summary>
public sealed class PublicationProbe : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<double> delays = [];
    private readonly List<double> gaps = [];

    public PublicationProbe()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument == GrainTelemetry.PublishDelay || instrument == GrainTelemetry.PublishGap) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            var into = instrument == GrainTelemetry.PublishDelay ? delays : gaps;
            lock (into) into.Add(value);
        });
        listener.Start();
    }

    public sealed record Summary(int Versions, double DelayP50Ms, double DelayP99Ms, double GapP50Ms, double GapMaxMs);

    public Summary Read()
    {
        double[] d, g;
        lock (delays) d = [.. delays.Order()];
        lock (gaps) g = [.. gaps.Order()];
        return new Summary(d.Length, Percentile(d, 0.50), Percentile(d, 0.99), Percentile(g, 0.50), g.Length == 0 ? double.NaN : g[^1]);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public void Dispose() => listener.Dispose();
}
