using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorWelfare.Territories;

/// <summary>
/// A city's territory as configured in <c>deploy/territories/{city}.json</c>: its quartieri (Crema:
/// zone) and their zones. A new city is a new file, not new code.
/// </summary>
public sealed record Territory(
    string Id,
    string Name,
    DistrictTerm DistrictTerm,
    IReadOnlyList<Quartiere> Quartieri,
    Taxonomies Taxonomies,
    IReadOnlyList<DefinitionNote>? DefinitionNotes = null)
{
    /// <summary>The notes that say a figure was defined or collected differently in this year.</summary>
    public IEnumerable<DefinitionNote> NotesFor(string code, int year) =>
        (DefinitionNotes ?? []).Where(n => n.Code == code && n.Years.Contains(year));

    public Quartiere? FindQuartiere(string id) => Quartieri.FirstOrDefault(q => q.Id == id);

    /// <summary>The quartiere a zone belongs to, or null for an unknown zone.</summary>
    public Quartiere? QuartiereOfZone(string zone) => Quartieri.FirstOrDefault(q => q.Zones.Any(z => z.Id == zone));
}

public sealed record Quartiere(string Id, string Name, IReadOnlyList<Zone> Zones);

/// <summary>
/// A figure whose definition, taxonomy or way of collection differed in some years (the reports say
/// so): comparisons across those years mark it.
/// </summary>
public sealed record DefinitionNote(string Code, IReadOnlyList<int> Years, string It, string En);

public sealed record Zone(string Id, string Name);

/// <summary>A label in Italian and English.</summary>
public record LocalizedText(string It, string En);

/// <summary>
/// What a city calls its districts (Bologna: quartiere, Crema: zona), singular and plural: the plural is
/// not derivable ("quartieri", "zone"), so the territory file says it.
/// </summary>
public sealed record DistrictTerm(string It, string En, string ItPlural, string EnPlural) : LocalizedText(It, En)
{
    [JsonIgnore] public LocalizedText Plural => new(ItPlural, EnPlural);
}

/// <summary>Reads and checks territory files.</summary>
public static class TerritoryFile
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads every <c>*.json</c> of a folder, keyed by city id.</summary>
    public static IReadOnlyDictionary<string, Territory> LoadAll(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Territory folder not found: {directory}");
        var cities = new SortedDictionary<string, Territory>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var territory = Parse(File.ReadAllText(path), Path.GetFileName(path));
            if (!cities.TryAdd(territory.Id, territory))
                throw new InvalidDataException($"{path}: city id '{territory.Id}' is defined twice.");
        }
        return cities;
    }

    public static Territory Parse(string json, string source)
    {
        Territory territory;
        try
        {
            territory = JsonSerializer.Deserialize<Territory>(json, Json)
                ?? throw new InvalidDataException($"{source}: empty territory file.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
        Validate(territory, source);
        return territory;
    }

    private static void Validate(Territory t, string source)
    {
        var problems = new List<string>();
        if (!Keys.GrainKeys.IsValidId(t.Id)) problems.Add($"id: '{t.Id}' is not a kebab-case id");
        if (t.Quartieri is not { Count: > 0 }) problems.Add("quartieri: at least one is required");
        if (t.DistrictTerm is null) problems.Add("districtTerm: required");
        else
            foreach (var (name, text) in new[] { ("it", t.DistrictTerm.It), ("en", t.DistrictTerm.En), ("itPlural", t.DistrictTerm.ItPlural), ("enPlural", t.DistrictTerm.EnPlural) })
                if (string.IsNullOrWhiteSpace(text)) problems.Add($"districtTerm.{name}: required");
        foreach (var n in t.DefinitionNotes ?? [])
            if (!Indicators.IndicatorCatalogue.ByCode.ContainsKey(n.Code)) problems.Add($"definitionNotes.code: '{n.Code}' is not an indicator code");
        var ids = new HashSet<string>();
        foreach (var q in t.Quartieri ?? [])
        {
            if (!Keys.GrainKeys.IsValidId(q.Id)) problems.Add($"quartieri.id: '{q.Id}' is not a kebab-case id");
            if (!ids.Add(q.Id)) problems.Add($"quartieri.id: '{q.Id}' appears twice");
            foreach (var z in q.Zones ?? [])
            {
                if (!Keys.GrainKeys.IsValidId(z.Id)) problems.Add($"quartieri[{q.Id}].zones.id: '{z.Id}' is not a kebab-case id");
                if (!ids.Add(z.Id)) problems.Add($"quartieri[{q.Id}].zones.id: '{z.Id}' appears twice");
            }
        }
        ValidateTaxonomies(t.Taxonomies, problems);
        if (problems.Count > 0)
            throw new InvalidDataException($"{source}: " + string.Join("; ", problems) + ".");
    }

    private static void ValidateTaxonomies(Taxonomies? tax, List<string> problems)
    {
        if (tax is null)
        {
            problems.Add("taxonomies: required");
            return;
        }
        foreach (var (name, terms) in tax.Named())
        {
            if (terms is null) { problems.Add($"taxonomies.{name}: required"); continue; }
            var seen = new HashSet<string>();
            foreach (var term in terms)
            {
                if (!Keys.GrainKeys.IsValidId(term.Id)) problems.Add($"taxonomies.{name}.id: '{term.Id}' is not a kebab-case id");
                else if (!seen.Add(term.Id)) problems.Add($"taxonomies.{name}.id: '{term.Id}' appears twice");
            }
        }
        foreach (var type in tax.OrganisationTypes ?? [])
            if (!(tax.OrganisationGroups ?? []).Has(type.Group))
                problems.Add($"taxonomies.organisationTypes[{type.Id}].group: '{type.Group}' is not an organisation group");
        if (tax.OrganisationTypes is not { Count: > 0 }) problems.Add("taxonomies.organisationTypes: at least one is required");
        if (tax.BeneficiaryClasses is not { Count: > 0 }) problems.Add("taxonomies.beneficiaryClasses: at least one is required");
    }
}
