using ActorWelfare.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ActorWelfare.Tests.Telemetry;

/// <summary>The health gauge says what the checks said last, and stops saying "healthy" when they stop reporting.</summary>
public sealed class HealthMetricsTests
{
    private static HealthReport Report(HealthStatus database) => new(new Dictionary<string, HealthReportEntry>
    {
        ["database"] = new(database, null, TimeSpan.Zero, null, null),
        ["silo"] = new(HealthStatus.Healthy, null, TimeSpan.Zero, null, null),
    }, TimeSpan.Zero);

    [Fact]
    public async Task Each_check_reads_its_last_result_until_it_is_stale()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var health = new HealthMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), clock);

        await health.PublishAsync(Report(HealthStatus.Unhealthy), CancellationToken.None);
        Assert.Equal(0, health.Current()["database"]);
        Assert.Equal(1, health.Current()["silo"]);

        await health.PublishAsync(Report(HealthStatus.Degraded), CancellationToken.None);
        Assert.Equal(0.5, health.Current()["database"]);

        // Nothing published for longer than the stale limit: no check reads healthy any more.
        clock.Advance(HealthMetrics.Stale + TimeSpan.FromSeconds(1));
        Assert.Equal(0, health.Current()["silo"]);
        Assert.Equal(0, health.Current()["database"]);

        await health.PublishAsync(Report(HealthStatus.Healthy), CancellationToken.None);
        Assert.Equal(1, health.Current()["database"]);
    }
}
