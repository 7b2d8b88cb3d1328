using ActorWelfare.Indicators;

namespace ActorWelfare.Domain;

/// <summary>
/// The network figures the incremental path finishes when it writes a document (<see cref="IndicatorTotals"/>):
/// the "figure nodo" from each organisation's districts and kinds, and the density and largest connected part
/// of the organisation ↔ organisation network from its ties. Their inputs are kept incrementally (distinct
/// sets with reference counts); only what cannot be kept so (a connected part) is found here, in time linear
/// in the ties.
/// </summary>
public static class NetworkFigures
{
    /// <summary>Distinct-set prefixes of NET.NODO: the districts ("q:org") and the kinds ("k:org") of an organisation.</summary>
    public const string DistrictsOf = "q:", KindsOf = "k:";

    /// <summary>NET.CONT's distinct set of the organisations active <paramref name="back"/> years before ("y1", "y2").</summary>
    public static string YearsBack(int back) => "y" + back.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// NET.CONT of one scope from its organisations of the year and of the two years before: those active the year
    /// before too (the value), new this year, no longer active, and active for exactly two or for three or more
    /// consecutive years.
    /// </summary>
    public static IndicatorValue Continuity(IReadOnlyCollection<string> now, IReadOnlyCollection<string> yearBefore, IReadOnlyCollection<string> twoBefore)
    {
        var before = yearBefore.ToHashSet(StringComparer.Ordinal);
        var earlier = twoBefore.ToHashSet(StringComparer.Ordinal);
        var current = now.ToHashSet(StringComparer.Ordinal);
        int continuing = 0, three = 0;
        foreach (var o in current)
        {
            if (!before.Contains(o)) continue;
            continuing++;
            if (earlier.Contains(o)) three++;
        }
        var breakdown = new SortedDictionary<string, double>(StringComparer.Ordinal);
        void Put(string key, int n) { if (n > 0) breakdown[key] = n; }
        Put("nuove", current.Count - continuing);
        Put("perse", before.Count(o => !current.Contains(o)));
        Put("2-anni", continuing - three);
        Put("3-anni-o-piu", three);
        return new() { Value = continuing, Base = current.Count, Breakdown = breakdown };
    }

    /// <summary>Two organisations that share an activity, one key whichever way round.</summary>
    public static string Tie(string a, string b) => string.CompareOrdinal(a, b) < 0 ? $"{a}~{b}" : $"{b}~{a}";

    /// <summary>
    /// NET.NODO from the sizes of each organisation's sets of districts and kinds: the organisations with two or
    /// more of either, how many span districts and how many span kinds, and per organisation listed its count of each
    /// (the lists tell each district's figure nodo; the document keeps only the counts).
    /// </summary>
    public static IndicatorValue Nodes(IReadOnlyDictionary<string, int> sets, int organisations)
    {
        var districts = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var kinds = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (set, size) in sets)
        {
            if (set.StartsWith(DistrictsOf, StringComparison.Ordinal)) districts[set[DistrictsOf.Length..]] = size;
            else if (set.StartsWith(KindsOf, StringComparison.Ordinal)) kinds[set[KindsOf.Length..]] = size;
        }
        var nodes = districts.Keys.Concat(kinds.Keys).Where(o => districts.GetValueOrDefault(o) >= 2 || kinds.GetValueOrDefault(o) >= 2)
            .ToHashSet(StringComparer.Ordinal);
        return Listed(nodes, districts, kinds, organisations);
    }

    /// <summary>The city's "figure nodo" that are active in one district (<paramref name="activeThere"/>), as that district's NET.NODO.</summary>
    public static IndicatorValue NodesWithin(IndicatorValue city, Func<string, bool> activeThere, int organisations)
    {
        var districts = city.Breakdowns?.GetValueOrDefault(DistrictsKey) ?? new(StringComparer.Ordinal);
        var kinds = city.Breakdowns?.GetValueOrDefault(KindsKey) ?? new(StringComparer.Ordinal);
        var nodes = districts.Keys.Concat(kinds.Keys).Where(activeThere).ToHashSet(StringComparer.Ordinal);
        return Listed(nodes, districts, kinds, organisations);
    }

    private const string DistrictsKey = "districts", KindsKey = "kinds";

    private static IndicatorValue Listed(HashSet<string> nodes, IDictionary<string, double> districts, IDictionary<string, double> kinds, int organisations)
    {
        SortedDictionary<string, double> Of(IDictionary<string, double> counts) =>
            new(counts.Where(c => nodes.Contains(c.Key) && c.Value > 0).ToDictionary(), StringComparer.Ordinal);
        var byDistricts = Of(districts);
        var byKinds = Of(kinds);
        var named = new SortedDictionary<string, SortedDictionary<string, double>>(StringComparer.Ordinal);
        if (byDistricts.Count > 0) named[DistrictsKey] = byDistricts;
        if (byKinds.Count > 0) named[KindsKey] = byKinds;
        var breakdown = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (byDistricts.Count(d => d.Value >= 2) is var manyDistricts and > 0) breakdown[DistrictsKey] = manyDistricts;
        if (byKinds.Count(k => k.Value >= 2) is var manyKinds and > 0) breakdown[KindsKey] = manyKinds;
        return new() { Value = nodes.Count, Base = organisations, Breakdown = breakdown, Breakdowns = named.Count > 0 ? named : null };
    }

    /// <summary>
    /// NET.DENS of one scope: ties over possible pairs in per cent (null under two organisations), the ties, the
    /// organisations and the size of the largest connected part (an organisation without ties is a part of one).
    /// </summary>
    public static IndicatorValue Density(IReadOnlyCollection<string> organisations, IReadOnlyCollection<(string A, string B)> ties)
    {
        var n = organisations.Count;
        // Union–find over the organisations' indexes (path halving), each part's size kept at its root.
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        foreach (var o in organisations) index.TryAdd(o, index.Count);
        var parent = Enumerable.Range(0, index.Count).ToArray();
        var size = Enumerable.Repeat(1, index.Count).ToArray();
        int Root(int o)
        {
            while (parent[o] != o) o = parent[o] = parent[parent[o]];
            return o;
        }
        foreach (var (a, b) in ties)
        {
            if (!index.TryGetValue(a, out var i) || !index.TryGetValue(b, out var j)) continue;
            var (ri, rj) = (Root(i), Root(j));
            if (ri == rj) continue;
            if (size[ri] < size[rj]) (ri, rj) = (rj, ri);
            parent[rj] = ri;
            size[ri] += size[rj];
        }
        var largest = index.Count == 0 ? 0 : size.Where((_, i) => parent[i] == i).Max();
        var breakdown = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (ties.Count > 0) breakdown["ties"] = ties.Count;
        if (n > 0) breakdown["organisations"] = n;
        if (largest > 0) breakdown["largest"] = largest;
        return new() { Value = DensityPercent(n, ties.Count), Base = n, Breakdown = breakdown };
    }

    /// <summary>Ties over the pairs <paramref name="organisations"/> could form, in per cent; null when no pair can form.</summary>
    private static double? DensityPercent(int organisations, int ties) =>
        organisations < 2 ? null : 100.0 * ties / (organisations * (organisations - 1L) / 2.0);

    /// <summary>The city's NET.DENS with each district's density, ties and largest part (named breakdowns), for the report's table by district.</summary>
    public static IndicatorValue WithDistricts(IndicatorValue city, IReadOnlyDictionary<string, IndicatorValue> districts)
    {
        var named = new SortedDictionary<string, SortedDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var part in new[] { "ties", "largest" })
        {
            var entries = new SortedDictionary<string, double>(
                districts.Where(d => d.Value.Breakdown?.GetValueOrDefault(part) > 0).ToDictionary(d => d.Key, d => d.Value.Breakdown![part]), StringComparer.Ordinal);
            if (entries.Count > 0) named[part] = entries;
        }
        var density = new SortedDictionary<string, double>(
            districts.Where(d => d.Value.Value is not null).ToDictionary(d => d.Key, d => d.Value.Value!.Value), StringComparer.Ordinal);
        if (density.Count > 0) named["density"] = density;
        return city with { Breakdowns = named.Count > 0 ? named : null };
    }
}
