using ActorWelfare.Territories;

namespace ActorWelfare.Activities;

/// <summary>
/// What people read for each field code: the one place for the labels of activity, organisation, year
/// and API fields. Programs keep the code (<see cref="ValidationError.Field"/>, the problem's
/// <c>field</c>); messages, forms and history start with the label. A city's district field takes the
/// city's own term (Bologna: Quartieri, Crema: Zone) and a per-office count the office's name.
/// </summary>
public static class FieldLabels
{
    private const string OperatorsPrefix = "operators.";

    private static readonly Dictionary<string, LocalizedText> Labels = new(StringComparer.Ordinal)
    {
        // An activity's profile.
        ["profile"] = new("Profilo", "Profile"),
        ["name"] = new("Nome", "Name"),
        ["description"] = new("Descrizione", "Description"),
        ["quartieri"] = new("Quartieri", "Districts"),
        ["quartiere"] = new("Quartiere", "District"),
        ["zones"] = new("Zone", "Zones"),
        ["cityWide"] = new("Attività di tutta la città (conta nella città una volta e solo nei distretti indicati)", "Activity of the whole city (counts once in the city, and only in the districts listed)"),
        ["startYear"] = new("Anno di inizio", "First year"),
        ["endYear"] = new("Anno di fine", "Last year"),
        ["status"] = new("Stato", "Status"),
        ["promoterLevel"] = new("Livello del promotore", "Promoter level"),
        ["fromPdzLab"] = new("Nato dai laboratori dei Piani di Zona", "Born in the Piani di Zona workshops"),
        ["needArea"] = new("Area di bisogno", "Need area"),
        ["reach"] = new("Raggio di azione", "Reach"),
        ["promoterRoles"] = new("Ruoli dei promotori", "Promoters' roles"),
        ["activities"] = new("Attività svolte", "Activities"),
        ["target"] = new("Target prevalente", "Main target"),
        ["accessMode"] = new("Modalità di accesso", "Access"),
        ["sstFunctions"] = new("Funzioni del servizio sociale", "Functions of the social service"),
        ["coordination"] = new("Coordinamento", "Coordination"),
        ["themes"] = new("Tematiche", "Themes"),
        ["purposes"] = new("Finalità", "Purposes"),
        ["organisations"] = new("Organizzazioni", "Organisations"),
        ["organisations.organisationId"] = new("Organizzazione", "Organisation"),
        ["organisations.functions"] = new("Funzioni dell'organizzazione", "Functions of the organisation"),
        ["excludedFromAggregates"] = new("Escluso dalle elaborazioni aggregate", "Left out of the aggregates"),
        // A year's figures.
        ["year"] = new("Anno", "Year"),
        ["fromYear"] = new("Si applica dall'anno", "Applies from year"),
        ["untilYear"] = new("Si applica fino all'anno", "Applies until year"),
        ["byYear"] = new("Profilo di un anno", "Profile of a year"),
        ["years"] = new("Anni con dati", "Years with figures"),
        ["figures"] = new("Dati dell'anno", "Figures of the year"),
        ["count"] = new("Numero di incontri", "Number of meetings"),
        ["meetings"] = new("Incontri", "Meetings"),
        ["beneficiaries"] = new("Beneficiari", "Beneficiaries"),
        ["beneficiariesInCarico"] = new("Beneficiari in carico al servizio sociale", "Beneficiaries in the care of the social service"),
        ["volunteers"] = new("Volontari", "Volunteers"),
        ["organisationOperators"] = new("Operatori delle organizzazioni", "Organisations' staff"),
        ["citizens"] = new("Cittadini coinvolti", "Citizens involved"),
        ["commands"] = new("Modifiche inviate insieme", "Changes sent together"),
        ["operators"] = new("Operatori pubblici", "Public staff"),
        ["funders"] = new("Finanziatori", "Funders"),
        ["fundingClass"] = new("Classe di finanziamento", "Funding class"),
        // Meeting events (issue 19).
        ["events"] = new("Incontri registrati", "Recorded meetings"),
        ["events.id"] = new("Incontro", "Meeting"),
        ["events.date"] = new("Data dell'incontro", "Date of the meeting"),
        ["events.end"] = new("Ora di fine", "End time"),
        ["events.nextDate"] = new("Data del prossimo incontro", "Date of the next meeting"),
        ["events.citizens"] = new("Cittadini presenti", "Citizens present"),
        ["events.operators"] = new("Operatori pubblici presenti", "Public staff present"),
        ["events.place"] = new("Luogo dell'incontro", "Place of the meeting"),
        ["events.placeId"] = new("Luogo della città", "Place of the city"),
        ["events.organisations"] = new("Organizzazioni presenti", "Organisations present"),
        ["events.start"] = new("Ora di inizio", "Start time"),
        ["events.nextPlace"] = new("Luogo del prossimo incontro", "Place of the next meeting"),
        ["events.decisions"] = new("Decisioni", "Decisions"),
        // Alerts and their rules (issue 19).
        ["alerts"] = new("Regole degli avvisi", "Alert rules"),
        ["alerts.noMeetingDays"] = new("Giorni senza incontri prima dell'avviso", "Days without a meeting before an alert"),
        ["alerts.missingFiguresAfterDays"] = new("Giorni dall'inizio dell'anno senza dati prima dell'avviso", "Days into the year without figures before an alert"),
        ["alerts.outlierFactor"] = new("Scarto dalla media degli anni precedenti", "Distance from the previous years' average"),
        ["alerts.outlierMinimum"] = new("Valore minimo per uno scarto", "Smallest value for an outlier"),
        ["alerts.endedStatuses"] = new("Stati che indicano un'attività conclusa", "Statuses meaning an activity has ended"),
        ["alertId"] = new("Avviso", "Alert"),
        ["ready"] = new("Pronto per la chiusura", "Ready for closing"),
        ["topic"] = new("Che cosa ricevere", "What to receive"),
        ["answer"] = new("Risposta all'avviso", "Answer to the alert"),
        ["until"] = new("Rimanda fino al", "Snooze until"),
        // Records, people and years.
        ["id"] = new("Identificativo", "Id"),
        ["kind"] = new("Tipo di attività", "Kind of activity"),
        ["type"] = new("Tipo di organizzazione", "Organisation type"),
        ["version"] = new("Versione", "Version"),
        ["city"] = new("Città", "City"),
        ["role"] = new("Ruolo", "Role"),
        ["roles"] = new("Ruoli", "Roles"),
        ["caller"] = new("Accesso", "Sign-in"),
        ["email"] = new("E-mail", "E-mail"),
        ["language"] = new("Lingua", "Language"),
        ["password"] = new("Password", "Password"),
        ["days"] = new("Giorni di validità", "Days of validity"),
        ["reason"] = new("Motivo", "Reason"),
        // An organisation of the registry, and merging one into another.
        ["districts"] = new("Dove ha sede", "Where it is based"),
        ["into"] = new("Organizzazione in cui unirla", "Organisation to merge it into"),
        ["intoCity"] = new("Città dell'organizzazione in cui unirla", "City of the organisation to merge it into"),
        ["mergedInto"] = new("Unita a", "Merged into"),
        ["activity"] = new("Attività", "Activity"),
        ["section"] = new("Sezione del rapporto", "Report section"),
        ["commentary"] = new("Commento", "Commentary"),
        ["figure"] = new("Cifra", "Figure"),
        ["scope"] = new("Ambito", "Scope"),
        ["label"] = new("Etichetta dell'istantanea", "Snapshot label"),
        // What the API is sent.
        ["body"] = new("Corpo della richiesta", "Request body"),
        ["command"] = new("Comando", "Command"),
        ["format"] = new("Formato", "Format"),
        ["file"] = new("File", "File"),
        ["from"] = new("Dal", "From"),
        ["to"] = new("Al", "To"),
        ["rate"] = new("Frequenza delle richieste", "Request rate"),
        ["Authorization"] = new("Autorizzazione", "Authorization"),
        ["Content-Type"] = new("Tipo di contenuto", "Content type"),
        ["__RequestVerificationToken"] = new("Token del modulo", "Form token"),
        ["cluster"] = new("Cluster", "Cluster"),
        ["database"] = new("Database", "Database"),
    };

    /// <summary>Every field code with a fixed label (a per-office count is <c>operators.{office}</c>).</summary>
    public static IReadOnlyCollection<string> Codes => Labels.Keys;

    /// <summary>Whether the code has a label of its own rather than the code itself.</summary>
    public static bool IsKnown(string field) => Labels.ContainsKey(field) || field.StartsWith(OperatorsPrefix, StringComparison.Ordinal);

    /// <summary>The label of a field code, in the city's words when the city is known; the code itself for an unknown one.</summary>
    public static LocalizedText Of(string field, Territory? city = null)
    {
        if (city is not null && field == "quartieri") return Capitalised(city.DistrictTerm.Plural);
        if (city is not null && field == "quartiere") return Capitalised(city.DistrictTerm);
        // A city whose districts are themselves "zone" (Crema) names the finer areas otherwise, so two fields never share a label.
        if (city is not null && field == "zones" && string.Equals(city.DistrictTerm.Plural.It, Labels["zones"].It, StringComparison.OrdinalIgnoreCase))
            return new("Sottozone", "Sub-zones");
        if (field.StartsWith(OperatorsPrefix, StringComparison.Ordinal))
        {
            var id = field[OperatorsPrefix.Length..];
            var office = city?.Taxonomies.Offices.FirstOrDefault(o => o.Id == id);
            var staff = Labels["operators"];
            return new($"{staff.It} ({office?.It ?? id})", $"{staff.En} ({office?.En ?? id})");
        }
        return Labels.TryGetValue(field, out var label) ? label : new(field, field);
    }

    private static LocalizedText Capitalised(LocalizedText text) => new(Capitalised(text.It), Capitalised(text.En));

    private static string Capitalised(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
