using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorWelfare.Territories;

/// <summary>
/// A city's territory as configured in <c>deploy/territories/{city}.json</c>: its quartieri (Crema:
/// zone) and their zones. A new city is a new file, not new code. <see cref="Quartieri"/> are today's;
/// <see cref="FormerQuartieri"/> are those a reorganisation ended (Bologna went from 9 to 6 in 2016), so
/// the figures of an old year use the quartieri of its time (<see cref="ForYear"/>).
/// </summary>
public sealed record Territory(
    string Id,
    string Name,
    DistrictTerm DistrictTerm,
    IReadOnlyList<Quartiere> Quartieri,
    Taxonomies Taxonomies,
    IReadOnlyList<DefinitionNote>? DefinitionNotes = null,
    IReadOnlyList<Quartiere>? FormerQuartieri = null,
    LocalizedText? SocialService = null,
    IReadOnlyList<CommunityPlace>? Places = null)
{
    /// <summary>How the city's pages name its social service ("in carico al SST" in Bologna): the file's <c>socialService</c>, else "servizio sociale".</summary>
    [JsonIgnore] public LocalizedText SocialServiceName => SocialService ?? new("servizio sociale", "social service");

    /// <summary>Today's quartieri, then the former ones.</summary>
    [JsonIgnore] public IEnumerable<Quartiere> AllQuartieri => Quartieri.Concat(FormerQuartieri ?? []);

    /// <summary>The quartieri that existed in a year: today's order, with those of another time in alphabetical order among them.</summary>
    public IReadOnlyList<Quartiere> QuartieriIn(int year)
    {
        if (!HasHistory) return Quartieri;
        var list = AllQuartieri.Where(q => q.ExistsIn(year)).ToList();
        return list.All(q => Quartieri.Contains(q)) ? list : [.. list.OrderBy(q => q.Name, NameOrder)];
    }

    /// <summary>
    /// The territory as it was in a year: its quartieri are that year's, the others stay findable by id (an
    /// old record still shows its names). Pages and figures of a year read the territory through this.
    /// </summary>
    public Territory ForYear(int year)
    {
        if (!HasHistory) return this;
        var then = QuartieriIn(year);
        return this with { Quartieri = then, FormerQuartieri = [.. AllQuartieri.Where(q => !then.Contains(q))] };
    }

    private static readonly StringComparer NameOrder = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("it-IT"), ignoreCase: true);

    [JsonIgnore] public bool HasHistory => FormerQuartieri is { Count: > 0 } || Quartieri.Any(q => q.From is not null || q.Until is not null);

    /// <summary>The notes that say a figure was defined or collected differently in this year.</summary>
    public IEnumerable<DefinitionNote> NotesFor(string code, int year) =>
        (DefinitionNotes ?? []).Where(n => n.Code == code && n.Years.Contains(year));

    /// <summary>One of the city's places (its registry of "luoghi di prossimità"), by id.</summary>
    public CommunityPlace? FindPlace(string id) => (Places ?? []).FirstOrDefault(p => p.Id == id);

    /// <summary>A quartiere of any time, by id.</summary>
    public Quartiere? FindQuartiere(string id) => AllQuartieri.FirstOrDefault(q => q.Id == id);

    /// <summary>The quartiere a zone belongs to (today's first), or null for an unknown zone.</summary>
    public Quartiere? QuartiereOfZone(string zone) => AllQuartieri.FirstOrDefault(q => q.Zones.Any(z => z.Id == zone));

    public Zone? FindZone(string zone) => AllQuartieri.SelectMany(q => q.Zones).FirstOrDefault(z => z.Id == zone);

    /// <summary>Today's quartiere a quartiere of any time lives on in (itself when it still exists).</summary>
    public Quartiere? TodayOf(string id)
    {
        var q = FindQuartiere(id);
        for (var hops = 0; q is { Until: not null, Becomes: { } next } && hops < 10; hops++) q = FindQuartiere(next);
        return q;
    }
}

/// <summary>
/// A quartiere and its zones. <see cref="From"/> and <see cref="Until"/> bound the years it existed (null:
/// always, still); <see cref="Becomes"/> names the quartiere it became part of when it ended.
/// </summary>
public sealed record Quartiere(string Id, string Name, IReadOnlyList<Zone> Zones, int? From = null, int? Until = null, string? Becomes = null)
{
    public bool ExistsIn(int year) => (From ?? int.MinValue) <= year && year <= (Until ?? int.MaxValue);
}

/// <summary>
/// A figure whose definition, taxonomy or way of collection differed in some years (the reports say
/// so): comparisons across those years mark it.
/// </summary>
public sealed record DefinitionNote(string Code, IReadOnlyList<int> Years, string It, string En);

public sealed record Zone(string Id, string Name);

/// <summary>
/// A place of the city where the community meets (seed 004: "i luoghi di prossimità"): a parish hall, a
/// community centre, the seat of a working group. Meetings name one, or say their place in words.
/// <see cref="Quartiere"/> is the district it is in, when it belongs to one.
/// </summary>
public sealed record CommunityPlace(string Id, string Name, string? Address = null, string? Quartiere = null);

/// <summary>A label in Italian and English.</summary>
[DataContract(Name = "LocalizedText"), ImmutableObject(true)]
public record LocalizedText([property: DataMember(Order = 0)] string It, [property: DataMember(Order = 1)] string En);

/// <summary>
/// What a city calls its districts (quartiere, zona, municipio, circoscrizione), singular and plural, and
/// the word's gender in Italian (<c>m</c> or <c>f</c>): neither the plural ("quartieri", "zone") nor the
/// gender ("la circoscrizione") can be derived, so the territory file says them. Pages build their
/// phrases from these ("Le mie zone", "Confronto tra i quartieri", "della circoscrizione").
/// </summary>
public sealed record DistrictTerm(string It, string En, string ItPlural, string EnPlural, string? Gender = null) : LocalizedText(It, En)
{
    [JsonIgnore] public LocalizedText Plural => new(ItPlural, EnPlural);

    [JsonIgnore] public bool IsFeminine => Gender == "f";

    /// <summary>"il quartiere", "la zona", "l'ambito", "lo spazio" / "the district".</summary>
    [JsonIgnore] public LocalizedText The => new($"{ItalianArticles.Singular(It, IsFeminine)}{It}", $"the {En}");

    /// <summary>"i quartieri", "le zone", "gli ambiti" / "the districts".</summary>
    [JsonIgnore] public LocalizedText TheMany => new($"{ItalianArticles.Plural(ItPlural, IsFeminine)} {ItPlural}", $"the {EnPlural}");

    /// <summary>"del quartiere", "della zona", "dell'ambito" / "of the district".</summary>
    [JsonIgnore] public LocalizedText OfThe => new(ItalianArticles.Of(ItalianArticles.Singular(It, IsFeminine)) + It, $"of the {En}");

    /// <summary>"Il mio quartiere" / "La mia zona"; with <paramref name="many"/>, "I miei quartieri" / "Le mie zone".</summary>
    public LocalizedText Mine(bool many) => many
        ? new(IsFeminine ? $"Le mie {ItPlural}" : $"I miei {ItPlural}", $"My {EnPlural}")
        : new(IsFeminine ? $"La mia {It}" : $"Il mio {It}", $"My {En}");
}

/// <summary>
/// Italian definite articles and their contraction with "di", by the word's gender and first letters:
/// "il quartiere", "lo spazio", "l'ambito", "la zona"; plural "i", "gli", "le"; "del", "dello", "dell'", "della".
/// </summary>
public static class ItalianArticles
{
    private static bool StartsWithVowel(string w) => w.Length > 0 && "aeiouàèéìòùAEIOUÀÈÉÌÒÙh".Contains(w[0]);

    // s + consonant, z, gn, ps, x, y take "lo"/"gli".
    private static bool TakesLo(string w)
    {
        var l = w.ToLowerInvariant();
        return l.StartsWith('z') || l.StartsWith('x') || l.StartsWith('y') || l.StartsWith("gn", StringComparison.Ordinal) || l.StartsWith("ps", StringComparison.Ordinal)
            || (l.Length > 1 && l[0] == 's' && !"aeiouàèéìòù".Contains(l[1]));
    }

    /// <summary>The singular article with the space that follows it ("il ", "la ") or none after an apostrophe ("l'").</summary>
    public static string Singular(string word, bool feminine) =>
        StartsWithVowel(word) ? "l'" : feminine ? "la " : TakesLo(word) ? "lo " : "il ";

    public static string Plural(string word, bool feminine) =>
        feminine ? "le" : StartsWithVowel(word) || TakesLo(word) ? "gli" : "i";

    /// <summary>"di" joined to a singular article: "il " → "del ", "la " → "della ", "l'" → "dell'", "lo " → "dello ".</summary>
    public static string Of(string article) => article switch
    {
        "il " => "del ",
        "lo " => "dello ",
        "la " => "della ",
        "l'" => "dell'",
        _ => "di " + article,
    };
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
        {
            foreach (var (name, text) in new[] { ("it", t.DistrictTerm.It), ("en", t.DistrictTerm.En), ("itPlural", t.DistrictTerm.ItPlural), ("enPlural", t.DistrictTerm.EnPlural) })
                if (string.IsNullOrWhiteSpace(text)) problems.Add($"districtTerm.{name}: required");
            if (t.DistrictTerm.Gender is not ("m" or "f")) problems.Add("districtTerm.gender: required, m or f (the Italian word's gender: il quartiere, la zona)");
        }
        foreach (var n in t.DefinitionNotes ?? [])
            if (!Indicators.IndicatorCatalogue.ByCode.ContainsKey(n.Code)) problems.Add($"definitionNotes.code: '{n.Code}' is not an indicator code");
        var ids = new HashSet<string>();
        var all = (t.Quartieri ?? []).Select(q => ("quartieri", q)).Concat((t.FormerQuartieri ?? []).Select(q => ("formerQuartieri", q))).ToList();
        foreach (var (list, q) in all)
        {
            if (!Keys.GrainKeys.IsValidId(q.Id)) problems.Add($"{list}.id: '{q.Id}' is not a kebab-case id");
            if (!ids.Add(q.Id)) problems.Add($"{list}.id: '{q.Id}' appears twice");
            if (q.From > q.Until) problems.Add($"{list}[{q.Id}].until: before its from");
            if (list == "formerQuartieri" && q.Until is null) problems.Add($"formerQuartieri[{q.Id}].until: required (the last year it existed)");
            if (list == "quartieri" && q.Until is not null) problems.Add($"quartieri[{q.Id}].until: a quartiere that ended belongs in formerQuartieri");
            if (q.Becomes is { } next && !all.Any(o => o.q.Id == next)) problems.Add($"{list}[{q.Id}].becomes: '{next}' is not a quartiere");
            foreach (var z in q.Zones ?? [])
                if (!Keys.GrainKeys.IsValidId(z.Id)) problems.Add($"{list}[{q.Id}].zones.id: '{z.Id}' is not a kebab-case id");
        }
        static bool Coexist(Quartiere a, Quartiere b) =>
            (a.From ?? int.MinValue) <= (b.Until ?? int.MaxValue) && (b.From ?? int.MinValue) <= (a.Until ?? int.MaxValue);
        // A zone id names one place: it may be listed under a quartiere and under the one that replaced it, never under two of the same time.
        foreach (var ((_, a), (_, b)) in all.SelectMany((x, i) => all.Skip(i + 1).Select(y => (x, y))))
            if (Coexist(a, b))
                foreach (var z in (a.Zones ?? []).Select(z => z.Id).Intersect((b.Zones ?? []).Select(z => z.Id)))
                    problems.Add($"quartieri[{b.Id}].zones.id: '{z}' is already a zone of {a.Id}");
        foreach (var (list, q) in all)
            foreach (var d in (q.Zones ?? []).GroupBy(z => z.Id).Where(g => g.Count() > 1))
                problems.Add($"{list}[{q.Id}].zones.id: '{d.Key}' appears twice");
        foreach (var (_, owner) in all)
            foreach (var z in owner.Zones ?? [])
                if (all.Any(x => x.q.Id == z.Id && !ReferenceEquals(x.q, owner) && Coexist(x.q, owner)))
                    problems.Add($"quartieri[{owner.Id}].zones.id: '{z.Id}' is also the id of a quartiere of the same years");
        var placeIds = new HashSet<string>();
        foreach (var p in t.Places ?? [])
        {
            if (!Keys.GrainKeys.IsValidId(p.Id)) problems.Add($"places.id: '{p.Id}' is not a kebab-case id");
            else if (!placeIds.Add(p.Id)) problems.Add($"places.id: '{p.Id}' appears twice");
            if (string.IsNullOrWhiteSpace(p.Name)) problems.Add($"places[{p.Id}].name: required");
            if (p.Quartiere is { } q && !all.Any(x => x.q.Id == q)) problems.Add($"places[{p.Id}].quartiere: '{q}' is not a quartiere");
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
