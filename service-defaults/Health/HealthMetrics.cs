using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorWelfare.Health;

/// <summary>
/// Each health check's last result as a gauge (<c>actorwelfare.health</c>, 1 healthy, 0.5 degraded, 0 unhealthy, by
/// check), so Prometheus can alert on "the database does not answer" as the probes see it.
/// </summary>
public sealed class HealthMetrics : IHealthCheckPublisher
{
    private readonly Dictionary<string, double> last = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public HealthMetrics(IMeterFactory meters) =>
        meters.Create("ActorWelfare.Health").CreateObservableGauge("actorwelfare.health", Read, null, "Last result of each health check (1 healthy, 0 unhealthy)");

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        lock (gate)
            foreach (var (name, entry) in report.Entries)
                last[name] = entry.Status switch { HealthStatus.Healthy => 1, HealthStatus.Degraded => 0.5, _ => 0 };
        return Task.CompletedTask;
    }

    private IEnumerable<Measurement<double>> Read()
    {
        lock (gate) return [.. last.Select(e => new Measurement<double>(e.Value, new KeyValuePair<string, object?>("check", e.Key)))];
    }
}
