using System.Text.Json.Serialization;

namespace ActorWelfare.Indicators;

/// <summary>
/// One figure of the catalogue for a scope (the city or a quartiere). <see cref="Value"/> null means
/// nothing was reported; <see cref="Base"/> is the number of activities the figure rests on, or null
/// where the figure has no base.
/// </summary>
[GenerateSerializer, Alias("IndicatorValue")]
public sealed record IndicatorValue
{
    [Id(0)] public double? Value { get; init; }
    [Id(1)] public int? Base { get; init; }
    /// <summary>The "+N": activities documented but left out of the aggregates.</summary>
    [Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Excluded { get; init; }
    /// <summary>Taxonomy id → number.</summary>
    [Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SortedDictionary<string, double>? Breakdown { get; init; }
    /// <summary>Further breakdowns by name (for example the beneficiary classes of PI.BEN).</summary>
    [Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SortedDictionary<string, SortedDictionary<string, double>>? Breakdowns { get; init; }
}

/// <summary>The live indicators of a city for a year, city-wide and per quartiere.</summary>
[GenerateSerializer, Alias("IndicatorDocument")]
public sealed record IndicatorDocument
{
    [Id(0)] public string City { get; init; } = "";
    [Id(1)] public int Year { get; init; }
    /// <summary>Grows with every change of the document.</summary>
    [Id(2)] public long Version { get; init; }
    [Id(3)] public DateTimeOffset AsOf { get; init; }
    [Id(4)] public SortedDictionary<string, IndicatorValue> Indicators { get; init; } = new(StringComparer.Ordinal);
    [Id(5)] public SortedDictionary<string, SortedDictionary<string, IndicatorValue>> Quartieri { get; init; } = new(StringComparer.Ordinal);
}
