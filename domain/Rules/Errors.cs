using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>
/// The domain's error messages, in Italian and English, each naming the field and the rule. A message
/// starts with the field's label (<see cref="FieldLabels"/>, in the city's words when the city is
/// given), never with its code: the code stays in <see cref="ValidationError.Field"/> for programs.
/// </summary>
public static class Errors
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT"), English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>An error of <paramref name="field"/> whose message is the label followed by the rule's words.</summary>
    public static ValidationError Of(string field, string rule, string it, string en, Territory? city = null)
    {
        var label = FieldLabels.Of(field, city);
        return new(field, rule, $"{label.It}: {it}", $"{label.En}: {en}");
    }

    public static ValidationError Required(string field, Territory? city = null) =>
        Of(field, "required", "campo obbligatorio.", "is required.", city);

    public static ValidationError TooLong(string field, int max) =>
        Of(field, "max-length", $"al massimo {N(max, Italian)} caratteri.", $"at most {N(max, English)} characters.");

    public static ValidationError ControlCharacters(string field) =>
        Of(field, "plain-text", "non può contenere caratteri di controllo.", "must not contain control characters.");

    public static ValidationError Markup(string field) =>
        Of(field, "no-markup", "non può contenere i segni < e > (un nome non è codice HTML).", "must not contain < or > (a name is not HTML markup).");

    public static ValidationError Negative(string field, Territory? city = null) =>
        Of(field, "non-negative", "non può essere negativo.", "must not be negative.", city);

    public static ValidationError TooLarge(string field, long max, Territory? city = null) =>
        Of(field, "max-value", $"al massimo {N(max, Italian)}.", $"at most {N(max, English)}.", city);

    public static ValidationError Unknown(string field, string? value, Territory? city = null) =>
        Of(field, "unknown-id", $"«{value}» non è tra i valori ammessi.", $"'{value}' is not an accepted value.", city);

    public static ValidationError Duplicate(string field, string value, Territory? city = null) =>
        Of(field, "duplicate", $"«{value}» è ripetuto.", $"'{value}' appears twice.", city);

    public static ValidationError NotApplicable(string field, ActivityKind kind, Territory? city = null) =>
        Of(field, "not-applicable", $"non si usa per un {Kind(kind)}.", $"does not apply to a {Kind(kind)}.", city);

    public static ValidationError InCaricoAboveTotal() =>
        Of("beneficiariesInCarico", "not-above-total", "i beneficiari in carico non possono superare i beneficiari totali.",
            "beneficiaries in care cannot exceed the total beneficiaries.");

    public static ValidationError YearOutsideSpan(string field, int year, int start, int? end) =>
        Of(field, "within-span", $"l'anno {year} è fuori dal periodo dell'attività ({start}–{(end?.ToString(CultureInfo.InvariantCulture) ?? "in corso")}).",
            $"year {year} is outside the activity's span ({start}–{(end?.ToString(CultureInfo.InvariantCulture) ?? "ongoing")}).");

    public static ValidationError YearRange(string field, int min, int max) =>
        Of(field, "year-range", $"deve essere un anno tra {min} e {max}.", $"must be a year between {min} and {max}.");

    public static ValidationError EndBeforeStart()
    {
        var start = FieldLabels.Of("startYear");
        return Of("endYear", "not-before-start", $"non può precedere il campo «{start.It}».", $"cannot be before the {start.En.ToLowerInvariant()}.");
    }

    public static ValidationError ZoneOutsideQuartieri(string zone, Territory? city = null, int? year = null)
    {
        var name = city?.FindZone(zone)?.Name ?? zone;
        var districts = FieldLabels.Of("quartieri", city);
        var (inIt, inEn) = year is { } y ? ($" nel {y}", $" in {y}") : ("", "");
        return Of("zones", "in-quartieri", $"la zona «{name}» non rientra nelle scelte del campo «{districts.It}»{inIt}.",
            $"zone '{name}' is not in any of the chosen {districts.En.ToLowerInvariant()}{inEn}.", city);
    }

    /// <summary>A quartiere chosen for a year it did not exist in (before its creation or after a reorganisation ended it).</summary>
    public static ValidationError QuartiereNotInYear(Quartiere quartiere, int year, Territory? city = null)
    {
        var (it, en) = (quartiere.From, quartiere.Until) switch
        {
            ({ } from, { } until) => ($"dal {from} al {until}", $"from {from} to {until}"),
            ({ } from, null) => ($"dal {from}", $"from {from}"),
            (null, { } until) => ($"fino al {until}", $"until {until}"),
            _ => ("", ""),
        };
        var becomes = quartiere.Becomes is { } next && city?.FindQuartiere(next) is { } successor
            ? ($"; poi «{successor.Name}»", $"; then '{successor.Name}'") : ("", "");
        return Of("quartieri", "existed-that-year", $"«{quartiere.Name}» non esisteva nel {year} (anni: {it}{becomes.Item1}).",
            $"'{quartiere.Name}' did not exist in {year} (years: {en}{becomes.Item2}).", city);
    }

    public static ValidationError UnknownOrganisation(string id) =>
        Of("organisations.organisationId", "registered", $"l'organizzazione «{id}» non è nel registro della città.",
            $"organisation '{id}' is not in the city's registry.");

    public static ValidationError MergeIntoItself() =>
        Of("into", "not-itself", "un'organizzazione non si unisce a sé stessa: scegli l'altra organizzazione.",
            "an organisation is not merged into itself: choose the other organisation.");

    public static ValidationError MergedOrganisation(string field, string id, string into) =>
        Of(field, "merged", $"l'organizzazione «{id}» è stata unita a «{into}»: indica «{into}».",
            $"organisation '{id}' was merged into '{into}': name '{into}' instead.");

    public static ValidationError Conflict(long expected, long actual) =>
        Of("version", "current-version", $"l'attività è stata modificata da qualcun altro (versione {actual}, attesa {expected}). Ricarica e riprova.",
            $"someone else changed the activity first (version {actual}, expected {expected}). Reload and try again.");

    public static ValidationError NotAssigned(string quartiere, Territory? city = null)
    {
        if (quartiere == ActivityRecord.WholeCity)
            return Of("quartieri", "assigned", "non puoi modificare le attività di tutta la città: non hai l'assegnazione «tutta la città».",
                "you cannot change activities of the whole city: the whole city is not assigned to you.", city);
        var name = city?.FindQuartiere(quartiere)?.Name ?? quartiere;
        return Of("quartieri", "assigned", $"non puoi modificare le attività di «{name}»: non è tra le tue assegnazioni.",
            $"you cannot change activities of '{name}': it is not assigned to you.", city);
    }

    public static ValidationError NotAWriter() =>
        Of("role", "operatore", "solo gli operatori modificano le attività, dove sono assegnati.",
            "only operators change activities, where they are assigned.");

    public static ValidationError YearClosed(int year, string field = "year") =>
        Of(field, "closed", $"il {year} è chiuso: i suoi dati non si modificano più (solo un amministratore può riaprirlo).",
            $"{year} is closed: its figures can no longer change (only an administrator can reopen it).");

    public static ValidationError YearAlreadyOpen(int year) =>
        Of("year", "open", $"il {year} è già aperto.", $"{year} is already open.");

    public static ValidationError NotAnAnalyst(string city) =>
        Of("role", "analista", $"solo gli analisti di {city} chiudono i suoi anni e ne fanno le istantanee.", $"only analysts of {city} close its years and take their snapshots.");

    public static ValidationError NotAnAnalystForWords(string city) =>
        Of("role", "analista", $"solo gli analisti di {city} scrivono i commenti del suo rapporto.", $"only analysts of {city} write the commentary of its report.");

    public static ValidationError NotADirector(string city) =>
        Of("role", "direttore", $"solo i direttori di {city} commentano le sue cifre.", $"only directors of {city} comment on its figures.");

    public static ValidationError NotAnAdministrator(string city) =>
        Of("role", "amministratore", $"solo un amministratore di {city} riapre un suo anno chiuso.", $"only an administrator of {city} reopens one of its closed years.");

    /// <summary>A signed-in person with no role in the city of the records asked for.</summary>
    public static ValidationError NotInCity(string city) =>
        Of("city", "role-in-city", $"non hai un ruolo per {city}: chiedi a un amministratore.", $"you hold no role in {city}: ask an administrator.");

    public static ValidationError SignInRequired() =>
        Of("caller", "signed-in", "per vedere le attività occorre accedere.", "sign in to see activities.");

    public static ValidationError NotFound() =>
        Of("id", "exists", "attività inesistente o eliminata.", "no such activity, or it was deleted.");

    public static ValidationError AlreadyExists() =>
        Of("id", "new", "esiste già un'attività con questo identificativo.", "an activity with this id already exists.");

    private static string N(long value, CultureInfo culture) => value.ToString("N0", culture);

    private static string Kind(ActivityKind kind) => kind switch
    {
        ActivityKind.Progetto => "progetto",
        ActivityKind.Tavolo => "tavolo",
        _ => "gruppo",
    };
}
