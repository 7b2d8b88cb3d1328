using Orleans.Concurrency;

namespace ActorWelfare.Indicators;

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

/// <summary>Recomputes a city-year's indicators from the stored activity states (a separate code path).</summary>
[Alias("IVerifyGrain")]
public interface IVerifyGrain : IGrainWithStringKey
{
    [Alias("Verify")]
    Task<VerifyReport> Verify();
}
