
namespace ActorWelfare.Indicators;

/// <summary>
/// What one activity adds to a city-year's indicators: an absolute, versioned vector (not a delta),
/// so a duplicate or late message changes nothing. <see cref="Vector"/> null withdraws the activity.
/// Immutable: the sender never touches a vector once sent, the aggregator keeps its own compact copy.
/// </summary>
[DataContract(Name = "ActivityContribution"), ImmutableObject(true)]
public sealed record ActivityContribution(
    [property: DataMember(Order = 0)] string ActivityKey,
    [property: DataMember(Order = 1)] long Version,
    [property: DataMember(Order = 2)] IReadOnlyDictionary<string, long>? Vector,
    [property: DataMember(Order = 3)] DateTimeOffset? SavedAt = null);

public static class IndicatorSubscriptions
{
    /// <summary>How long a subscription lives without renewal.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>How often subscribers renew (well within <see cref="Lifetime"/>).</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);
}

/// <summary>The outcome of comparing the live document with an independent recomputation.</summary>
[DataContract(Name = "VerifyReport")]
public sealed record VerifyReport(
    [property: DataMember(Order = 0)] string City,
    [property: DataMember(Order = 1)] int Year,
    [property: DataMember(Order = 2)] bool Equal,
    [property: DataMember(Order = 3)] long LiveVersion,
    [property: DataMember(Order = 4)] int Activities,
    [property: DataMember(Order = 5)] IReadOnlyList<string> Differences,
    [property: DataMember(Order = 6)] IndicatorDocument Recomputed);
