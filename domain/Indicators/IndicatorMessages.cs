
namespace ActorWelfare.Indicators;

/// <summary>
/// What one activity adds to a city-year's indicators: an absolute, versioned vector (not a delta),
/// so a duplicate or late message changes nothing. <see cref="Vector"/> null withdraws the activity.
/// Immutable: the sender never touches a vector once sent, the aggregator keeps its own compact copy.
/// </summary>
[GenerateSerializer, Immutable, Alias("ActivityContribution")]
public sealed record ActivityContribution(
    [property: Id(0)] string ActivityKey,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyDictionary<string, long>? Vector,
    [property: Id(3)] DateTimeOffset? SavedAt = null);

public static class IndicatorSubscriptions
{
    /// <summary>How long a subscription lives without renewal.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>How often subscribers renew (well within <see cref="Lifetime"/>).</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);
}

/// <summary>The outcome of comparing the live document with an independent recomputation.</summary>
[GenerateSerializer, Alias("VerifyReport")]
public sealed record VerifyReport(
    [property: Id(0)] string City,
    [property: Id(1)] int Year,
    [property: Id(2)] bool Equal,
    [property: Id(3)] long LiveVersion,
    [property: Id(4)] int Activities,
    [property: Id(5)] IReadOnlyList<string> Differences,
    [property: Id(6)] IndicatorDocument Recomputed);
