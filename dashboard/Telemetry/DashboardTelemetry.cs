using System.Diagnostics;
using System.Diagnostics.Metrics;
using ActorWelfare.Dashboard.Live;

namespace ActorWelfare.Dashboard.Telemetry;

/// <summary>
/// The dashboard's own spans and meters (<c>ActorWelfare.Dashboard</c>): the push of a new version to the pages and
/// hub connections (the last span of an update's trace), and how many city-years and watchers this host follows.
/// Blazor circuits and SignalR connections are counted by ASP.NET Core's own meters.
/// </summary>
public sealed class DashboardTelemetry
{
    public const string Name = "ActorWelfare.Dashboard";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> pushes;
    private readonly Histogram<double> pushDelay;

    public DashboardTelemetry(IMeterFactory meters, IServiceProvider services)
    {
        var meter = meters.Create(Name);
        pushes = meter.CreateCounter<long>("actorwelfare.pushes", "{version}", "New versions pushed to this host's pages and hub connections");
        pushDelay = meter.CreateHistogram<double>("actorwelfare.push.delay", "ms",
            "From a version's publication on a silo (its AsOf) to its push here");
        // Read when scraped; the feed is resolved then, not here (it depends on this).
        meter.CreateObservableGauge("actorwelfare.subscriptions", () => services.GetRequiredService<IndicatorFeed>().Subscriptions,
            "{city-year}", "City-years this host is subscribed to");
        meter.CreateObservableGauge("actorwelfare.watchers", () => services.GetRequiredService<IndicatorFeed>().Watchers,
            "{watcher}", "Pages and hub connections watching, all city-years together");
    }

    /// <summary>A span for one push (child of the silo's publication when the trace came along), counted and timed from <paramref name="publishedAt"/>.</summary>
    public Activity? Push(string cityYear, long version, int watchers, DateTimeOffset publishedAt)
    {
        pushes.Add(1);
        pushDelay.Record(Math.Max(0, (DateTimeOffset.UtcNow - publishedAt).TotalMilliseconds));
        return Source.StartActivity("indicators push", ActivityKind.Consumer)?
            .SetTag("actorwelfare.city_year", cityYear).SetTag("actorwelfare.version", version).SetTag("actorwelfare.watchers", watchers);
    }
}
