namespace ActorWelfare.Territories;

/// <summary>A value of a taxonomy, with its labels.</summary>
public sealed record Term(string Id, string It, string En);

/// <summary>
/// An organisation type and its group: <c>ets</c> (third sector) or <c>altre</c>. <see cref="Profit"/> marks the
/// profit world (companies, shops, trade associations) the network's bridge figure (NET.PROFIT) looks for.
/// </summary>
public sealed record OrganisationType(string Id, string It, string En, string Group, bool Profit = false);

/// <summary>A class of projects by number of beneficiaries (Graf. 9): Min..Max inclusive, Max null = open.</summary>
public sealed record BeneficiaryClass(string Id, string It, string En, int Min, int? Max);

/// <summary>
/// A city's taxonomies. They are configuration because they differ between cities and changed
/// between Bologna's two monitoring years.
/// </summary>
public sealed record Taxonomies(
    IReadOnlyList<Term> Statuses,
    IReadOnlyList<Term> PromoterLevels,
    IReadOnlyList<Term> NeedAreas,
    IReadOnlyList<Term> Reach,
    IReadOnlyList<Term> PromoterRoles,
    IReadOnlyList<Term> Activities,
    IReadOnlyList<Term> Targets,
    IReadOnlyList<Term> AccessModes,
    IReadOnlyList<Term> SstFunctions,
    IReadOnlyList<Term> OrganisationFunctions,
    IReadOnlyList<Term> Offices,
    IReadOnlyList<Term> CoordinationKinds,
    IReadOnlyList<Term> Themes,
    IReadOnlyList<Term> Purposes,
    IReadOnlyList<Term> Funders,
    IReadOnlyList<Term> FundingClasses,
    IReadOnlyList<Term> OrganisationGroups,
    IReadOnlyList<OrganisationType> OrganisationTypes,
    IReadOnlyList<BeneficiaryClass> BeneficiaryClasses)
{
    /// <summary>Every plain taxonomy by its JSON name, for validation and documentation.</summary>
    public IEnumerable<(string Name, IReadOnlyList<Term> Terms)> Named() =>
    [
        ("statuses", Statuses), ("promoterLevels", PromoterLevels), ("needAreas", NeedAreas), ("reach", Reach),
        ("promoterRoles", PromoterRoles), ("activities", Activities), ("targets", Targets),
        ("accessModes", AccessModes), ("sstFunctions", SstFunctions), ("organisationFunctions", OrganisationFunctions),
        ("offices", Offices), ("coordinationKinds", CoordinationKinds), ("themes", Themes), ("purposes", Purposes),
        ("funders", Funders), ("fundingClasses", FundingClasses), ("organisationGroups", OrganisationGroups),
    ];

    public OrganisationType? FindOrganisationType(string? id) => OrganisationTypes.FirstOrDefault(t => t.Id == id);

    public string? BeneficiaryClassOf(int beneficiaries) =>
        BeneficiaryClasses.FirstOrDefault(c => beneficiaries >= c.Min && (c.Max is null || beneficiaries <= c.Max))?.Id;
}

public static class TermLists
{
    public static bool Has(this IReadOnlyList<Term> terms, string? id) => id is not null && terms.Any(t => t.Id == id);
}
