using ActorWelfare.Activities;

namespace ActorWelfare.Domain;

/// <summary>The domain's error messages, in Italian and English, each naming the field and the rule.</summary>
public static class Errors
{
    public static ValidationError Required(string field) =>
        new(field, "required", $"{field}: campo obbligatorio.", $"{field}: is required.");

    public static ValidationError TooLong(string field, int max) =>
        new(field, "max-length", $"{field}: al massimo {max} caratteri.", $"{field}: at most {max} characters.");

    public static ValidationError ControlCharacters(string field) =>
        new(field, "plain-text", $"{field}: non può contenere caratteri di controllo.", $"{field}: must not contain control characters.");

    public static ValidationError Negative(string field) =>
        new(field, "non-negative", $"{field}: non può essere negativo.", $"{field}: must not be negative.");

    public static ValidationError TooLarge(string field, long max) =>
        new(field, "max-value", $"{field}: al massimo {max}.", $"{field}: at most {max}.");

    public static ValidationError Unknown(string field, string? value, string taxonomy) =>
        new(field, "unknown-id", $"{field}: «{value}» non è un valore di {taxonomy} per questa città.",
            $"{field}: '{value}' is not a value of {taxonomy} for this city.");

    public static ValidationError Duplicate(string field, string value) =>
        new(field, "duplicate", $"{field}: «{value}» è ripetuto.", $"{field}: '{value}' appears twice.");

    public static ValidationError NotApplicable(string field, ActivityKind kind) =>
        new(field, "not-applicable", $"{field}: non si usa per un {Kind(kind)}.", $"{field}: does not apply to a {Kind(kind)}.");

    public static ValidationError InCaricoAboveTotal() =>
        new("beneficiariesInCarico", "not-above-total",
            "beneficiariesInCarico: i beneficiari in carico non possono superare i beneficiari totali.",
            "beneficiariesInCarico: beneficiaries in care cannot exceed the total beneficiaries.");

    public static ValidationError YearOutsideSpan(string field, int year, int start, int? end) =>
        new(field, "within-span",
            $"{field}: l'anno {year} è fuori dal periodo dell'attività ({start}–{(end?.ToString() ?? "in corso")}).",
            $"{field}: year {year} is outside the activity's span ({start}–{(end?.ToString() ?? "ongoing")}).");

    public static ValidationError YearRange(string field, int min, int max) =>
        new(field, "year-range", $"{field}: deve essere un anno tra {min} e {max}.", $"{field}: must be a year between {min} and {max}.");

    public static ValidationError EndBeforeStart() =>
        new("endYear", "not-before-start", "endYear: non può precedere startYear.", "endYear: cannot be before startYear.");

    public static ValidationError ZoneOutsideQuartieri(string zone) =>
        new("zones", "in-quartieri", $"zones: la zona «{zone}» non appartiene ai quartieri dell'attività.",
            $"zones: zone '{zone}' is not in the activity's quartieri.");

    public static ValidationError UnknownOrganisation(string id) =>
        new("organisations.organisationId", "registered",
            $"organisations.organisationId: l'organizzazione «{id}» non è nel registro della città.",
            $"organisations.organisationId: organisation '{id}' is not in the city's registry.");

    public static ValidationError Conflict(long expected, long actual) =>
        new("version", "current-version",
            $"version: l'attività è stata modificata da qualcun altro (versione {actual}, attesa {expected}). Ricarica e riprova.",
            $"version: someone else changed the activity first (version {actual}, expected {expected}). Reload and try again.");

    public static ValidationError NotAssigned(string quartiere) =>
        new("quartieri", "assigned",
            $"quartieri: non puoi modificare le attività del quartiere «{quartiere}»: non ti è assegnato.",
            $"quartieri: you cannot change activities of quartiere '{quartiere}': it is not assigned to you.");

    public static ValidationError NotAWriter() =>
        new("role", "operatore", "role: solo gli operatori modificano le attività, nei quartieri loro assegnati.",
            "role: only operators change activities, in the quartieri assigned to them.");

    public static ValidationError YearClosed(int year) =>
        new("year", "closed", $"year: il {year} è chiuso: i suoi dati non si modificano più (solo un amministratore può riaprirlo).",
            $"year: {year} is closed: its figures can no longer change (only an administrator can reopen it).");

    public static ValidationError NotAnAnalyst() =>
        new("role", "analista", "role: solo gli analisti chiudono gli anni e ne fanno le istantanee.", "role: only analysts close years and take their snapshots.");

    public static ValidationError NotAnAdministrator() =>
        new("role", "amministratore", "role: solo un amministratore riapre un anno chiuso.", "role: only an administrator reopens a closed year.");

    public static ValidationError SignInRequired() =>
        new("caller", "signed-in", "caller: per vedere le attività occorre accedere.", "caller: sign in to see activities.");

    public static ValidationError NotFound() =>
        new("id", "exists", "id: attività inesistente o eliminata.", "id: no such activity, or it was deleted.");

    public static ValidationError AlreadyExists() =>
        new("id", "new", "id: esiste già un'attività con questo identificativo.", "id: an activity with this id already exists.");

    private static string Kind(ActivityKind kind) => kind switch
    {
        ActivityKind.Progetto => "progetto",
        ActivityKind.Tavolo => "tavolo",
        _ => "gruppo",
    };
}
