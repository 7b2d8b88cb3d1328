using Orleans.Concurrency;

namespace ActorWelfare.Organisations;

/// <summary>A city's registry of organisations, keyed by city id.</summary>
[Alias("IOrganisationRegistryGrain")]
public interface IOrganisationRegistryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds an organisation or changes one (operatori and amministratori of the city, the cluster's own work):
    /// operatori add and describe (districts, description, status); only amministratori rename; a registered
    /// type never changes; the same record again changes nothing. Every change is audited.
    /// </summary>
    [Alias("Register")]
    Task<OrganisationResult> Register(Organisation organisation);

    /// <summary>
    /// Merges <paramref name="id"/> into <paramref name="into"/> of <paramref name="intoCity"/> (which must be this
    /// city): amministratori only. The first becomes a tombstone pointing to the second, and every activity that
    /// names it in a year still open names the second instead (its functions joined); closed years keep their
    /// history. Asked again for the same pair, it finishes what an interrupted merge left.
    /// </summary>
    [Alias("Merge")]
    Task<OrganisationResult> Merge(string id, string into, string intoCity);

    /// <summary>The facts of the given ids that are registered (unknown ids are left out). Interleaves: an activity asks it while a merge waits on that activity.</summary>
    [Alias("Lookup"), AlwaysInterleave]
    Task<IReadOnlyDictionary<string, OrganisationFacts>> Lookup(IReadOnlyList<string> ids);

    /// <summary>Every record, tombstones included. Interleaves, as <see cref="Profile"/> does: pages and snapshots read while a merge runs.</summary>
    [Alias("List"), AlwaysInterleave]
    Task<IReadOnlyList<Organisation>> List();

    /// <summary>
    /// One organisation with its activities year by year (those with no end year counted up to <paramref name="currentYear"/>)
    /// and its ties; null when it is not registered.
    /// </summary>
    [Alias("Profile"), AlwaysInterleave]
    Task<OrganisationProfile?> Profile(string id, int currentYear);
}
