using ActorWelfare.Organisations;
using ActorWelfare.Years;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>
/// The names of the organisations a snapshot's records name by id, from the city's registry: the
/// report and its exports show names where people read them.
/// </summary>
public static class OrganisationNames
{
    public static async Task<IReadOnlyDictionary<string, string>> ForAsync(IClusterClient client, Snapshot snapshot)
    {
        var used = snapshot.Records.SelectMany(r => r.Profile.Organisations ?? []).Select(o => o.OrganisationId).ToHashSet(StringComparer.Ordinal);
        var registry = await client.GetGrain<IOrganisationRegistryGrain>(snapshot.Info.City).List();
        return registry.Where(o => used.Contains(o.Id)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
    }
}
