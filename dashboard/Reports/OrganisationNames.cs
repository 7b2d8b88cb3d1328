using ActorWelfare.Organisations;
using ActorWelfare.Years;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>
/// The names of the organisations a snapshot's records name by id: the report and its exports show
/// names where people read them. A snapshot keeps the names it was taken with; one taken before
/// snapshots kept them reads the city's registry as it is now.
/// </summary>
public static class OrganisationNames
{
    public static async Task<IReadOnlyDictionary<string, string>> ForAsync(IClusterClient client, Snapshot snapshot)
    {
        if (snapshot.OrganisationNames is { } kept) return kept;
        var used = snapshot.Records.SelectMany(r => r.AllProfiles()).SelectMany(p => p.Organisations ?? []).Select(o => o.OrganisationId).ToHashSet(StringComparer.Ordinal);
        var registry = await client.GetGrain<IOrganisationRegistryGrain>(snapshot.Info.City).List();
        return registry.Where(o => used.Contains(o.Id)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
    }
}
