namespace ActorWelfare.Imports;

/// <summary>
/// The columns of the CSV import format (docs/import.md), in their order: the profile's, then a year's
/// figures. One list for the reader, the templates and the format page the dashboard serves.
/// </summary>
public static class ImportColumns
{
    public static readonly IReadOnlyList<string> Required = ["kind", "id", "name", "quartieri", "startYear", "status"];

    public static readonly IReadOnlyList<string> All =
    [
        "kind", "id", "name", "description", "quartieri", "zones", "startYear", "endYear", "status", "excludedFromAggregates", "cityWide",
        "promoterLevel", "fromPdzLab", "needArea", "reach", "promoterRoles", "activities", "target", "accessMode", "sstFunctions",
        "coordination", "themes", "purposes", "organisations",
        "year", "meetings", "beneficiaries", "beneficiariesInCarico", "volunteers", "organisationOperators", "citizens",
        "operators", "funders", "fundingClass",
    ];
}
