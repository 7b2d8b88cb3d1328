using System.Globalization;
using ActorWelfare.Territories;
using ActorWelfare.Years;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>A column of the quartieri table: the figure's code (for programs), a short label to head the column, the catalogue's full label.</summary>
public sealed record ReportColumn(string Code, string Label, string Title);

/// <summary>
/// The year-end report of a snapshot, laid out by the report's one description (<see cref="ReportOutline"/>,
/// the monitoring report's order): for each kind of activity its "numeri principali" and its parts with
/// their tables (the page draws each as a chart too), then the districts side by side and a methodological
/// note. One model for the page and every export, in one language and one number format.
/// </summary>
public sealed class ReportModel
{
    /// <param name="organisationNames">The city registry's names by organisation id (the snapshot's records name organisations by id).</param>
    public ReportModel(Snapshot snapshot, Territory territory, bool english = false, IReadOnlyDictionary<string, string>? organisationNames = null)
    {
        Snapshot = snapshot;
        Territory = territory.ForYear(snapshot.Info.Year); // the quartieri of the snapshot's year
        English = english;
        OrganisationNames = organisationNames ?? new Dictionary<string, string>();
        Culture = CultureInfo.GetCultureInfo(english ? "en-GB" : "it-IT");
        Figures = new ReportFigures(Territory, snapshot.Document.Indicators, Culture, english, year: snapshot.Info.Year);
        Sections = Figures.Sections();
        QuartiereColumns =
        [
            Column("PI.TOT", "Progetti inclusivi", "Inclusive projects"),
            Column("B3.01", "Progetti dai laboratori dei Piani di Zona", "Projects from the Piani di Zona workshops"),
            Column("PI.BEN", "Beneficiari dei progetti", "Beneficiaries of the projects"),
            Column("PI.VOL", "Volontari nei progetti", "Volunteers in the projects"),
            Column("TP.TOT", "Tavoli permanenti", "Permanent tables"),
            Column("TP.MEET", "Incontri dei tavoli", "Meetings of the tables"),
            Column("GC.TOT", "Gruppi di cittadini", "Citizen groups"),
            Column("GC.CIT", "Cittadini nei gruppi", "Citizens in the groups"),
        ];
    }

    public Snapshot Snapshot { get; }
    public Territory Territory { get; }
    public bool English { get; }
    public CultureInfo Culture { get; }
    public IReadOnlyList<ReportSection> Sections { get; }
    public IReadOnlyList<ReportColumn> QuartiereColumns { get; }
    public IReadOnlyDictionary<string, string> OrganisationNames { get; }

    /// <summary>The report's description filled with the snapshot's city-wide figures.</summary>
    public ReportFigures Figures { get; }
    /// <summary>The text in the report's language.</summary>
    public string T(string it, string en) => English ? en : it;

    public string Title => T($"Il lavoro di comunità a {Territory.Name} — anno {Snapshot.Info.Year}",
        $"Community work in {Territory.Name} — year {Snapshot.Info.Year}");

    public string Subtitle => T(
        $"Istantanea «{Snapshot.Info.Label}» del {Snapshot.Info.TakenAt.UtcDateTime:dd/MM/yyyy HH:mm} UTC, di {Snapshot.Info.TakenBy}; {Snapshot.Info.Activities} attività; SHA-256 {Snapshot.Info.Sha256[..16]}…",
        $"Snapshot '{Snapshot.Info.Label}' of {Snapshot.Info.TakenAt.UtcDateTime:dd/MM/yyyy HH:mm} UTC, by {Snapshot.Info.TakenBy}; {Snapshot.Info.Activities} activities; SHA-256 {Snapshot.Info.Sha256[..16]}…");

    /// <summary>The titles of the report's last parts, the same on the page and in the PDF.</summary>
    public string ByDistrictTitle => T($"Per {Territory.DistrictTerm.It}", $"By {Territory.DistrictTerm.En}");
    public string ActivitiesTitle => T("Le attività dell'istantanea", "The snapshot's activities");
    public string MethodNoteTitle => T("Nota metodologica", "Methodological note");

    public string Number(double? value, int decimals = 0) => Figures.Number(value, decimals);

    public string Label(string code) => Figures.Label(code);

    private ReportColumn Column(string code, string it, string en) => new(code, T(it, en), Label(code));

    /// <summary>The city's word for its districts (Bologna: quartiere, Crema: zona), capitalised, to head a column or a sheet.</summary>
    public string District(bool plural = false)
    {
        var term = plural ? Territory.DistrictTerm.Plural : Territory.DistrictTerm;
        var word = T(term.It, term.En);
        return char.ToUpperInvariant(word[0]) + word[1..];
    }

    /// <summary>The name of an organisation of the registry, its id when the registry does not know it.</summary>
    public string OrganisationName(string id) => OrganisationNames.GetValueOrDefault(id) ?? id;

    public string KindName(ActorWelfare.Activities.ActivityKind kind) => kind switch
    {
        ActorWelfare.Activities.ActivityKind.Progetto => T("Progetto inclusivo", "Inclusive project"),
        ActorWelfare.Activities.ActivityKind.Tavolo => T("Tavolo permanente", "Permanent table"),
        _ => T("Gruppo di cittadini", "Citizen group"),
    };

    /// <summary>The figure of a quartiere, for the side-by-side table; null when nobody reported it.</summary>
    public double? QuartiereValue(string quartiere, string code) =>
        Snapshot.Document.Quartieri.GetValueOrDefault(quartiere)?.GetValueOrDefault(code)?.Value;

    public IReadOnlyList<string> MethodNote => English
        ?
        [
            "Figures are computed per city and year from the activity records as they stood when the snapshot was taken; the records are part of the snapshot and of its exports.",
            "Each figure carries its base: the number of activities that reported it (\"on N projects\"). A field not reported is left out, never counted as zero.",
            $"An activity counts once city-wide even when it works in several {Territory.DistrictTerm.EnPlural}; an organisation counts once city-wide however many activities it joins.",
            "Questions with several answers (themes, purposes, activities, organisation types) sum to more than the number of activities.",
            "Activities documented but left out of the aggregate figures are shown as \"+N\" beside the total.",
            "Averages are over the activities that reported them, with one decimal.",
        ]
        :
        [
            "Le cifre sono calcolate per città e anno dalle schede delle attività come erano al momento dell'istantanea; le schede fanno parte dell'istantanea e delle sue esportazioni.",
            "Ogni cifra riporta la sua base: il numero di attività che l'hanno indicata («su N progetti»). Un dato non indicato è escluso, mai contato come zero.",
            $"Un'attività conta una volta sola in città anche se opera in più {Territory.DistrictTerm.ItPlural}; un'organizzazione conta una volta sola in città in qualunque numero di attività sia coinvolta.",
            "Le domande a risposta multipla (tematiche, finalità, attività, tipi di organizzazione) sommano più del numero di attività.",
            "Le attività documentate ma escluse dalle elaborazioni aggregate sono indicate come «+N» accanto al totale.",
            "Le medie sono calcolate sulle attività che hanno risposto, con un decimale.",
        ];

    /// <summary>The analysts' words frozen with the snapshot on <paramref name="section"/> (<see cref="Commentary.General"/> for the general note), if any.</summary>
    public Commentary? Words(string section) => Snapshot.Commentary?.FirstOrDefault(c => c.Section == section);

    /// <summary>Who wrote the words and when, in the report's language.</summary>
    public string WordsBy(Commentary words) =>
        T($"{words.By}, {words.At.UtcDateTime:dd/MM/yyyy HH:mm} UTC (versione {words.Version})", $"{words.By}, {words.At.UtcDateTime:dd/MM/yyyy HH:mm} UTC (version {words.Version})");

    /// <summary>The snapshot's activities (kind, then name), named as the report's readers know them.</summary>
    public IReadOnlyList<ReportActivity> Activities => activities ??= [.. Snapshot.Records.Select(Activity)
        .OrderBy(a => a.Record.Kind).ThenBy(a => a.Name, StringComparer.Create(Culture, ignoreCase: true))];

    private IReadOnlyList<ReportActivity>? activities;

    private ReportActivity Activity(ActorWelfare.Activities.ActivityRecord r)
    {
        var p = r.ProfileFor(Snapshot.Info.Year); // what the activity was in the snapshot's year
        // An activity of the whole city says so before the districts it lists (docs/cities.md).
        var districts = string.Join("; ", p.Quartieri.Select(id => NameOf(id)));
        if (p.CityWide) districts = string.Join("; ", new[] { T("Tutta la città", "The whole city"), districts }.Where(d => d.Length > 0));
        return new ReportActivity(r, KindName(r.Kind), p.Name, districts, string.Join("; ", p.Zones.Select(id => NameOf(id))), p, r.FiguresFor(Snapshot.Info.Year),
            p.Organisations is { } o ? [.. o.Select(l => OrganisationName(l.OrganisationId))] : null);
    }

    /// <summary>The label of a breakdown item (a term of the city's lists, a district, a zone).</summary>
    public string NameOf(string id, IReadOnlyList<Term>? terms = null) =>
        terms?.FirstOrDefault(t => t.Id == id) is { } term ? T(term.It, term.En) : Figures.NameOf(id);
}
