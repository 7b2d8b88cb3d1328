using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>What a table's rows are: a taxonomy of the city, its districts, its finer zones, the items as they come (years), or the twelve months.</summary>
public enum RowSource { Terms, Districts, Zones, AsTheyCome, Months }

/// <summary>
/// One table of the report (drawn as a chart too): the breakdown of <see cref="Code"/>, or its breakdown
/// <see cref="Named"/>. <see cref="Key"/> tells two tables of one code apart (pages, exports, links).
/// </summary>
public sealed record OutlineTable(string Key, string Code, RowSource Source, Func<Territory, IReadOnlyList<Term>>? Terms = null,
    string? Named = null, Func<Territory, LocalizedText>? Title = null, bool Means = false, bool CityOnly = false)
{
    public int Decimals => Means ? 1 : 0;
}

/// <summary>A headline figure of a section; <see cref="Also"/> are the codes its sentence reads besides its own.</summary>
public sealed record OutlineHeadline(string Code, Func<Territory, LocalizedText> Label, string[] Also, Func<Territory, bool>? Shown = null);

/// <summary>A part of a section, as the monitoring report's numbered paragraphs ("2.1 Diffusione territoriale").</summary>
public sealed record OutlinePart(string Id, LocalizedText Title, IReadOnlyList<OutlineTable> Tables);

/// <summary>A section of the report: the figures of one kind of activity, or (<see cref="Kind"/> null) of the network of organisations across kinds.</summary>
public sealed record OutlineSection(string Id, ActivityKind? Kind, LocalizedText Title, LocalizedText Unit,
    IReadOnlyList<OutlineHeadline> Headlines, IReadOnlyList<OutlinePart> Parts);

/// <summary>
/// The one description of the report, in the order of the monitoring report (seed 000): for each kind of
/// activity its main figures, then its parts with their tables. The live overview, a district's page, the
/// report of a snapshot, its PDF, XLSX and CSV, and the comparison of two snapshots all follow it
/// (<see cref="ReportFigures"/> fills it with figures). Every code of the catalogue is in it.
/// </summary>
public static class ReportOutline
{
    private static OutlineHeadline H(string code, string it, string en, params string[] also) => new(code, _ => new(it, en), also);

    private static OutlineTable T(string code, Func<Taxonomies, IReadOnlyList<Term>> terms, bool means = false) =>
        new(code, code, RowSource.Terms, c => terms(c.Taxonomies), Means: means);

    private static OutlineTable Districts(string key, string code, Func<Territory, LocalizedText>? title = null) =>
        new(key, code, RowSource.Districts, Title: title, CityOnly: true);

    private static IReadOnlyList<Term> Types(Taxonomies tax) => [.. tax.OrganisationTypes.Select(t => new Term(t.Id, t.It, t.En))];

    private static IReadOnlyList<Term> Classes(Taxonomies tax) => [.. tax.BeneficiaryClasses.Select(c => new Term(c.Id, c.It, c.En))];

    private static LocalizedText SocialService(Territory city) => city.SocialServiceName;

    /// <summary>The rows of NET.ORG's "activities" breakdown.</summary>
    private static readonly IReadOnlyList<Term> ActivitiesPerOrganisation =
        [new("1", "in una sola attività", "in one activity"), new("2-o-piu", "in due o più attività", "in two or more activities")];

    /// <summary>The rows of NET.CONT: continuing for three years or more, for two, new this year, no longer active.</summary>
    private static readonly IReadOnlyList<Term> Continuity =
    [
        new("3-anni-o-piu", "attive da 3 anni o più", "active for 3 years or more"), new("2-anni", "attive da 2 anni", "active for 2 years"),
        new("nuove", "nuove nell'anno", "new this year"), new("perse", "attive l'anno prima, non più", "active the year before, no longer"),
    ];

    /// <summary>The months of a year, as rows of the month-by-month meetings (ids "01" to "12").</summary>
    public static readonly IReadOnlyList<Term> Months = [.. Enumerable.Range(1, 12).Select(m => new Term(
        ActorWelfare.Activities.MeetingFigures.MonthId(m),
        System.Globalization.CultureInfo.GetCultureInfo("it-IT").DateTimeFormat.GetMonthName(m),
        System.Globalization.CultureInfo.GetCultureInfo("en-GB").DateTimeFormat.GetMonthName(m)))];

    /// <summary>The three kinds of activity, as rows (NET.PROFIT's breakdown).</summary>
    public static readonly IReadOnlyList<Term> Kinds =
        [new("progetto", "Progetti inclusivi", "Inclusive projects"), new("tavolo", "Tavoli permanenti", "Permanent tables"), new("gruppo", "Gruppi di cittadini", "Citizen groups")];

    public static readonly IReadOnlyList<OutlineSection> Sections =
    [
        new("progetti", ActivityKind.Progetto, new("Progetti inclusivi", "Inclusive projects"), new("progetti", "projects"),
        [
            H("PI.TOT", "progetti inclusivi", "inclusive projects", "PI.NEW"),
            H("PI.ODT", "organizzazioni del territorio", "local organisations"),
            H("PI.VOL", "volontari", "volunteers"),
            H("PI.OPS", "operatori delle organizzazioni", "organisations' staff"),
            H("PI.BEN", "beneficiari", "beneficiaries"),
            new("B3.05", c => new($"in carico al {SocialService(c).It}", $"in the care of the {SocialService(c).En}"), []),
        ],
        [
            new("diffusione", new("Diffusione territoriale", "Where the projects are"),
            [
                new("PI.TOT", "PI.TOT", RowSource.Terms, c => c.Taxonomies.PromoterLevels, Title: _ => new("Progetti per livello del promotore", "Projects by promoter level")),
                Districts("B3.01", "B3.01"),
                T("B3.02", t => t.NeedAreas),
                T("B3.03", t => t.Reach),
                new("B3.04", "B3.04", RowSource.Zones),
                new("B3.04.zone-count", "B3.04", RowSource.AsTheyCome, Named: "zone-count", Title: c =>
                {
                    var zones = FieldLabels.Of("zones", c);
                    return new($"Progetti per numero di {zones.It.ToLowerInvariant()}", $"Projects by number of {zones.En.ToLowerInvariant()}");
                }),
            ]),
            new("governance", new("Governance: organizzazioni, servizio sociale, promotori", "Governance: organisations, social service, promoters"),
            [
                T("B3.06", Types),
                T("PI.PROM", t => t.PromoterRoles),
                T("PI.SST", t => t.SstFunctions),
                T("PI.ODTFN", t => t.OrganisationFunctions),
                T("PI.STAFF", t => t.Offices, means: true),
            ]),
            new("attivita", new("Dati di attività: beneficiari, target, accesso", "Activity: beneficiaries, target, access"),
            [
                Districts("PI.BEN.districts", "PI.BEN", c => new($"Beneficiari per {c.DistrictTerm.It}", $"Beneficiaries by {c.DistrictTerm.En}")),
                new("PI.BEN", "PI.BEN", RowSource.Terms, c => Classes(c.Taxonomies), Named: "classes", Title: _ => new("Progetti per numero di beneficiari", "Projects by number of beneficiaries")),
                new("B3.05", "B3.05", RowSource.Terms, c =>
                    [new("in-carico", $"in carico al {SocialService(c).It}", $"in the care of the {SocialService(c).En}"), new("totale", "beneficiari totali", "all beneficiaries")]),
                new("B3.05.classes", "B3.05", RowSource.Terms, c => Classes(c.Taxonomies), Named: "classes-in-carico", Title: c =>
                    new($"Progetti per numero di beneficiari in carico al {SocialService(c).It}", $"Projects by number of beneficiaries in the care of the {SocialService(c).En}")),
                T("PI.TARGET", t => t.Targets),
                T("PI.ACCESS", t => t.AccessModes),
                T("PI.ATT", t => t.Activities),
            ]),
            new("finanziamento", new("Dati di attività: finanziamento", "Activity: funding"),
            [
                T("PI.FUND", t => t.Funders),
                T("PI.FUNDSIZE", t => t.FundingClasses),
            ]),
        ]),
        new("tavoli", ActivityKind.Tavolo, new("Tavoli permanenti", "Permanent tables"), new("tavoli", "tables"),
        [
            H("TP.TOT", "tavoli permanenti", "permanent tables"),
            H("TP.MEET", "incontri dei tavoli", "meetings of the tables"),
            // A single office's mean where the city has that office; every office of every city is in the TP.OPS table.
            .. ActorWelfare.Indicators.IndicatorCatalogue.MeanOffice.Select(m => new OutlineHeadline(m.Key, c =>
            {
                var office = c.Taxonomies.Offices.First(o => o.Id == m.Value);
                return new($"operatori per tavolo, in media: {office.It}", $"staff per table, on average: {office.En}");
            }, [], c => c.Taxonomies.Offices.Has(m.Value))),
            H("TP.ODT", "organizzazioni presenti ai tavoli", "organisations at the tables"),
        ],
        [
            new("numero", new("Numero e anno di attivazione", "Number and year of activation"),
            [
                new("TP.TOT", "TP.TOT", RowSource.Terms, c => c.Taxonomies.Statuses, Title: _ => new("Tavoli per stato", "Tables by status")),
                Districts("B3.07", "B3.07"),
                new("TP.YEAR", "TP.YEAR", RowSource.AsTheyCome),
            ]),
            new("finalita", new("Finalità e tematiche", "Purposes and themes"),
            [
                T("B3.08", t => t.CoordinationKinds),
                T("B3.09", t => t.Themes),
                T("B3.10", t => t.Purposes),
            ]),
            new("funzionamento", new("Dati di funzionamento", "How they work"),
            [
                new("TP.MONTH", "TP.MONTH", RowSource.Months),
                T("TP.OPS", t => t.Offices, means: true),
            ]),
        ]),
        new("gruppi", ActivityKind.Gruppo, new("Gruppi di cittadini", "Citizen groups"), new("gruppi", "groups"),
        [
            H("GC.TOT", "gruppi di cittadini", "citizen groups"),
            H("GC.CIT", "cittadini partecipanti", "citizens taking part"),
            H("GC.MEET", "incontri dei gruppi", "meetings of the groups"),
            H("GC.ODT", "organizzazioni coinvolte", "organisations involved"),
        ],
        [
            new("numero", new("Numero", "Number"),
            [
                new("GC.TOT", "GC.TOT", RowSource.Terms, c => c.Taxonomies.Statuses, Title: _ => new("Gruppi per stato", "Groups by status")),
                Districts("B3.11", "B3.11"),
            ]),
            new("finalita", new("Finalità e tematiche", "Purposes and themes"),
            [
                T("B3.12", t => t.CoordinationKinds),
                T("B3.13", t => t.Themes),
                T("B3.14", t => t.Purposes),
            ]),
            new("funzionamento", new("Dati di funzionamento", "How they work"),
            [
                new("GC.MONTH", "GC.MONTH", RowSource.Months),
                T("GC.OPS", t => t.Offices, means: true),
            ]),
        ]),
        new("rete", null, new("La rete delle organizzazioni", "The network of organisations"), new("attività", "activities"),
        [
            H("NET.ORG", "organizzazioni attive nell'anno", "organisations active in the year"),
            new("NET.NODO", c => new("figure nodo", "bridging organisations"), []),
            H("NET.DENS", "densità della rete tra organizzazioni", "density of the network of organisations"),
            H("NET.CONT", "organizzazioni attive anche l'anno prima", "organisations also active the year before"),
            H("NET.FN", "presenze delle organizzazioni nelle attività", "organisations' participations in the activities"),
            H("NET.PROFIT", "attività con un'impresa o un'associazione di categoria", "activities with a company or trade association"),
        ],
        [
            new("organizzazioni", new("Chi partecipa", "Who takes part"),
            [
                new("NET.ORG", "NET.ORG", RowSource.Terms, c => c.Taxonomies.OrganisationGroups, Title: _ => new("Organizzazioni attive per gruppo", "Active organisations by group")),
                new("NET.ORG.activities", "NET.ORG", RowSource.Terms, _ => ActivitiesPerOrganisation, Named: "activities",
                    Title: _ => new("Organizzazioni per numero di attività", "Organisations by number of activities")),
                new("NET.NODO", "NET.NODO", RowSource.Terms, c => [new("districts", $"in più {c.DistrictTerm.ItPlural}", $"in several {c.DistrictTerm.EnPlural}"),
                    new("kinds", "in più tipi di attività", "in several kinds of activity")], Title: _ => new("Figure nodo: che cosa attraversano", "Bridging organisations: what they span")),
            ]),
            new("continuita", new("Da collaborazioni saltuarie a continuative", "From occasional to lasting collaborations"),
            [
                new("NET.CONT", "NET.CONT", RowSource.Terms, _ => Continuity, Title: _ =>
                    new("Organizzazioni per anni consecutivi di attività", "Organisations by consecutive years of activity")),
            ]),
            new("risorse", new("Le risorse che portano", "What they bring"),
            [
                new("NET.FN", "NET.FN", RowSource.Terms, c => c.Taxonomies.OrganisationFunctions, Title: _ =>
                    new("Presenze delle organizzazioni per tipologia di risorsa", "Organisations' participations by resource")),
                new("NET.PROFIT", "NET.PROFIT", RowSource.Terms, _ => Kinds, Title: _ =>
                    new("Attività con un'impresa o un'associazione di categoria, per tipo", "Activities with a company or trade association, by kind")),
            ]),
            new("legami", new("I legami tra organizzazioni", "The ties between organisations"),
            [
                new("NET.DENS", "NET.DENS", RowSource.Districts, Named: "density", CityOnly: true, Means: true, Title: c =>
                    new($"Densità della rete per {c.DistrictTerm.It} (%)", $"Density of the network by {c.DistrictTerm.En} (%)")),
                new("NET.DENS.largest", "NET.DENS", RowSource.Districts, Named: "largest", CityOnly: true, Title: c =>
                    new($"La parte connessa più grande per {c.DistrictTerm.It} (organizzazioni)", $"The largest connected part by {c.DistrictTerm.En} (organisations)")),
            ]),
        ]),
    ];

    /// <summary>The codes a city's pages offer: all but the single-office means of offices it does not have (Bologna's SEST in Crema).</summary>
    public static IEnumerable<string> CodesOf(Territory city) =>
        Codes.Where(c => !ActorWelfare.Indicators.IndicatorCatalogue.MeanOffice.TryGetValue(c, out var office) || city.Taxonomies.Offices.Has(office));

    /// <summary>Every code the description shows, in its order (a headline's own code, the codes its sentence reads, then its tables').</summary>
    public static IReadOnlyList<string> Codes { get; } =
        [.. Sections.SelectMany(s => s.Headlines.SelectMany(h => h.Also.Prepend(h.Code)).Concat(s.Parts.SelectMany(p => p.Tables.Select(t => t.Code)))).Distinct()];
}
