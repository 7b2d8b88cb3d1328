using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>
/// Builds the network a page draws from a year's records: the activities counted that year (not left out of the
/// aggregates) that pass the filter, each organisation taking part (and bringing the filtered function, of the
/// filtered type), and the pairs of organisations that share activities. Work and size grow with the links and
/// pairs, and a network larger than the limit keeps its organisations with most activities (then most ties) and as
/// many activities, those joining most of them; the pairs' counts are of every activity.
/// </summary>
public static class NetworkGraphBuilder
{
    public static NetworkGraph Build(Territory territory, int year, IEnumerable<ActivityRecord> records, IReadOnlyDictionary<string, string> names,
        NetworkFilter filter, int limit, long version)
    {
        var tax = territory.Taxonomies;
        var ofTheYear = records.Where(r => r.City == territory.Id && r.IsActiveIn(year)).Select(r => r.AsOf(year))
            .Where(a => !a.Profile.ExcludedFromAggregates && a.Profile.Organisations is { Count: > 0 }).ToList();
        // The "figure nodo" as NET.NODO counts them: over the whole city's year, whatever part is drawn.
        var nodes = Nodes(ofTheYear.SelectMany(a => a.Profile.Organisations!.Select(o => (o.OrganisationId, a))));
        var activities = ofTheYear
            .Where(a => filter.District is null || a.Profile.Quartieri.Contains(filter.District))
            .Where(a => filter.Kind is null || a.Kind == filter.Kind)
            .OrderBy(a => a.Kind).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();

        // Who takes part where, as the filter keeps it.
        var links = new List<(string Organisation, int Activity, IReadOnlyList<string> Functions, string Type)>();
        for (var i = 0; i < activities.Count; i++)
            foreach (var link in activities[i].Profile.Organisations!.DistinctBy(o => o.OrganisationId))
                if ((filter.Function is null || link.Functions.Contains(filter.Function))
                    && (filter.OrganisationType is null || link.Type == filter.OrganisationType))
                    links.Add((link.OrganisationId, i, [.. link.Functions.Distinct()], link.Type ?? ""));

        var activitiesOf = links.GroupBy(l => l.Organisation, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(l => l.Activity).Distinct().Count(), StringComparer.Ordinal);
        var shared = Pairs(links.GroupBy(l => l.Activity).Select(g => g.Select(l => l.Organisation).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()));
        var ties = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (a, b) in shared.Keys)
        {
            ties[a] = ties.GetValueOrDefault(a) + 1;
            ties[b] = ties.GetValueOrDefault(b) + 1;
        }

        // The largest first; pruning keeps the most active organisations, and the activities they take part in.
        var kept = activitiesOf.Keys.OrderByDescending(o => activitiesOf[o]).ThenByDescending(o => ties.GetValueOrDefault(o))
            .ThenBy(o => names.GetValueOrDefault(o) ?? o, StringComparer.Ordinal).Take(Math.Max(0, limit)).ToList();
        var organisationIndex = kept.Select((o, i) => (o, i)).ToDictionary(x => x.o, x => x.i, StringComparer.Ordinal);
        var typeOf = links.GroupBy(l => l.Organisation, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);
        // At most as many activities as organisations, those joining most of the kept organisations.
        var keptActivities = links.Where(l => organisationIndex.ContainsKey(l.Organisation)).GroupBy(l => l.Activity)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(Math.Max(0, limit)).Select(g => g.Key).Order().ToList();
        var activityIndex = keptActivities.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i);
        var keptLinks = links.Where(l => organisationIndex.ContainsKey(l.Organisation) && activityIndex.ContainsKey(l.Activity)).ToList();

        return new NetworkGraph
        {
            City = territory.Id, Year = year, Version = version, Filter = filter,
            Organisations = [.. kept.Select(o => new NetworkOrganisation(o, names.GetValueOrDefault(o) ?? o, typeOf[o],
                tax.FindOrganisationType(typeOf[o])?.Group, activitiesOf[o], ties.GetValueOrDefault(o), nodes.Contains(o)))],
            Activities = [.. activityIndex.Keys.Select(a => activities[a]).Select(a => new NetworkActivity(a.Kind, a.Id, a.Profile.Name, a.Profile.Quartieri))],
            Links = [.. keptLinks.Select(l => new NetworkLink(organisationIndex[l.Organisation], activityIndex[l.Activity], l.Functions))],
            Pairs = [.. shared.Where(p => organisationIndex.ContainsKey(p.Key.A) && organisationIndex.ContainsKey(p.Key.B))
                .OrderByDescending(p => p.Value).ThenBy(p => organisationIndex[p.Key.A]).ThenBy(p => organisationIndex[p.Key.B])
                .Select(p => new NetworkPair(organisationIndex[p.Key.A], organisationIndex[p.Key.B], p.Value))],
            TotalOrganisations = activitiesOf.Count,
            TotalActivities = links.Select(l => l.Activity).Distinct().Count(),
        };
    }

    /// <summary>How many activities each pair of organisations shares (each activity's organisations given in order).</summary>
    private static Dictionary<(string A, string B), int> Pairs(IEnumerable<List<string>> organisationsPerActivity)
    {
        var shared = new Dictionary<(string, string), int>();
        foreach (var ids in organisationsPerActivity)
            for (var i = 0; i < ids.Count; i++)
                for (var j = i + 1; j < ids.Count; j++)
                    shared[(ids[i], ids[j])] = shared.GetValueOrDefault((ids[i], ids[j])) + 1;
        return shared;
    }

    /// <summary>The organisations whose activities lie in two or more districts or are of two or more kinds.</summary>
    private static HashSet<string> Nodes(IEnumerable<(string Organisation, ActivityRecord Activity)> participations) =>
        participations.GroupBy(p => p.Organisation, StringComparer.Ordinal)
            .Where(g => g.SelectMany(p => p.Activity.Profile.Quartieri).Distinct().Count() >= 2 || g.Select(p => p.Activity.Kind).Distinct().Count() >= 2)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
}
