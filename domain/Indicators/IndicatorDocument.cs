using System.Text.Json.Serialization;

namespace ActorWelfare.Indicators;

/// <summary>
/// One figure of the catalogue for a scope (the city or a quartiere). <see cref="Value"/> null means
/// nothing was reported; <see cref="Base"/> is the number of activities the figure rests on, or null
/// where the figure has no base.
/// </summary>
[DataContract(Name = "IndicatorValue")]
public sealed record IndicatorValue
{
    [DataMember(Order = 0)] public double? Value { get; init; }
    [DataMember(Order = 1)] public int? Base { get; init; }
    /// <summary>The "+N": activities documented but left out of the aggregates.</summary>
    [DataMember(Order = 2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Excluded { get; init; }
    /// <summary>Taxonomy id → number.</summary>
    [DataMember(Order = 3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SortedDictionary<string, double>? Breakdown { get; init; }
    /// <summary>Further breakdowns by name (for example the beneficiary classes of PI.BEN).</summary>
    [DataMember(Order = 4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SortedDictionary<string, SortedDictionary<string, double>>? Breakdowns { get; init; }
}

/// <summary>
/// The live indicators of a city for a year, city-wide and per quartiere. Never changed once handed out: the callers of
/// an aggregator in its silo share the one it publishes instead of copying it (build a new one, or use <c>with</c>).
/// </summary>
[DataContract(Name = "IndicatorDocument"), ImmutableObject(true)]
public sealed record IndicatorDocument
{
    [DataMember(Order = 0)] public string City { get; init; } = "";
    [DataMember(Order = 1)] public int Year { get; init; }
    /// <summary>Grows with every change of the document.</summary>
    [DataMember(Order = 2)] public long Version { get; init; }
    [DataMember(Order = 3)] public DateTimeOffset AsOf { get; init; }
    [DataMember(Order = 4)] public SortedDictionary<string, IndicatorValue> Indicators { get; init; } = new(StringComparer.Ordinal);
    [DataMember(Order = 5)] public SortedDictionary<string, SortedDictionary<string, IndicatorValue>> Quartieri { get; init; } = new(StringComparer.Ordinal);
}
