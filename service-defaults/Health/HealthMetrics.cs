using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorWelfare.Health;

/// <summary>
/// Each health check's last result as a gauge (<c>actorwelfare.health</c>, 1 healthy, 0.5 degraded, 0 unhealthy, by
/// check), so Prometheus can alert on "the database does not answer" as the probes see it. A result older than
/// <see cref="Stale"/> reads 0: checks that stopped reporting (a publisher stuck behind a hung check) are not "healthy".
/// </summary>
public sealed class HealthMetrics : IHealthCheckPublisher
{
    /// <summary>Four publishing periods (15 s each): past this, the last result no longer says anything.</summary>
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (double Value, DateTimeOffset At)> last = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly TimeProvider clock;

    public HealthMetrics(IMeterFactory meters, TimeProvider? clock = null)
    {
        this.clock = clock ?? TimeProvider.System;
        meters.Create("ActorWelfare.Health").CreateObservableGauge("actorwelfare.health", Read, null, "Last result of each health check (1 healthy, 0 unhealthy)");
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        lock (gate)
            foreach (var (name, entry) in report.Entries)
                last[name] = (entry.Status switch { HealthStatus.Healthy => 1, HealthStatus.Degraded => 0.5, _ => 0 }, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    private IEnumerable<Measurement<double>> Read()
    {
        var now = clock.GetUtcNow();
        lock (gate)
            return [.. last.Select(e => new Measurement<double>(now - e.Value.At > Stale ? 0 : e.Value.Value, new KeyValuePair<string, object?>("check", e.Key)))];
    }

    /// <summary>What the gauge reads now, by check (for tests and diagnostics).</summary>
    public IReadOnlyDictionary<string, double> Current()
    {
        return Read().ToDictionary(m => (string)m.Tags[0].Value!, m => m.Value, StringComparer.Ordinal);
    }
}
