namespace ActorWelfare.Indicators;

/// <summary>
/// A figure, or one item of its breakdown, in one scope (<c>*</c> the city, or a district): what a
/// drill-through lists the activities behind. The activities are read off the same contributions the
/// figure is summed from, so a list of a count has as many activities as the figure says.
/// </summary>
[DataContract(Name = "FigureSelector"), ImmutableObject(true)]
public sealed record FigureSelector(
    [property: DataMember(Order = 0)] string Code,
    [property: DataMember(Order = 1)] string? Item = null,
    [property: DataMember(Order = 2)] string? Named = null,
    [property: DataMember(Order = 3)] string Scope = FigureSelector.City)
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
    /// <remarks>
    /// The network's figures (NET.*) count organisations and ties, so what is behind them is read differently: an
    /// organisation of NET.NODO's list, the activities it takes part in there; NET.DENS, the activities that tie two
    /// or more organisations (an item: in that district); NET.NODO, NET.CONT and NET.ORG's "activities" items, the
    /// activities of the organisations <paramref name="organisations"/> names (<see cref="OrganisationsBehind"/>): this
    /// year's, or for NET.CONT's "perse" (no longer active) last year's.
    /// </remarks>
    public bool Matches(IEnumerable<string> keys, IReadOnlySet<string>? organisations = null)
    {
        if (organisations is not null)
        {
            // Organisations no longer active are found where they were the year before.
            var where = Code == "NET.CONT" && Item == "perse" ? $"{Scope}|NET.CONT|d:y1|" : $"{Scope}|NET.ORG|d:|";
            return keys.Any(k => Member(k, where) is { } o && organisations.Contains(o));
        }
        if (Code == "NET.NODO" && Item is not null) return keys.Any(k => k == $"{Scope}|NET.ORG|d:|{Item}");
        if (Code == "NET.DENS") return keys.Any(k => k.StartsWith($"{Item ?? Scope}|NET.DENS|d:|", StringComparison.Ordinal));
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

    private static string? Member(string key, string prefix) => key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : null;

    /// <summary>
    /// The organisations whose activities are behind a network figure that names no organisation itself, read off
    /// every activity's contribution keys: NET.NODO's (two or more districts or kinds city-wide; its items "districts"
    /// and "kinds", two or more of that), NET.ORG's in one
    /// activity ("1") or in two or more ("2-o-piu") in this scope, NET.CONT's (active the year before too, or the
    /// item's: new, no longer active, two years, three or more). Null for every other figure.
    /// </summary>
    public IReadOnlySet<string>? OrganisationsBehind(IEnumerable<IEnumerable<string>> contributions)
    {
        if (Code == "NET.NODO" && Item is null or "districts" or "kinds")
        {
            var spans = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var key in contributions.SelectMany(k => k))
                if (Member(key, "*|NET.NODO|d:") is { } member && member.LastIndexOf('|') is var bar and > 0)
                {
                    if (!spans.TryGetValue(member[..bar], out var values)) spans[member[..bar]] = values = new(StringComparer.Ordinal);
                    values.Add(member[(bar + 1)..]);
                }
            // "q:org" holds an organisation's districts, "k:org" its kinds: the item chooses which must be two or more.
            var spanning = Item switch { "districts" => "q:", "kinds" => "k:", _ => "" };
            return spans.Where(s => s.Value.Count >= 2 && s.Key.StartsWith(spanning, StringComparison.Ordinal)).Select(s => s.Key[2..]).ToHashSet(StringComparer.Ordinal);
        }
        if (Code == "NET.CONT")
        {
            var all = contributions.SelectMany(k => k).ToList();
            HashSet<string> Set(string prefix) => all.Select(k => Member(k, prefix)).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var (now, before, earlier) = (Set($"{Scope}|NET.ORG|d:|"), Set($"{Scope}|NET.CONT|d:y1|"), Set($"{Scope}|NET.CONT|d:y2|"));
            IEnumerable<string> chosen = Item switch
            {
                "nuove" => now.Except(before),
                "perse" => before.Except(now),
                "2-anni" => now.Intersect(before).Except(earlier),
                "3-anni-o-piu" => now.Intersect(before).Intersect(earlier),
                _ => now.Intersect(before),
            };
            return chosen.ToHashSet(StringComparer.Ordinal);
        }
        if (Code == "NET.ORG" && Named == "activities")
        {
            var activities = contributions.SelectMany(k => k).Select(k => Member(k, $"{Scope}|NET.ORG|d:|")).OfType<string>()
                .GroupBy(o => o, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return activities.Where(a => Item == "1" ? a.Value == 1 : a.Value >= 2).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        }
        return null;
    }

    private string WholePart => IndicatorCatalogue.ByCode.TryGetValue(Code, out var d) && d.Shape is IndicatorShape.Count or IndicatorShape.Share ? "v" : "base";

    /// <summary>Every problem of a selector from outside (an address, the API): the field, the rule, a sentence.</summary>
    public IReadOnlyList<(string Field, string Rule, string Message)> Problems()
    {
        var problems = new List<(string, string, string)>();
        if (!IndicatorCatalogue.ByCode.ContainsKey(Code)) problems.Add(("figure", "known-code", $"figure: '{Code}' is not a code of the indicator catalogue."));
        if (Named is not null && Item is null) problems.Add(("item", "required-with-breakdown", "item: a named breakdown needs its item."));
        foreach (var (field, value) in new[] { ("item", Item), ("breakdown", Named), ("scope", Scope) })
            if (value is not null && (value.Length is 0 or > 80 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '*')))
                problems.Add((field, "id", $"{field}: '{value}' is not an id."));
        return problems;
    }
}
