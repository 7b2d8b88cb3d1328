using Orleans.Concurrency;

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

/// <summary>The city-wide indicators of one year, with the per-quartiere breakdown; keyed "city/year".</summary>
[Alias("ICityIndicatorsGrain")]
public interface ICityIndicatorsGrain : IGrainWithStringKey
{
    [Alias("Contribute")]
    Task Contribute(ActivityContribution contribution);

    [Alias("GetDocument")]
    Task<IndicatorDocument> GetDocument();

    /// <summary>
    /// The activities behind a figure or an item of it ("city/kind/id"), read off the same contributions the
    /// figure is summed from (for people with a role in the city).
    /// </summary>
    [Alias("GetContributors")]
    Task<IReadOnlyList<string>> GetContributors(FigureSelector figure);

    /// <summary>Re-reads the stored activities and repairs anything a lost message left behind.</summary>
    [Alias("Reconcile")]
    Task<int> Reconcile();

    /// <summary>
    /// Registers (or renews) an observer for every new version of the document. A subscription
    /// lapses unless renewed within <see cref="IndicatorSubscriptions.Lifetime"/>.
    /// </summary>
    [Alias("Subscribe")]
    Task Subscribe(IIndicatorsObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IIndicatorsObserver observer);
}

/// <summary>Receives each new version of a city-year's indicator document (one per dashboard host).</summary>
[Alias("IIndicatorsObserver")]
public interface IIndicatorsObserver : IGrainObserver
{
    [OneWay, Alias("OnIndicators")]
    Task OnIndicators(IndicatorDocument document);
}

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

/// <summary>Recomputes a city-year's indicators from the stored activity states (a separate code path).</summary>
[Alias("IVerifyGrain")]
public interface IVerifyGrain : IGrainWithStringKey
{
    [Alias("Verify")]
    Task<VerifyReport> Verify();
}
