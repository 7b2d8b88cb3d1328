using ActorWelfare.Indicators;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>
/// The running sum of the contribution vectors of a city-year, kept incrementally: adding or
/// withdrawing one activity costs the size of its vector, not the size of the city. Distinct sets
/// keep a reference count per member and a count of members per set.
/// </summary>
public sealed class IndicatorTotals
{
    private readonly Dictionary<string, long> totals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> distinctSizes = new(StringComparer.Ordinal);
    /// <summary>Per distinct set, its members counted by two or more activities (NET.ORG's "in 2+ activities").</summary>
    private readonly Dictionary<string, int> sharedSizes = new(StringComparer.Ordinal);
    private readonly HashSet<string> keys = new(StringComparer.Ordinal);
    /// <summary>
    /// The network's ties (NET.DENS pairs) apart from the other totals: there are many more of them than of every
    /// other key, and a document needs them only as each scope's set of pairs (counted, and walked for its largest
    /// connected part), so they are neither split nor copied when a document is written.
    /// </summary>
    private readonly Dictionary<string, long> tieCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<(string A, string B)>> ties = new(StringComparer.Ordinal);

    /// <summary>
    /// A vector as an aggregator keeps it until the activity's next change: a plain array whose key
    /// strings are shared by every vector of this city-year. A million held vectors then cost their
    /// numbers, not a million copies of the same keys in a million dictionaries.
    /// </summary>
    public KeyValuePair<string, long>[]? Hold(IReadOnlyDictionary<string, long>? vector)
    {
        if (vector is null) return null;
        var held = new KeyValuePair<string, long>[vector.Count];
        var i = 0;
        foreach (var (key, amount) in vector) held[i++] = new(Share(key), amount);
        return held;
    }

    /// <summary>The city-year's one copy of a key string (a held vector's keys, a checkpoint's when taken back).</summary>
    public string Share(string key)
    {
        if (!keys.TryGetValue(key, out var shared)) keys.Add(shared = key);
        return shared;
    }

    /// <summary>Adds (sign +1) or withdraws (sign -1) one vector.</summary>
    public void Apply(IEnumerable<KeyValuePair<string, long>>? vector, int sign)
    {
        if (vector is null) return;
        foreach (var (key, amount) in vector)
        {
            var tie = key.Contains(TieMark, StringComparison.Ordinal);
            var counts = tie ? tieCounts : totals;
            var before = counts.GetValueOrDefault(key);
            var after = before + sign * amount;
            if (after == 0) counts.Remove(key); else counts[key] = after;
            if (tie && (before == 0) != (after == 0)) Tie(key, after != 0);
            if (!key.Contains("|d:", StringComparison.Ordinal)) continue;
            if ((before == 0) != (after == 0)) Count(distinctSizes, key, after != 0);
            if ((before >= 2) != (after >= 2)) Count(sharedSizes, key, after >= 2);
        }
    }

    private const string TieMark = "|NET.DENS|d:|";

    private void Tie(string key, bool present)
    {
        var at = key.IndexOf(TieMark, StringComparison.Ordinal);
        var scope = key[..at];
        var pair = key[(at + TieMark.Length)..];
        var cut = pair.IndexOf('~');
        var tie = (pair[..cut], pair[(cut + 1)..]);
        if (!ties.TryGetValue(scope, out var set)) ties[scope] = set = [];
        if (present) set.Add(tie);
        else if (set.Remove(tie) && set.Count == 0) ties.Remove(scope);
    }

    private static void Count(Dictionary<string, int> sizes, string memberKey, bool joins)
    {
        var set = memberKey[..memberKey.LastIndexOf('|')];
        var size = sizes.GetValueOrDefault(set) + (joins ? 1 : -1);
        if (size == 0) sizes.Remove(set); else sizes[set] = size;
    }

    /// <summary>Builds the public document from the totals.</summary>
    public IndicatorDocument ToDocument(Territory territory, int year, long version, DateTimeOffset asOf)
    {
        var scopes = new Dictionary<string, Dictionary<string, FigureParts>>(StringComparer.Ordinal);
        FigureParts PartsOf(string scope, string code)
        {
            if (!scopes.TryGetValue(scope, out var codes)) scopes[scope] = codes = new(StringComparer.Ordinal);
            if (!codes.TryGetValue(code, out var parts)) codes[code] = parts = new FigureParts();
            return parts;
        }
        var network = new NetworkInputs(ties);
        foreach (var (key, amount) in totals)
        {
            // Members of distinct sets count through their sets' sizes below; only the network reads some of them.
            var member = key.Contains("|d:", StringComparison.Ordinal);
            if (member && !NetworkInputs.Reads(key)) continue;
            var (scope, code, part) = Split(key);
            if (!member) PartsOf(scope, code).Add(part, amount);
            else network.Take(scope, code, part);
        }
        foreach (var (set, size) in distinctSizes)
        {
            var (scope, code, part) = Split(set);
            PartsOf(scope, code).Distinct[part["d:".Length..]] = size;
        }
        foreach (var (set, size) in sharedSizes)
        {
            var (scope, code, part) = Split(set);
            PartsOf(scope, code).Shared[part["d:".Length..]] = size;
        }

        SortedDictionary<string, IndicatorValue> Figures(string scope)
        {
            var figures = new SortedDictionary<string, IndicatorValue>(StringComparer.Ordinal);
            var codes = scopes.GetValueOrDefault(scope);
            foreach (var definition in IndicatorCatalogue.All)
                figures[definition.Code] = (codes?.GetValueOrDefault(definition.Code) ?? FigureParts.None).ToValue(definition);
            return figures;
        }

        var document = new IndicatorDocument
        {
            City = territory.Id, Year = year, Version = version, AsOf = asOf,
            Indicators = Figures(ContributionVector.City),
        };
        foreach (var q in territory.QuartieriIn(year)) document.Quartieri[q.Id] = Figures(q.Id);
        network.Finish(document);
        return document;
    }

    /// <summary>What the network's figures need from the distinct sets' members: each scope's organisations and ties.</summary>
    private sealed class NetworkInputs(Dictionary<string, HashSet<(string A, string B)>> ties)
    {
        private readonly Dictionary<string, List<string>> organisations = new(StringComparer.Ordinal),
            yearBefore = new(StringComparer.Ordinal), twoBefore = new(StringComparer.Ordinal);

        /// <summary>Whether a member's key is one <see cref="Take"/> needs: an organisation of NET.ORG, or of NET.CONT's years before.</summary>
        public static bool Reads(string key) => key.Contains("|NET.ORG|d:|", StringComparison.Ordinal) || key.Contains("|NET.CONT|d:y", StringComparison.Ordinal);

        public void Take(string scope, string code, string part)
        {
            var into = (code, part) switch
            {
                ("NET.ORG", _) when part.StartsWith("d:|", StringComparison.Ordinal) => organisations,
                ("NET.CONT", _) when part.StartsWith("d:y1|", StringComparison.Ordinal) => yearBefore,
                ("NET.CONT", _) when part.StartsWith("d:y2|", StringComparison.Ordinal) => twoBefore,
                _ => null,
            };
            if (into is null) return;
            if (!into.TryGetValue(scope, out var members)) into[scope] = members = [];
            members.Add(part[(part.IndexOf('|') + 1)..]);
        }

        /// <summary>Each scope's density; each district's "figure nodo" (the city's, active there); the districts' densities in the city's figure.</summary>
        public void Finish(IndicatorDocument document)
        {
            IndicatorValue DensityOf(string scope) => NetworkFigures.Density(organisations.GetValueOrDefault(scope) ?? [], ties.GetValueOrDefault(scope) ?? []);
            IndicatorValue ContinuityOf(string scope) => NetworkFigures.Continuity(organisations.GetValueOrDefault(scope) ?? [],
                yearBefore.GetValueOrDefault(scope) ?? [], twoBefore.GetValueOrDefault(scope) ?? []);
            document.Indicators["NET.CONT"] = ContinuityOf(ContributionVector.City);
            // The city's list of figure nodo tells each district's; the documents keep only the counts (they are public
            // where the city publishes its figures: the organisations are named on the network page, to the city's readers).
            var cityNodes = document.Indicators["NET.NODO"];
            document.Indicators["NET.NODO"] = cityNodes with { Base = organisations.GetValueOrDefault(ContributionVector.City)?.Count ?? 0, Breakdowns = null };
            foreach (var (q, figures) in document.Quartieri)
            {
                var here = (organisations.GetValueOrDefault(q) ?? []).ToHashSet(StringComparer.Ordinal);
                figures["NET.NODO"] = NetworkFigures.NodesWithin(cityNodes, here.Contains, here.Count) with { Breakdowns = null };
                figures["NET.DENS"] = DensityOf(q);
                figures["NET.CONT"] = ContinuityOf(q);
            }
            document.Indicators["NET.DENS"] = NetworkFigures.WithDistricts(DensityOf(ContributionVector.City),
                document.Quartieri.ToDictionary(q => q.Key, q => q.Value["NET.DENS"]));
        }
    }

    private static (string Scope, string Code, string Part) Split(string key)
    {
        var first = key.IndexOf('|');
        var second = key.IndexOf('|', first + 1);
        return (key[..first], key[(first + 1)..second], key[(second + 1)..]);
    }

    /// <summary>The parts of one figure in one scope.</summary>
    private sealed class FigureParts
    {
        public static readonly FigureParts None = new();
        private long value, @base, excluded;
        private readonly SortedDictionary<string, double> breakdown = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, SortedDictionary<string, double>> named = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, (long Sum, long N)> means = new(StringComparer.Ordinal);
        public readonly SortedDictionary<string, int> Distinct = new(StringComparer.Ordinal);
        public readonly SortedDictionary<string, int> Shared = new(StringComparer.Ordinal);

        public void Add(string part, long amount)
        {
            switch (part)
            {
                case "v": value += amount; return;
                case "base": @base += amount; return;
                case "x": excluded += amount; return;
            }
            if (part.StartsWith("b:", StringComparison.Ordinal)) breakdown[part[2..]] = amount;
            else if (part.StartsWith("k:", StringComparison.Ordinal))
            {
                var (name, id) = (part[2..part.LastIndexOf(':')], part[(part.LastIndexOf(':') + 1)..]);
                if (!named.TryGetValue(name, out var entries)) named[name] = entries = new(StringComparer.Ordinal);
                entries[id] = amount;
            }
            else if (part.StartsWith("m:", StringComparison.Ordinal))
            {
                var office = part[2..part.LastIndexOf(':')];
                var m = means.GetValueOrDefault(office);
                means[office] = part.EndsWith(":sum", StringComparison.Ordinal) ? (m.Sum + amount, m.N) : (m.Sum, m.N + amount);
            }
        }

        public IndicatorValue ToValue(IndicatorDefinition definition)
        {
            var reported = @base > 0;
            var result = definition.Shape switch
            {
                IndicatorShape.Count => new IndicatorValue { Value = value, Breakdown = new(breakdown) },
                IndicatorShape.Share => new IndicatorValue { Value = value, Base = (int)@base, Breakdown = breakdown.Count > 0 ? new(breakdown) : null },
                IndicatorShape.Sum => new IndicatorValue { Value = reported ? value : null, Base = (int)@base, Breakdown = breakdown.Count > 0 ? new(breakdown) : null },
                IndicatorShape.Mean => new IndicatorValue { Value = reported ? (double)value / @base : null, Base = (int)@base },
                IndicatorShape.OfficeMeans => new IndicatorValue
                {
                    Value = null, Base = (int)@base,
                    Breakdown = new(means.Where(m => m.Value.N > 0).ToDictionary(m => m.Key, m => (double)m.Value.Sum / m.Value.N), StringComparer.Ordinal),
                },
                IndicatorShape.Distribution => new IndicatorValue { Value = @base, Base = (int)@base, Breakdown = new(breakdown) },
                IndicatorShape.Distinct => new IndicatorValue
                {
                    Value = Distinct.GetValueOrDefault(""), Base = (int)@base,
                    Breakdown = new(Distinct.Where(d => d.Key != "").ToDictionary(d => d.Key, d => (double)d.Value), StringComparer.Ordinal),
                },
                IndicatorShape.Organisations => new IndicatorValue
                {
                    Value = Distinct.GetValueOrDefault(""), Base = (int)@base,
                    Breakdown = new(Distinct.Where(d => d.Key != "").ToDictionary(d => d.Key, d => (double)d.Value), StringComparer.Ordinal),
                },
                // Finished with the whole document's inputs (NetworkInputs.Finish); the city's NET.NODO here.
                IndicatorShape.Nodes => NetworkFigures.Nodes(Distinct, 0),
                IndicatorShape.Density or IndicatorShape.Continuity => new IndicatorValue(),
                _ => throw new InvalidOperationException($"Unknown shape {definition.Shape}"),
            };
            var breakdowns = new SortedDictionary<string, SortedDictionary<string, double>>(named, StringComparer.Ordinal);
            if (definition.Shape == IndicatorShape.OfficeMeans)
                breakdowns["base"] = new(means.Where(m => m.Value.N > 0).ToDictionary(m => m.Key, m => (double)m.Value.N), StringComparer.Ordinal);
            if (definition.Shape == IndicatorShape.Organisations && Distinct.GetValueOrDefault("") is > 0 and var all)
                breakdowns["activities"] = OneOrMore(all, Shared.GetValueOrDefault(""));
            if (definition.Shape is IndicatorShape.Nodes or IndicatorShape.Density or IndicatorShape.Continuity) return result;
            return result with
            {
                Excluded = definition.Code == IndicatorCatalogue.TotalCode(definition.Kind) ? (int)excluded : null,
                Breakdowns = breakdowns.Count > 0 ? breakdowns : null,
            };
        }

        /// <summary>Organisations in one activity ("1") and in two or more ("2-o-piu"), entries at zero left out.</summary>
        private static SortedDictionary<string, double> OneOrMore(int all, int shared)
        {
            var entries = new SortedDictionary<string, double>(StringComparer.Ordinal);
            if (all - shared > 0) entries["1"] = all - shared;
            if (shared > 0) entries["2-o-piu"] = shared;
            return entries;
        }
    }
}
