namespace ActorWelfare.Indicators;

/// <summary>
/// What one activity adds to a city-year's indicators: an absolute, versioned vector (not a delta),
/// so a duplicate or late message changes nothing. <see cref="Vector"/> null withdraws the activity.
/// </summary>
[GenerateSerializer, Alias("ActivityContribution")]
public sealed record ActivityContribution(
    [property: Id(0)] string ActivityKey,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyDictionary<string, long>? Vector);

/// <summary>The city-wide indicators of one year, with the per-quartiere breakdown; keyed "city/year".</summary>
[Alias("ICityIndicatorsGrain")]
public interface ICityIndicatorsGrain : IGrainWithStringKey
{
    [Alias("Contribute")]
    Task Contribute(ActivityContribution contribution);

    [Alias("GetDocument")]
    Task<IndicatorDocument> GetDocument();

    /// <summary>Re-reads the stored activities and repairs anything a lost message left behind.</summary>
    [Alias("Reconcile")]
    Task<int> Reconcile();
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
