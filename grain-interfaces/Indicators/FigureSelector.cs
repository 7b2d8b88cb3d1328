using Orleans.Concurrency;

namespace ActorWelfare.Indicators;

/// <summary>
/// A figure, or one item of its breakdown, in one scope (<c>*</c> the city, or a district): what a
/// drill-through lists the activities behind. The activities are read off the same contributions the
/// figure is summed from, so a list of a count has as many activities as the figure says.
/// </summary>
[GenerateSerializer, Immutable, Alias("FigureSelector")]
public sealed record FigureSelector(
    [property: Id(0)] string Code,
    [property: Id(1)] string? Item = null,
    [property: Id(2)] string? Named = null,
    [property: Id(3)] string Scope = FigureSelector.City)
{
    public const string City = "*";

    /// <summary>
    /// Whether an activity's contribution (keys "scope|code|part", see the grains' ContributionVector) puts it
    /// behind this figure:
    /// <list type="bullet">
    /// <item>a whole figure: for a count or a share the activities counted ("v"), otherwise those that reported it ("base");</item>
    /// <item>an item: its breakdown entry ("b:item"), its office's mean ("m:item:n") or its organisations of that type or group ("d:item|…");</item>
    /// <item>an item of a named breakdown: "k:name:item".</item>
    /// </list>
    /// </summary>
    public bool Matches(IEnumerable<string> keys)
    {
        var prefix = $"{Scope}|{Code}|";
        foreach (var key in keys)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var part = key.AsSpan(prefix.Length);
            if (Item is null ? part.SequenceEqual(WholePart)
                : Named is not null ? part.SequenceEqual($"k:{Named}:{Item}")
                : part.SequenceEqual($"b:{Item}") || part.SequenceEqual($"m:{Item}:n") || part.StartsWith($"d:{Item}|", StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private string WholePart => IndicatorCatalogue.ByCode.TryGetValue(Code, out var d) && d.Shape is IndicatorShape.Count or IndicatorShape.Share ? "v" : "base";

    /// <summary>Every problem of a selector from outside (an address, the API): the field, the rule, a sentence.</summary>
    public IReadOnlyList<(string Field, string Rule, string Message)> Problems()
    {
        var problems = new List<(string, string, string)>();
        if (!IndicatorCatalogue.ByCode.ContainsKey(Code)) problems.Add(("figure", "known-code", $"figure: '{Code}' is not a code of the indicator catalogue."));
        if (Named is not null && Item is null) problems.Add(("item", "required-with-breakdown", "item: a named breakdown needs its item."));
        foreach (var (field, value) in new[] { ("item", Item), ("breakdown", Named), ("scope", Scope) })
            if (value is not null && (value.Length is 0 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '*')))
                problems.Add((field, "id", $"{field}: '{value}' is not an id."));
        return problems;
    }
}
