using System.Globalization;
using ActorWelfare.Indicators;
using ActorWelfare.Territories;
using ActorWelfare.Years;

namespace ActorWelfare.Dashboard.Reports;

public sealed record ReportHeadline(string Code, string Label, string Value, string? BaseText);
public sealed record ReportRow(string Id, string Label, double Value);
public sealed record ReportTable(string Code, string Title, string? BaseText, IReadOnlyList<ReportRow> Rows, int Decimals = 0);
public sealed record ReportSection(string Id, string Title, IReadOnlyList<ReportHeadline> Headlines, IReadOnlyList<ReportTable> Tables);
/// <summary>A column of the quartieri table: the figure's code (for programs), a short label to head the column, the catalogue's full label.</summary>
public sealed record ReportColumn(string Code, string Label, string Title);

/// <summary>
/// The year-end report of a snapshot, laid out as the monitoring report (seed 000): for each kind of
/// activity its "numeri principali", then the indicators B.3.01–14 and the other figures as tables
/// (the page draws each as a chart too), then the quartieri side by side and a methodological note.
/// One model for the page and every export, in one language and one number format.
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
        Sections = [Progetti(), Tavoli(), Gruppi()];
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

    private Taxonomies Tax => Territory.Taxonomies;
    private SortedDictionary<string, IndicatorValue> Figures => Snapshot.Document.Indicators;
    /// <summary>The text in the report's language.</summary>
    public string T(string it, string en) => English ? en : it;
    private IndicatorValue? F(string code) => Figures.GetValueOrDefault(code);

    public string Title => T($"Il lavoro di comunità a {Territory.Name} — anno {Snapshot.Info.Year}",
        $"Community work in {Territory.Name} — year {Snapshot.Info.Year}");

    public string Subtitle => T(
        $"Istantanea «{Snapshot.Info.Label}» del {Snapshot.Info.TakenAt.UtcDateTime:dd/MM/yyyy HH:mm} UTC, di {Snapshot.Info.TakenBy}; {Snapshot.Info.Activities} attività; SHA-256 {Snapshot.Info.Sha256[..16]}…",
        $"Snapshot '{Snapshot.Info.Label}' of {Snapshot.Info.TakenAt.UtcDateTime:dd/MM/yyyy HH:mm} UTC, by {Snapshot.Info.TakenBy}; {Snapshot.Info.Activities} activities; SHA-256 {Snapshot.Info.Sha256[..16]}…");

    public string Number(double? value, int decimals = 0) => value is null ? "—" : value.Value.ToString("N" + decimals, Culture);

    public string Label(string code) => IndicatorCatalogue.LabelFor(code, Territory) is var l ? (English ? l.En : l.It) : code;

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

    private string? On(string code, string it, string en) =>
        F(code)?.Base is { } b ? T($"su {Number(b)} {it}", $"on {Number(b)} {en}") : null;

    private string Total(string code) => F(code) is { Excluded: > 0 } f ? $"{Number(f.Value)}+{Number(f.Excluded)}" : Number(F(code)?.Value);

    private ReportHeadline H(string code, string it, string en, string? baseText, int decimals = 0) =>
        new(code, T(it, en), code.EndsWith(".TOT") ? Total(code) : Number(F(code)?.Value, decimals), baseText);

    private ReportTable Table(string code, IReadOnlyList<Term>? terms, string it, string en, string? title = null, int decimals = 0, string? named = null)
    {
        var breakdown = named is null ? F(code)?.Breakdown : F(code)?.Breakdowns?.GetValueOrDefault(named);
        var rows = new List<ReportRow>();
        if (breakdown is not null)
        {
            var order = terms?.Select(t => t.Id).ToList() ?? [.. Territory.Quartieri.Select(q => q.Id)];
            foreach (var (id, value) in breakdown.OrderBy(kv => order.IndexOf(kv.Key) is var i && i < 0 ? int.MaxValue : i).ThenBy(kv => kv.Key, StringComparer.Ordinal))
                rows.Add(new ReportRow(id, NameOf(id, terms), value));
        }
        return new ReportTable(code, title ?? $"{code.Replace("B3.", "B.3.")} {Label(code)}", On(code, it, en), rows, decimals);
    }

    /// <summary>The label of a breakdown item: from the given taxonomy, else any of the city's taxonomies, quartieri or zones.</summary>
    public string NameOf(string id, IReadOnlyList<Term>? terms = null) =>
        (terms ?? []).Concat(Tax.Named().SelectMany(n => n.Terms)).FirstOrDefault(t => t.Id == id) is { } term ? T(term.It, term.En)
        : Tax.FindOrganisationType(id) is { } type ? T(type.It, type.En)
        : Territory.FindQuartiere(id)?.Name ?? Territory.Quartieri.SelectMany(q => q.Zones).FirstOrDefault(z => z.Id == id)?.Name ?? id;

    private static IReadOnlyList<Term> Terms(IEnumerable<OrganisationType> types) => [.. types.Select(t => new Term(t.Id, t.It, t.En))];

    private ReportSection Progetti()
    {
        var inCarico = F("B3.05")?.Breakdown is { } b && b.TryGetValue("in-carico", out var ic) && b.TryGetValue("totale", out var tot)
            ? $"{Number(ic)} / {Number(tot)}" : "—";
        return new("progetti", T("Progetti inclusivi", "Inclusive projects"),
        [
            H("PI.TOT", "progetti inclusivi", "inclusive projects", F("PI.NEW") is { Value: { } n } ? T($"di cui {Number(n)} nuovi nell'anno", $"{Number(n)} new in the year") : null),
            H("PI.ODT", "organizzazioni del territorio", "local organisations", On("PI.ODT", "progetti", "projects")),
            H("PI.VOL", "volontari", "volunteers", On("PI.VOL", "progetti", "projects")),
            H("PI.BEN", "beneficiari", "beneficiaries", On("PI.BEN", "progetti", "projects")),
            new("B3.05", T($"in carico al {Territory.SocialServiceName.It}", $"in the care of the {Territory.SocialServiceName.En}"), inCarico, On("B3.05", "progetti", "projects")),
        ],
        [
            Table("PI.TOT", Tax.PromoterLevels, "progetti", "projects", T("Progetti per livello del promotore", "Projects by promoter level")),
            Table("B3.01", null, "progetti", "projects"),
            Table("B3.02", Tax.NeedAreas, "progetti", "projects"),
            Table("B3.03", Tax.Reach, "progetti", "projects"),
            Table("B3.04", null, "progetti", "projects"),
            Table("PI.BEN", null, "progetti", "projects", T($"Beneficiari per {Territory.DistrictTerm.It}", $"Beneficiaries by {Territory.DistrictTerm.En}")),
            Table("PI.BEN", [.. Tax.BeneficiaryClasses.Select(c => new Term(c.Id, c.It, c.En))], "progetti", "projects",
                T("Progetti per numero di beneficiari", "Projects by number of beneficiaries"), named: "classes"),
            Table("B3.05", [new("in-carico", $"in carico al {Territory.SocialServiceName.It}", $"in the care of the {Territory.SocialServiceName.En}"), new("totale", "beneficiari totali", "all beneficiaries")], "progetti", "projects"),
            Table("B3.06", Terms(Tax.OrganisationTypes), "progetti", "projects"),
            Table("PI.ATT", Tax.Activities, "progetti", "projects", Label("PI.ATT")),
            Table("PI.STAFF", Tax.Offices, "progetti", "projects", Label("PI.STAFF"), decimals: 1),
        ]);
    }

    private ReportSection Tavoli() => new("tavoli", T("Tavoli permanenti", "Permanent tables"),
    [
        H("TP.TOT", "tavoli permanenti", "permanent tables", null),
        H("TP.MEET", "incontri dei tavoli", "meetings of the tables", On("TP.MEET", "tavoli", "tables")),
        // The report's SST headline where the city has that office; every city's offices are in the TP.OPS table.
        .. (Tax.Offices.Has("sst") ? new[] { H("TP.OPS.SST", "operatori SST per tavolo, in media", "social service staff per table, on average", On("TP.OPS.SST", "tavoli", "tables"), 1) } : []),
        H("TP.ODT", "organizzazioni presenti ai tavoli", "organisations at the tables", On("TP.ODT", "tavoli", "tables")),
    ],
    [
        Table("TP.TOT", Tax.Statuses, "tavoli", "tables", T("Tavoli per stato", "Tables by status")),
        Table("B3.07", null, "tavoli", "tables"),
        Table("B3.08", Tax.CoordinationKinds, "tavoli", "tables"),
        Table("B3.09", Tax.Themes, "tavoli", "tables"),
        Table("B3.10", Tax.Purposes, "tavoli", "tables"),
        Table("TP.OPS", Tax.Offices, "tavoli", "tables", Label("TP.OPS"), decimals: 1),
    ]);

    private ReportSection Gruppi() => new("gruppi", T("Gruppi di cittadini", "Citizen groups"),
    [
        H("GC.TOT", "gruppi di cittadini", "citizen groups", null),
        H("GC.CIT", "cittadini partecipanti", "citizens taking part", On("GC.CIT", "gruppi", "groups")),
        H("GC.MEET", "incontri dei gruppi", "meetings of the groups", On("GC.MEET", "gruppi", "groups")),
        H("GC.ODT", "organizzazioni coinvolte", "organisations involved", On("GC.ODT", "gruppi", "groups")),
    ],
    [
        Table("GC.TOT", Tax.Statuses, "gruppi", "groups", T("Gruppi per stato", "Groups by status")),
        Table("B3.11", null, "gruppi", "groups"),
        Table("B3.12", Tax.CoordinationKinds, "gruppi", "groups"),
        Table("B3.13", Tax.Themes, "gruppi", "groups"),
        Table("B3.14", Tax.Purposes, "gruppi", "groups"),
    ]);
}
