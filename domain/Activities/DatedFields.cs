namespace ActorWelfare.Activities;

/// <summary>
/// The dated fields of a profile (all but name, description and span) compared as people mean them:
/// lists as sets, organisations by id, functions and type. The form marks the fields that differ from
/// the previous year with it, and the domain merges periods that are alike.
/// </summary>
public static class DatedFields
{
    /// <summary>True when two profiles have the same value in every dated field (name, description and span aside).</summary>
    public static bool Same(ActivityProfile a, ActivityProfile b) =>
        ReferenceEquals(a, b) || (
        SameList(a.Quartieri, b.Quartieri) && SameList(a.Zones, b.Zones) && a.CityWide == b.CityWide && a.Status == b.Status
        && a.ExcludedFromAggregates == b.ExcludedFromAggregates && a.PromoterLevel == b.PromoterLevel && a.FromPdzLab == b.FromPdzLab
        && a.NeedArea == b.NeedArea && a.Reach == b.Reach && SameList(a.PromoterRoles, b.PromoterRoles) && SameList(a.Activities, b.Activities)
        && a.Target == b.Target && a.AccessMode == b.AccessMode && SameList(a.SstFunctions, b.SstFunctions)
        && a.Coordination == b.Coordination && SameList(a.Themes, b.Themes) && SameList(a.Purposes, b.Purposes)
        && SameOrganisations(a.Organisations, b.Organisations));

    /// <summary>The dated fields whose values differ between two profiles (the codes of <see cref="FieldLabels"/>).</summary>
    public static IEnumerable<string> Different(ActivityProfile a, ActivityProfile b)
    {
        if (!SameList(a.Quartieri, b.Quartieri)) yield return "quartieri";
        if (!SameList(a.Zones, b.Zones)) yield return "zones";
        if (a.CityWide != b.CityWide) yield return "cityWide";
        if (a.Status != b.Status) yield return "status";
        if (a.ExcludedFromAggregates != b.ExcludedFromAggregates) yield return "excludedFromAggregates";
        if (a.PromoterLevel != b.PromoterLevel) yield return "promoterLevel";
        if (a.FromPdzLab != b.FromPdzLab) yield return "fromPdzLab";
        if (a.NeedArea != b.NeedArea) yield return "needArea";
        if (a.Reach != b.Reach) yield return "reach";
        if (!SameList(a.PromoterRoles, b.PromoterRoles)) yield return "promoterRoles";
        if (!SameList(a.Activities, b.Activities)) yield return "activities";
        if (a.Target != b.Target) yield return "target";
        if (a.AccessMode != b.AccessMode) yield return "accessMode";
        if (!SameList(a.SstFunctions, b.SstFunctions)) yield return "sstFunctions";
        if (a.Coordination != b.Coordination) yield return "coordination";
        if (!SameList(a.Themes, b.Themes)) yield return "themes";
        if (!SameList(a.Purposes, b.Purposes)) yield return "purposes";
        if (!SameOrganisations(a.Organisations, b.Organisations)) yield return "organisations";
    }

    public static bool SameList(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        a is null || b is null ? a is null && b is null : a.Count == b.Count && a.ToHashSet().SetEquals(b);

    public static bool SameLink(OrganisationLink a, OrganisationLink b) =>
        a.OrganisationId == b.OrganisationId && a.Type == b.Type && a.Functions.ToHashSet().SetEquals(b.Functions);

    public static bool SameOrganisations(IReadOnlyList<OrganisationLink>? a, IReadOnlyList<OrganisationLink>? b) =>
        a is null || b is null ? a is null && b is null : a.Count == b.Count && a.All(x => b.Any(y => SameLink(x, y)));
}
