using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ActorWelfare.Telemetry;

/// <summary>
/// The grains' own spans and business meters (<c>ActorWelfare.Grains</c>), read by OpenTelemetry in the silo
/// (service-defaults' TelemetrySetup) and named as the Grafana dashboard and docs/operations.md read them.
/// </summary>
public static class GrainTelemetry
{
    public const string Name = "ActorWelfare.Grains";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>Commands on activities by outcome (accepted, unchanged, invalid, forbidden…) and the first rule that refused them.</summary>
    public static readonly Counter<long> Commands = Meter.CreateCounter<long>("actorwelfare.commands", "{command}",
        "Commands on activities, by kind, outcome and refusing rule");

    /// <summary>From an activity's save to its contribution reaching the city's aggregator.</summary>
    public static readonly Histogram<double> ContributionLag = Meter.CreateHistogram<double>("actorwelfare.contribution.lag", "ms",
        "Time from an activity's save to its contribution reaching the aggregator");

    /// <summary>From the first contribution of a new version to its publication (the pacing's wait and the document's making).</summary>
    public static readonly Histogram<double> PublishDelay = Meter.CreateHistogram<double>("actorwelfare.indicators.publish.delay", "ms",
        "Time from the first contribution of a version to its publication");

    /// <summary>The pacing's gap after each publication: the shortest while publishing is cheap, longer for costly documents.</summary>
    public static readonly Histogram<double> PublishGap = Meter.CreateHistogram<double>("actorwelfare.indicators.publish.gap", "ms",
        "Time an aggregator keeps between publications while changes keep coming");

    public static readonly Counter<long> Publications = Meter.CreateCounter<long>("actorwelfare.indicators.published", "{version}",
        "New versions of a city-year's indicators published");

    /// <summary>Observers notified per publication (pages' hosts subscribed to a city-year).</summary>
    public static readonly Histogram<long> Subscribers = Meter.CreateHistogram<long>("actorwelfare.indicators.subscribers", "{observer}",
        "Observers told of each new version");

    /// <summary>Aggregators activated, by what they loaded: their checkpoint (as written, or repaired from the store) or every activity.</summary>
    public static readonly Counter<long> AggregatorLoads = Meter.CreateCounter<long>("actorwelfare.indicators.loads", "{activation}",
        "Aggregator activations, by what they loaded (checkpoint, checkpoint-repaired, activities)");

    public static readonly Counter<long> AlertsRaised = Meter.CreateCounter<long>("actorwelfare.alerts.raised", "{alert}",
        "Alerts raised, by rule");

    public static readonly Counter<long> Imports = Meter.CreateCounter<long>("actorwelfare.imports", "{import}",
        "Imports that ended, by outcome (applied, refused, failed)");

    public static readonly Counter<long> ImportedActivities = Meter.CreateCounter<long>("actorwelfare.imports.activities", "{activity}",
        "Activities written by applied imports");

    public static readonly Counter<long> Mails = Meter.CreateCounter<long>("actorwelfare.mails", "{mail}",
        "Notification mails, by result (sent, not-sent, no-smtp)");

    public static string Tag(this Enum value) => value.ToString().ToLowerInvariant();
}
