using ActorWelfare.Dashboard.Localization;
using ActorWelfare.Organisations;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.ActivityViews;

/// <summary>How an organisation's type and status read on the pages, in the page's language.</summary>
public static class OrganisationText
{
    /// <summary>The type's label from the city's taxonomy; the id itself when the taxonomy does not know it, "—" when there is none.</summary>
    public static string Type(Taxonomies taxonomies, string? type) =>
        taxonomies.FindOrganisationType(type) is { } t ? (Texts.IsEnglish ? t.En : t.It) : type ?? "—";

    public static string Status(string status) => OrganisationStatus.Label(status) is var (it, en) ? Texts.T(it, en) : status;
}
