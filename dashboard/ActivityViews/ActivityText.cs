using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Dashboard.Localization;
using ActorWelfare.Organisations;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.ActivityViews;

/// <summary>A field of an activity as people read it: its label, the kinds that use it, and its value as text (null: not reported).</summary>
public sealed record ActivityField<T>(string Key, string Label, ActivityKind[] Kinds, Func<T, string?> Show)
{
    public bool AppliesTo(ActivityKind kind) => Kinds.Contains(kind);
}

/// <summary>
/// Turns an activity's stored ids into what people read: quartieri and zones by name, taxonomy terms by
/// label, organisations by their registry name, numbers in the page's culture. One place for the
/// activity page, the history and the lists, so they say the same thing. Labels follow the current
/// culture at the time of the call.
/// </summary>
public sealed class ActivityText(Territory territory, IReadOnlyDictionary<string, Organisation> organisations)
{
    private static readonly ActivityKind[] All = [ActivityKind.Progetto, ActivityKind.Tavolo, ActivityKind.Gruppo];
    private static readonly ActivityKind[] Progetto = [ActivityKind.Progetto];
    private static readonly ActivityKind[] TavoloGruppo = [ActivityKind.Tavolo, ActivityKind.Gruppo];
    private static readonly ActivityKind[] Gruppo = [ActivityKind.Gruppo];

    public Territory Territory => territory;
    private Taxonomies Tax => territory.Taxonomies;

    /// <summary>A year as people write it: "2016", never "2.016".</summary>
    public static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    public static bool InSpan(ActivityProfile p, int year) => year >= p.StartYear && (p.EndYear is null || year <= p.EndYear);

    /// <summary>
    /// "2019", "2019–2021", "2019, 2021–2022": the years a change altered, in runs. With
    /// <paramref name="onwardFrom"/>, a run that reaches that year reads "2019 in poi" (an ongoing activity's years to come).
    /// </summary>
    public static string YearRuns(IReadOnlyList<int> years, int? onwardFrom = null)
    {
        var runs = new List<string>();
        for (var i = 0; i < years.Count;)
        {
            var j = i;
            while (j + 1 < years.Count && years[j + 1] == years[j] + 1) j++;
            runs.Add(onwardFrom is { } now && years[j] >= now ? Texts.T($"dal {Year(years[i])} in poi", $"{Year(years[i])} on")
                : j == i ? Year(years[i]) : $"{Year(years[i])}–{Year(years[j])}");
            i = j + 1;
        }
        return string.Join(", ", runs);
    }

    public static string YesNo(bool value) => value ? Texts.T("Sì", "Yes") : Texts.T("No", "No");

    /// <summary>What a command did, as the history and the audit log say it (the command's type name otherwise).</summary>
    public static string CommandLabel(string command) => command switch
    {
        nameof(RegisterActivity) => Texts.T("Registrazione", "Registered"),
        nameof(EditProfile) => Texts.T("Modifica della scheda", "Profile edited"),
        nameof(SaveActivity) => Texts.T("Salvataggio del modulo", "Saved from the form"),
        nameof(RecordMeeting) => Texts.T("Incontro registrato", "Meeting recorded"),
        nameof(RecordEvent) => Texts.T("Verbale di un incontro", "Minutes of a meeting"),
        nameof(RemoveEvent) => Texts.T("Incontro tolto", "Meeting removed"),
        nameof(UpdateYearFigures) => Texts.T("Dati dell'anno", "Year's figures"),
        nameof(AddOrganisation) => Texts.T("Organizzazione aggiunta", "Organisation added"),
        nameof(RemoveOrganisation) => Texts.T("Organizzazione tolta", "Organisation removed"),
        nameof(ChangeStatus) => Texts.T("Cambio di stato", "Status changed"),
        nameof(MoveToQuartieri) => Texts.T("Spostamento", "Moved"), // in any city's words (quartieri, zone)
        nameof(ChangeKind) => Texts.T("Cambio di tipo", "Kind changed"),
        nameof(DeleteActivity) => Texts.T("Eliminazione", "Deleted"),
        _ => command,
    };

    /// <summary>The first letter in capitals, as labels and table cells are written ("Attivo", "Quartiere").</summary>
    public static string Capitalised(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.CurrentCulture) + text[1..];

    public string DistrictLabel => Capitalised(Texts.Label(territory.DistrictTerm));

    /// <summary>A field's label as forms and messages say it (<see cref="FieldLabels"/>), in the city's words.</summary>
    public string L(string field) => Texts.FieldLabel(field, territory);

    public string QuartiereName(string id) => territory.FindQuartiere(id)?.Name ?? id;

    public string Quartieri(IEnumerable<string> ids) => string.Join(", ", ids.Select(QuartiereName));

    /// <summary>Where an activity works: its districts, or "Tutta la città" (with the districts it lists) for one of the whole city.</summary>
    public string Place(ActivityProfile p) => p.CityWide
        ? Texts.T("Tutta la città", "The whole city") + (p.Quartieri.Count > 0 ? $" ({Quartieri(p.Quartieri)})" : "")
        : Quartieri(p.Quartieri);

    public string ZoneName(string id) => territory.FindZone(id)?.Name ?? id;

    public static string? Term(IReadOnlyList<Term> terms, string? id) =>
        id is null ? null : terms.FirstOrDefault(t => t.Id == id) is { } t ? Capitalised(Texts.Label(t)) : id;

    public static string? Terms(IReadOnlyList<Term> terms, IReadOnlyList<string>? ids) =>
        ids is null ? null : ids.Count == 0 ? Texts.T("nessuno", "none") : string.Join(", ", ids.Select(i => Term(terms, i)));

    public string Status(string id) => Term(Tax.Statuses, id)!;

    /// <summary>A meeting in one line: its date, hours, place and what was decided (cut short).</summary>
    public string MeetingSummary(MeetingEvent e)
    {
        var parts = new List<string> { Texts.Date(e.Date) };
        if (e.Start is { } start) parts.Add(e.End is { } end ? $"{start:HH\\:mm}–{end:HH\\:mm}" : $"{start:HH\\:mm}");
        if (MeetingPlace(e) is { } place) parts.Add(place);
        if (e.Decisions is { Length: > 0 } d) parts.Add(d.Length > 60 ? d[..60] + "…" : d);
        return string.Join(", ", parts);
    }

    /// <summary>Where a meeting was: the city's place by name (and the words given with it), or the words alone.</summary>
    public string? MeetingPlace(MeetingEvent e) =>
        e.PlaceId is { } id ? (territory.FindPlace(id)?.Name ?? id) + (e.Place is { Length: > 0 } words ? $" ({words})" : "")
        : e.Place is { Length: > 0 } p ? p : null;

    public string OrganisationName(string id) => organisations.TryGetValue(id, out var o) ? o.Name : id;

    /// <summary>The type's label; the registry's type when the link does not carry one.</summary>
    public string OrganisationType(OrganisationLink link)
    {
        var type = link.Type ?? organisations.GetValueOrDefault(link.OrganisationId)?.Type;
        return OrganisationText.Type(Tax, type);
    }

    public string OrganisationFunctions(IReadOnlyList<string> functions) =>
        functions.Count == 0 ? Texts.T("nessuna funzione indicata", "no function given") : Terms(Tax.OrganisationFunctions, functions)!;

    /// <summary>The profile's fields in the order of the form (name, description, places and organisations are shown apart).</summary>
    public IReadOnlyList<ActivityField<ActivityProfile>> ProfileFields(ActivityKind kind) =>
    [
        new("startYear", kind == ActivityKind.Tavolo ? Texts.T("Anno di attivazione", "Year of activation") : L("startYear"), All, p => p.StartYear == 0 ? null : Year(p.StartYear)),
        new("endYear", L("endYear"), All, p => p.EndYear is { } y ? Year(y) : null),
        new("status", L("status"), All, p => Status(p.Status)),
        new("excludedFromAggregates", L("excludedFromAggregates"), All, p => YesNo(p.ExcludedFromAggregates)),
        new("promoterLevel", L("promoterLevel"), Progetto, p => Term(Tax.PromoterLevels, p.PromoterLevel)),
        new("fromPdzLab", L("fromPdzLab"), Progetto, p => p.FromPdzLab is { } b ? YesNo(b) : null),
        new("needArea", L("needArea"), Progetto, p => Term(Tax.NeedAreas, p.NeedArea)),
        new("reach", L("reach"), Progetto, p => Term(Tax.Reach, p.Reach)),
        new("promoterRoles", L("promoterRoles"), Progetto, p => Terms(Tax.PromoterRoles, p.PromoterRoles)),
        new("activities", L("activities"), Progetto, p => Terms(Tax.Activities, p.Activities)),
        new("target", L("target"), Progetto, p => Term(Tax.Targets, p.Target)),
        new("accessMode", L("accessMode"), Progetto, p => Term(Tax.AccessModes, p.AccessMode)),
        new("sstFunctions", L("sstFunctions"), Progetto, p => Terms(Tax.SstFunctions, p.SstFunctions)),
        new("coordination", L("coordination"), TavoloGruppo, p => Term(Tax.CoordinationKinds, p.Coordination)),
        new("themes", L("themes"), TavoloGruppo, p => Terms(Tax.Themes, p.Themes)),
        new("purposes", L("purposes"), TavoloGruppo, p => Terms(Tax.Purposes, p.Purposes)),
    ];

    /// <summary>A year's figures, one field per public office of the territory for the operators.</summary>
    public IReadOnlyList<ActivityField<YearFigures>> FigureFields(IEnumerable<string>? moreOffices = null)
    {
        var offices = Tax.Offices.Select(o => o.Id).Concat((moreOffices ?? []).Where(id => !Tax.Offices.Has(id)).Distinct());
        return
        [
            new("meetings", L("meetings"), TavoloGruppo, Meetings),
            new("beneficiaries", L("beneficiaries"), Progetto, f => Count(f.Beneficiaries)),
            new("beneficiariesInCarico", L("beneficiariesInCarico"), Progetto, f => Count(f.BeneficiariesInCarico)),
            new("volunteers", L("volunteers"), Progetto, f => Count(f.Volunteers)),
            new("organisationOperators", L("organisationOperators"), Progetto, f => Count(f.OrganisationOperators)),
            new("citizens", L("citizens"), Gruppo, f => Count(f.Citizens)),
            .. offices.Select(o => new ActivityField<YearFigures>($"operators.{o}", L($"operators.{o}"), All,
                f => MeetingFigures.Operators(f) is { } ops && ops.TryGetValue(o, out var n) ? Texts.Number(n) : null)),
            new("funders", L("funders"), Progetto, f => Terms(Tax.Funders, f.Funders)),
            new("fundingClass", L("fundingClass"), Progetto, f => Term(Tax.FundingClasses, f.FundingClass)),
        ];
    }

    private static string? Count(int? n) => n is null ? null : Texts.Number(n);

    /// <summary>The year's meetings as the indicators count them: a count of recorded meetings says so, a reported total is the number alone (as it always was).</summary>
    public static string? Meetings(YearFigures f) => MeetingFigures.Meetings(f) is not { } n ? null
        : MeetingFigures.FromEvents(f) ? Texts.T($"{Texts.Number(n)} (registrati)", $"{Texts.Number(n)} (recorded)") : Texts.Number(n);
}
