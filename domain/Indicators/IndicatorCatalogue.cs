using ActorWelfare.Activities;

namespace ActorWelfare.Indicators;

/// <summary>How a figure is built from what the activities contribute.</summary>
public enum IndicatorShape
{
    /// <summary>A count of activities; no base.</summary>
    Count,
    /// <summary>A count with the number of activities it is a part of as base (PI.NEW, B3.04).</summary>
    Share,
    /// <summary>A sum over the activities that reported it; null when none did.</summary>
    Sum,
    /// <summary>A mean over the activities that reported it; null when none did.</summary>
    Mean,
    /// <summary>A mean per office, each with its own base.</summary>
    OfficeMeans,
    /// <summary>Activities per taxonomy value; value and base are the activities that answered.</summary>
    Distribution,
    /// <summary>Distinct organisations, each counted once however many activities it joins.</summary>
    Distinct,
    /// <summary>Distinct organisations of every kind of activity, and how many take part in one and in two or more (NET.ORG).</summary>
    Organisations,
    /// <summary>The "figure nodo": organisations whose activities span two or more districts or kinds, listed (NET.NODO).</summary>
    Nodes,
    /// <summary>The organisation ↔ organisation network: its density in per cent, ties and largest connected part (NET.DENS).</summary>
    Density,
    /// <summary>Organisations active the year before too, new and lost ones, for how many consecutive years (NET.CONT).</summary>
    Continuity,
}

/// <summary>A figure of the catalogue; <see cref="Kind"/> is the kind of activity it counts, null for the network's figures, which count every kind.</summary>
public sealed record IndicatorDefinition(string Code, ActivityKind? Kind, IndicatorShape Shape, string LabelIt, string LabelEn);

/// <summary>The indicators of INDICATORS.md (B.3 and the report's other figures), by stable code.</summary>
public static class IndicatorCatalogue
{
    private static IndicatorDefinition P(string code, IndicatorShape shape, string it, string en) => new(code, ActivityKind.Progetto, shape, it, en);
    private static IndicatorDefinition T(string code, IndicatorShape shape, string it, string en) => new(code, ActivityKind.Tavolo, shape, it, en);
    private static IndicatorDefinition G(string code, IndicatorShape shape, string it, string en) => new(code, ActivityKind.Gruppo, shape, it, en);
    private static IndicatorDefinition N(string code, IndicatorShape shape, string it, string en) => new(code, null, shape, it, en);

    public static readonly IReadOnlyList<IndicatorDefinition> All =
    [
        P("PI.TOT", IndicatorShape.Count, "Progetti inclusivi totali nella città", "Inclusive projects in the city"),
        P("PI.NEW", IndicatorShape.Share, "Progetti nuovi nell'anno", "Projects new in the year"),
        P("B3.01", IndicatorShape.Count, "Progetti inclusivi derivanti dai laboratori dei Piani di Zona", "Projects from the Piani di Zona workshops"),
        P("B3.02", IndicatorShape.Distribution, "Area di bisogno dei progetti derivati dai Lab. PdZ", "Need area of the projects from the workshops"),
        P("B3.03", IndicatorShape.Distribution, "Raggio di azione dei progetti inclusivi", "Reach of the inclusive projects"),
        P("B3.04", IndicatorShape.Share, "Progetti inclusivi che insistono su una o più zone", "Projects working in one or more zones"),
        P("PI.BEN", IndicatorShape.Sum, "Totale dei beneficiari dei progetti inclusivi", "Beneficiaries of the inclusive projects"),
        P("B3.05", IndicatorShape.Sum, "Beneficiari in carico al Servizio Sociale Territoriale", "Beneficiaries in the care of the social service"),
        P("B3.06", IndicatorShape.Distinct, "Tipologia di organizzazioni del territorio coinvolte nei progetti inclusivi", "Types of organisations in the projects"),
        P("PI.ODT", IndicatorShape.Distinct, "Organizzazioni coinvolte nei progetti", "Organisations in the projects"),
        P("PI.VOL", IndicatorShape.Sum, "Volontari nei progetti", "Volunteers in the projects"),
        P("PI.OPS", IndicatorShape.Sum, "Operatori delle organizzazioni nei progetti", "Organisations' staff in the projects"),
        P("PI.ATT", IndicatorShape.Distribution, "Attività dei progetti", "Activities of the projects"),
        P("PI.STAFF", IndicatorShape.OfficeMeans, "Operatori pubblici coinvolti per progetto, per ufficio", "Public staff per project, by office"),
        P("PI.SST", IndicatorShape.Distribution, "Funzioni del SST nei progetti", "Roles of the social service in the projects"),
        P("PI.PROM", IndicatorShape.Distribution, "Ruolo di promotore nei progetti", "Promoters of the projects"),
        P("PI.ODTFN", IndicatorShape.Distribution, "Funzioni delle organizzazioni nei progetti", "Roles of the organisations in the projects"),
        P("PI.TARGET", IndicatorShape.Distribution, "Target dei progetti", "Target of the projects"),
        P("PI.ACCESS", IndicatorShape.Distribution, "Modalità di accesso ai progetti", "Access to the projects"),
        P("PI.FUND", IndicatorShape.Distribution, "Finanziatori pubblici dei progetti", "Public funders of the projects"),
        P("PI.FUNDSIZE", IndicatorShape.Distribution, "Entità del finanziamento", "Funding size"),
        T("TP.TOT", IndicatorShape.Count, "Tavoli permanenti totali che coinvolgono la comunità", "Permanent tables involving the community"),
        T("B3.07", IndicatorShape.Count, "Tavoli permanenti che coinvolgono la comunità per quartiere", "Permanent tables per district"),
        T("B3.08", IndicatorShape.Distribution, "Coordinamento dei tavoli permanenti", "Coordination of the tables"),
        T("B3.09", IndicatorShape.Distribution, "Le tematiche dei tavoli permanenti", "Themes of the tables"),
        T("B3.10", IndicatorShape.Distribution, "Le finalità dei tavoli permanenti", "Purposes of the tables"),
        T("TP.YEAR", IndicatorShape.Distribution, "Tavoli per anno di attivazione", "Tables by year of activation"),
        T("TP.MEET", IndicatorShape.Sum, "Incontri dei tavoli nell'anno", "Meetings of the tables"),
        T("TP.MONTH", IndicatorShape.Sum, "Incontri registrati dei tavoli, mese per mese", "Recorded meetings of the tables, month by month"),
        T("TP.OPS", IndicatorShape.OfficeMeans, "Operatori pubblici per tavolo, per ufficio", "Public staff per table, by office"),
        T("TP.OPS.SST", IndicatorShape.Mean, "Operatori SST mediamente coinvolti per tavolo", "Social service staff per table"),
        T("TP.OPS.SEST", IndicatorShape.Mean, "Operatori SEST mediamente coinvolti per tavolo", "Education service staff per table"),
        T("TP.OPS.RETI", IndicatorShape.Mean, "Operatori Ufficio Reti mediamente coinvolti per tavolo", "Networks office staff per table"),
        T("TP.ODT", IndicatorShape.Distinct, "Organizzazioni presenti ai tavoli", "Organisations at the tables"),
        G("GC.TOT", IndicatorShape.Count, "Gruppi di cittadini che coinvolgono la comunità", "Citizen groups involving the community"),
        G("B3.11", IndicatorShape.Count, "Gruppi di cittadini per quartiere", "Citizen groups per district"),
        G("B3.12", IndicatorShape.Distribution, "Il coordinamento dei gruppi di cittadini", "Coordination of the groups"),
        G("B3.13", IndicatorShape.Distribution, "Tematiche dei gruppi di cittadini", "Themes of the groups"),
        G("B3.14", IndicatorShape.Distribution, "Finalità dei gruppi di cittadini", "Purposes of the groups"),
        G("GC.MEET", IndicatorShape.Sum, "Incontri dei gruppi", "Meetings of the groups"),
        G("GC.MONTH", IndicatorShape.Sum, "Incontri registrati dei gruppi, mese per mese", "Recorded meetings of the groups, month by month"),
        G("GC.CIT", IndicatorShape.Sum, "Cittadini che partecipano ai gruppi", "Citizens taking part in the groups"),
        G("GC.ODT", IndicatorShape.Distinct, "Organizzazioni coinvolte nei gruppi", "Organisations in the groups"),
        G("GC.OPS", IndicatorShape.OfficeMeans, "Operatori per gruppo, per ufficio", "Staff per group, by office"),
        N("NET.ORG", IndicatorShape.Organisations, "Organizzazioni attive nell'anno", "Organisations active in the year"),
        N("NET.NODO", IndicatorShape.Nodes, "Figure nodo: organizzazioni attive in più quartieri o in più tipi di attività", "Bridging organisations: active in several districts or kinds of activity"),
        N("NET.FN", IndicatorShape.Sum, "Presenze delle organizzazioni per tipologia di risorsa", "Organisations' participations by resource"),
        N("NET.DENS", IndicatorShape.Density, "Densità della rete tra organizzazioni", "Density of the network of organisations"),
        N("NET.CONT", IndicatorShape.Continuity, "Organizzazioni attive anche l'anno prima", "Organisations also active the year before"),
        N("NET.PROFIT", IndicatorShape.Share, "Attività con almeno un'impresa o associazione di categoria", "Activities with at least one company or trade association"),
    ];

    public static readonly IReadOnlyDictionary<string, IndicatorDefinition> ByCode = All.ToDictionary(d => d.Code);

    /// <summary>
    /// A figure's label in the city's words: its districts (B3.07, B3.11 "per zona"), its finer zones (B3.04)
    /// and its social service (B3.05, PI.SST); the catalogue's own label otherwise.
    /// </summary>
    public static Territories.LocalizedText LabelFor(string code, Territories.Territory? city)
    {
        if (!ByCode.TryGetValue(code, out var d)) return new(code, code);
        if (city is null) return new(d.LabelIt, d.LabelEn);
        var term = city.DistrictTerm;
        var zones = Activities.FieldLabels.Of("zones", city);
        return code switch
        {
            "B3.07" => new($"Tavoli permanenti che coinvolgono la comunità per {term.It}", $"Permanent tables per {term.En}"),
            "B3.11" => new($"Gruppi di cittadini per {term.It}", $"Citizen groups per {term.En}"),
            "NET.NODO" => new($"Figure nodo: organizzazioni attive in più {term.ItPlural} o in più tipi di attività", $"Bridging organisations: active in several {term.EnPlural} or kinds of activity"),
            "B3.04" => new($"Progetti inclusivi che insistono su una o più {zones.It.ToLowerInvariant()}", $"Projects working in one or more {zones.En.ToLowerInvariant()}"),
            "B3.05" => new($"Beneficiari in carico al {city.SocialServiceName.It}", $"Beneficiaries in the care of the {city.SocialServiceName.En}"),
            "PI.SST" => new($"Funzioni del {city.SocialServiceName.It} nei progetti", $"Roles of the {city.SocialServiceName.En} in the projects"),
            _ => new(d.LabelIt, d.LabelEn),
        };
    }

    /// <summary>The "total" code of each kind, which also carries the excluded "+N".</summary>
    public static string TotalCode(ActivityKind kind) => kind switch
    {
        ActivityKind.Progetto => "PI.TOT",
        ActivityKind.Tavolo => "TP.TOT",
        _ => "GC.TOT",
    };

    /// <summary>The "total" code of a figure's kind; none for the network's figures, which count every kind.</summary>
    public static string? TotalCode(ActivityKind? kind) => kind is { } k ? TotalCode(k) : null;

    /// <summary>The office a single-office mean reads (TP.OPS.*).</summary>
    public static readonly IReadOnlyDictionary<string, string> MeanOffice = new Dictionary<string, string>
    {
        ["TP.OPS.SST"] = "sst", ["TP.OPS.SEST"] = "sest", ["TP.OPS.RETI"] = "reti",
    };
}
