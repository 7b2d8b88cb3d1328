using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>
/// The network figures (NET.*) computed straight from the records, for <see cref="IndicatorRecomputation"/>: an
/// organisation's activities are looked up, pairs enumerated and connected parts walked breadth first. It shares
/// nothing with the incremental path (<see cref="ContributionVector"/>, <see cref="NetworkFigures"/>).
/// </summary>
public static class NetworkRecomputation
{
    /// <summary>Adds the network figures of the city and of each district to <paramref name="document"/>.</summary>
    /// <param name="active">The year's active records, each as it was that year.</param>
    public static void AddTo(IndicatorDocument document, IReadOnlyList<ActivityRecord> active, Territory territory)
    {
        var reporting = active.Where(a => !a.Profile.ExcludedFromAggregates && a.Profile.Organisations is not null).ToList();
        var cityNodes = Nodes(reporting);
        Scope(document.Indicators, reporting, territory, cityNodes);
        foreach (var (q, figures) in document.Quartieri)
            Scope(figures, reporting.Where(a => a.Profile.Quartieri.Contains(q)).ToList(), territory, cityNodes);
        var districts = document.Quartieri.ToDictionary(q => q.Key, q => q.Value["NET.DENS"]);
        var named = new SortedDictionary<string, SortedDictionary<string, double>>(StringComparer.Ordinal);
        void Put(string name, IEnumerable<(string District, double? Amount)> entries)
        {
            var kept = entries.Where(e => e.Amount is not null).ToDictionary(e => e.District, e => e.Amount!.Value);
            if (kept.Count > 0) named[name] = new(kept, StringComparer.Ordinal);
        }
        Put("density", districts.Select(d => (d.Key, d.Value.Value)));
        Put("largest", districts.Select(d => (d.Key, d.Value.Breakdown!.TryGetValue("largest", out var l) ? l : (double?)null)));
        Put("ties", districts.Select(d => (d.Key, d.Value.Breakdown!.TryGetValue("ties", out var t) ? t : (double?)null)));
        document.Indicators["NET.DENS"] = document.Indicators["NET.DENS"] with { Breakdowns = named.Count > 0 ? named : null };
    }

    /// <summary>
    /// NET.CONT of the city and each district: the organisations of the year, of the year before and of the one
    /// before that, each read from the records as they were in that year.
    /// </summary>
    public static void AddContinuity(IndicatorDocument document, IReadOnlyList<ActivityRecord> records, int year)
    {
        List<ActivityRecord> Counted(int y) => [.. records.Where(r => r.IsActiveIn(y)).Select(r => r.AsOf(y))
            .Where(a => !a.Profile.ExcludedFromAggregates && a.Profile.Organisations is not null)];
        var (now, before, earlier) = (Counted(year), Counted(year - 1), Counted(year - 2));
        IndicatorValue Of(Func<ActivityRecord, bool> inScope)
        {
            HashSet<string> Set(List<ActivityRecord> those) => [.. those.Where(inScope).SelectMany(Ids)];
            var (s0, s1, s2) = (Set(now), Set(before), Set(earlier));
            var kept = s0.Intersect(s1).ToList();
            var breakdown = new SortedDictionary<string, double>(StringComparer.Ordinal)
            {
                ["nuove"] = s0.Except(s1).Count(), ["perse"] = s1.Except(s0).Count(),
                ["2-anni"] = kept.Count(o => !s2.Contains(o)), ["3-anni-o-piu"] = kept.Count(s2.Contains),
            };
            foreach (var zero in breakdown.Where(b => b.Value == 0).Select(b => b.Key).ToList()) breakdown.Remove(zero);
            return new() { Value = kept.Count, Base = s0.Count, Breakdown = breakdown };
        }
        document.Indicators["NET.CONT"] = Of(_ => true);
        foreach (var (q, figures) in document.Quartieri) figures["NET.CONT"] = Of(a => a.Profile.Quartieri.Contains(q));
    }

    private static IReadOnlyList<string> Ids(ActivityRecord a) => [.. a.Profile.Organisations!.Select(o => o.OrganisationId).Distinct()];

    private static void Scope(IDictionary<string, IndicatorValue> r, List<ActivityRecord> activities, Territory territory, Dictionary<string, (int Districts, int Kinds)> cityNodes)
    {
        var tax = territory.Taxonomies;
        var organisations = activities.SelectMany(Ids).Distinct().ToList();
        var activitiesOf = activities.SelectMany(Ids).GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
        var typeOf = activities.SelectMany(a => a.Profile.Organisations!).GroupBy(o => o.OrganisationId)
            .ToDictionary(g => g.Key, g => tax.FindOrganisationType(g.First().Type));

        var byGroup = organisations.Select(o => typeOf[o]?.Group).Where(g => g is not null).GroupBy(g => g!)
            .ToDictionary(g => g.Key, g => (double)g.Count());
        var oneOrMore = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (activitiesOf.Count(o => o.Value == 1) is var one and > 0) oneOrMore["1"] = one;
        if (activitiesOf.Count(o => o.Value >= 2) is var more and > 0) oneOrMore["2-o-piu"] = more;
        r["NET.ORG"] = new()
        {
            Value = organisations.Count, Base = activities.Count,
            Breakdown = new(byGroup, StringComparer.Ordinal),
            Breakdowns = oneOrMore.Count > 0 ? new(StringComparer.Ordinal) { ["activities"] = oneOrMore } : null,
        };

        var participations = activities.SelectMany(a => a.Profile.Organisations!.DistinctBy(o => o.OrganisationId)).ToList();
        var byFunction = participations.SelectMany(p => p.Functions.Distinct()).GroupBy(f => f).ToDictionary(g => g.Key, g => (double)g.Count());
        r["NET.FN"] = new()
        {
            Value = activities.Count > 0 ? participations.Count : null, Base = activities.Count,
            Breakdown = byFunction.Count > 0 ? new(byFunction, StringComparer.Ordinal) : null,
        };

        var withProfit = activities.Where(a => a.Profile.Organisations!.Any(o => tax.FindOrganisationType(o.Type)?.Profit == true)).ToList();
        var byKind = withProfit.GroupBy(a => a.Kind.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => (double)g.Count());
        r["NET.PROFIT"] = new() { Value = withProfit.Count, Base = activities.Count, Breakdown = byKind.Count > 0 ? new(byKind, StringComparer.Ordinal) : null };

        r["NET.DENS"] = Density(organisations, activities);

        var here = organisations.Where(cityNodes.ContainsKey).ToList();
        var spans = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (here.Count(o => cityNodes[o].Districts >= 2) is var manyDistricts and > 0) spans["districts"] = manyDistricts;
        if (here.Count(o => cityNodes[o].Kinds >= 2) is var manyKinds and > 0) spans["kinds"] = manyKinds;
        r["NET.NODO"] = new() { Value = here.Count, Base = organisations.Count, Breakdown = spans };
    }

    /// <summary>The city's "figure nodo": every organisation working in two or more districts or kinds, with its numbers of each.</summary>
    private static Dictionary<string, (int Districts, int Kinds)> Nodes(List<ActivityRecord> activities) =>
        activities.SelectMany(a => Ids(a).Select(o => (Organisation: o, Activity: a)))
            .GroupBy(x => x.Organisation)
            .Select(g => (g.Key, Districts: g.SelectMany(x => x.Activity.Profile.Quartieri).Distinct().Count(), Kinds: g.Select(x => x.Activity.Kind).Distinct().Count()))
            .Where(x => x.Districts >= 2 || x.Kinds >= 2)
            .ToDictionary(x => x.Key, x => (x.Districts, x.Kinds));

    private static IndicatorValue Density(List<string> organisations, List<ActivityRecord> activities)
    {
        var neighbours = organisations.ToDictionary(o => o, _ => new HashSet<string>());
        foreach (var ids in activities.Select(Ids))
            foreach (var a in ids)
                foreach (var b in ids.Where(b => b != a)) neighbours[a].Add(b);
        var ties = neighbours.Sum(n => n.Value.Count) / 2;
        var largest = 0;
        var seen = new HashSet<string>();
        foreach (var start in organisations.Where(o => !seen.Contains(o)))
        {
            var queue = new Queue<string>([start]);
            seen.Add(start);
            var size = 0;
            while (queue.TryDequeue(out var o))
            {
                size++;
                foreach (var next in neighbours[o].Where(seen.Add)) queue.Enqueue(next);
            }
            largest = Math.Max(largest, size);
        }
        var n = organisations.Count;
        var breakdown = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (ties > 0) breakdown["ties"] = ties;
        if (n > 0) breakdown["organisations"] = n;
        if (largest > 0) breakdown["largest"] = largest;
        return new() { Value = n < 2 ? null : ties * 100.0 / (n * (n - 1L) / 2.0), Base = n, Breakdown = breakdown };
    }
}
