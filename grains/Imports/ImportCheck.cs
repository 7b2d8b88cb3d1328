using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Keys;
using ActorWelfare.Territories;

namespace ActorWelfare.Imports;

/// <summary>The commands that bring one activity to what the file says, and the version they start from.</summary>
public sealed record ImportStep(ImportedActivity Activity, long FromVersion, bool Exists, IReadOnlyList<ActivityCommand> Commands,
    ActivityRecord Current, ActivityRecord Final);

/// <summary>
/// A file checked: the steps to apply, every problem, and whether any problem is the caller's rights (a row of a
/// district not assigned to them): then the file is refused as forbidden, not as invalid.
/// </summary>
public sealed record ImportReview(IReadOnlyList<ImportStep> Steps, List<ImportProblem> Problems, bool RightsRefused)
{
    public void Deconstruct(out IReadOnlyList<ImportStep> steps, out List<ImportProblem> problems) => (steps, problems) = (Steps, Problems);
}

/// <summary>
/// Checks a whole file before anything is applied: every row with the domain's own rules, against
/// the activity as it is stored now, and against the caller's rights. Returns the steps to apply, or
/// every problem found.
/// </summary>
public static class ImportCheck
{
    public const int MaxActivities = 20_000;
    public const int MaxOrganisations = 5_000;

    /// <summary>What can be checked without the stored state: the city, ids, duplicates, organisations.</summary>
    public static List<ImportProblem> Static(ImportDocument document, Territory territory, IReadOnlyDictionary<string, string> registeredTypes)
    {
        var problems = new List<ImportProblem>();
        if (document.City.Length > 0 && document.City != territory.Id)
            problems.Add(new(0, null, "city", "same-city", $"city: il file è per «{document.City}», non per «{territory.Id}».",
                $"city: the file is for '{document.City}', not '{territory.Id}'."));
        if (document.Activities.Count > MaxActivities)
            problems.Add(new(0, null, "activities", "max", $"activities: al massimo {MaxActivities:N0} attività per file.", $"activities: at most {MaxActivities:N0} activities per file."));
        if (document.Organisations.Count > MaxOrganisations)
            problems.Add(new(0, null, "organisations", "max", $"organisations: al massimo {MaxOrganisations:N0} per file.", $"organisations: at most {MaxOrganisations:N0} per file."));

        var seenOrganisations = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Organisations.Count; i++)
        {
            var o = document.Organisations[i];
            var at = $"organisations[{i}]";
            if (o is null || !GrainKeys.IsValidId(o.Id)) problems.Add(Problem(0, o?.Id, $"{at}.id", "kebab-case", "non è un identificativo valido (minuscole, cifre e trattini)", "is not a valid id (lower-case letters, digits and dashes)"));
            else if (!seenOrganisations.Add(o.Id)) problems.Add(Problem(0, o.Id, $"{at}.id", "unique", $"«{o.Id}» compare due volte", $"'{o.Id}' appears twice"));
            else if (registeredTypes.TryGetValue(o.Id, out var type) && type != o.Type)
                problems.Add(Problem(0, o.Id, $"{at}.type", "immutable", $"«{o.Id}» è già registrata come «{type}»", $"'{o.Id}' is already registered as '{type}'"));
            if (o is not null && territory.Taxonomies.FindOrganisationType(o.Type) is null)
                problems.Add(Problem(0, o.Id, $"{at}.type", "organisationTypes", $"«{o.Type}» non è un tipo di organizzazione", $"'{o.Type}' is not an organisation type"));
            if (o is not null && string.IsNullOrWhiteSpace(o.Name)) problems.Add(Problem(0, o.Id, $"{at}.name", "required", "è obbligatorio", "is required"));
        }

        var first = new Dictionary<(ActivityKind, string), int>();
        foreach (var a in document.Activities)
        {
            if (!GrainKeys.IsValidId(a.Id)) problems.Add(Problem(a.Row, a.Id, "id", "kebab-case", $"«{a.Id}» non è un identificativo valido (minuscole, cifre e trattini)", $"'{a.Id}' is not a valid id (lower-case letters, digits and dashes)"));
            else if (!first.TryAdd((a.Kind, a.Id), a.Row))
                problems.Add(Problem(a.Row, a.Id, "id", "unique", $"«{a.Id}» compare già alla riga {first[(a.Kind, a.Id)]}", $"'{a.Id}' already appears at row {first[(a.Kind, a.Id)]}"));
        }
        return problems;
    }

    /// <summary>
    /// The activities the domain can check: ids that can address a grain, each once, in a file for this
    /// city and within the size limit (otherwise those problems are the answer: checking a file meant for
    /// another city against this one would only add noise).
    /// </summary>
    public static IReadOnlyList<ImportedActivity> Checkable(ImportDocument document, Territory territory)
    {
        if ((document.City.Length > 0 && document.City != territory.Id) || document.Activities.Count > MaxActivities) return [];
        var seen = new HashSet<(ActivityKind, string)>();
        return [.. document.Activities.Where(a => GrainKeys.IsValidId(a.Id) && seen.Add((a.Kind, a.Id)))];
    }

    /// <summary>
    /// The whole file checked against the stored records (<paramref name="stored"/> gives each checkable
    /// activity's record): the steps to apply, and every problem of every row (file-level ones included).
    /// </summary>
    public static ImportReview Review(ImportDocument document, Territory territory,
        IReadOnlyDictionary<string, string> registeredTypes, Func<ImportedActivity, ActivityRecord> stored, Caller? caller)
    {
        var rightsRefused = false;
        var problems = Static(document, territory, registeredTypes);
        var types = new Dictionary<string, string>(registeredTypes);
        foreach (var o in document.Organisations.Where(o => o is not null)) types.TryAdd(o.Id, o.Type);
        var steps = new List<ImportStep>();
        foreach (var activity in Checkable(document, territory))
            if (Plan(activity, stored(activity), territory, id => types.GetValueOrDefault(id), caller, problems, () => rightsRefused = true) is { } step) steps.Add(step);
        return new(steps, problems, rightsRefused);
    }

    /// <summary>
    /// The commands for one activity from its stored state, checked as the grain will check them (rules,
    /// then the caller's rights); problems go to <paramref name="problems"/>. A refused command does not
    /// stop the check: the next ones are checked against what the file says, so a row reports all its problems.
    /// </summary>
    public static ImportStep? Plan(ImportedActivity a, ActivityRecord current, Territory territory, Func<string, string?> typeOf,
        Caller? caller, List<ImportProblem> problems, Action? rightsRefused = null)
    {
        var commands = new List<ActivityCommand>();
        var state = current;
        var valid = true;
        bool Try(ActivityCommand command, string prefix, int row)
        {
            var errors = ActivityRules.Validate(state, command, state.Version, territory, typeOf).ToList();
            if (errors.Count == 0 && caller is not null && AccessRule.Refusal(caller, state, command, territory) is { } refusal)
            {
                errors.Add(refusal);
                rightsRefused?.Invoke();
            }
            problems.AddRange(errors.Select(e => ImportProblem.From(RowOfField(e.Field) ?? row, a.Id, AsFileYear(e) with { Field = prefix + AsFileYear(e).Field })));
            valid &= errors.Count == 0;
            if (errors.Count > 0) return false;
            var next = ActivityRules.Apply(state, command, typeOf);
            if (caller is not null && AccessRule.YearsRefusal(caller, state, next with { Version = state.Version + 1 }, territory) is { } notHers)
            {
                rightsRefused?.Invoke();
                problems.Add(ImportProblem.From(row, a.Id, notHers with { Field = prefix + notHers.Field }));
                valid = false;
                return false;
            }
            if (Same(next, state)) return true;
            commands.Add(command);
            state = next with { Version = state.Version + 1 };
            return true;
        }

        // An error of one year's profile ("byYear.2015.themes") is on that year's row.
        int? RowOfField(string field) =>
            field.StartsWith("byYear.", StringComparison.Ordinal) && int.TryParse(field.Split('.')[1], out var y) ? a.RowOf(y) : null;

        // A file's profile applies to the years the file speaks for (a new activity: to its whole span,
        // the last year's profile after the file's years); a file without years rewrites the whole span.
        var years = a.FileYears;
        if (!current.Exists)
        {
            var latest = years.Count == 0 ? a.Profile : a.ProfileOf(years[^1]);
            var byYear = years.Where(y => !ReferenceEquals(a.ProfileOf(y), latest)).ToDictionary(y => y, a.ProfileOf);
            if (!Try(new RegisterActivity(latest, byYear.Count == 0 ? null : byYear), "", a.Row))
                state = state with { Profile = latest, Deleted = false, Version = state.Version + 1 }; // the years are checked against the file's profile
        }
        else if (years.Count == 0) Try(new EditProfile(a.Profile), "", a.Row);
        else
            foreach (var year in years)
                if (!Try(new EditProfile(a.ProfileOf(year), year, year), a.ProfileByYear?.ContainsKey(year) == true ? $"profileByYear.{year}." : "", a.RowOf(year)))
                {
                    state = Domain.DatedProfile.ForEveryYear(state, a.ProfileOf(years[^1])) with { Version = state.Version + 1 };
                    break;
                }
        foreach (var (year, figures) in a.Years.OrderBy(y => y.Key))
            Try(new UpdateYearFigures(year, figures), $"years.{year}.", a.RowOf(year));
        return valid ? new ImportStep(a, current.Version, current.Exists, commands, current, state) : null;
    }

    /// <summary>
    /// The import applies each year of a file from that year to that year: a problem of the command's
    /// "fromYear" or "untilYear" is one of the file's year (its CSV column, its JSON key), and says so.
    /// </summary>
    private static ValidationError AsFileYear(ValidationError e)
    {
        if (e.Field is not ("fromYear" or "untilYear")) return e;
        static string Rest(string message) => message[(message.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        return Errors.Of("year", e.Rule, Rest(e.MessageIt), Rest(e.MessageEn));
    }

    private static bool Same(ActivityRecord a, ActivityRecord b) =>
        Storage.ActivityJson.Write(a with { Version = 0 }) == Storage.ActivityJson.Write(b with { Version = 0 });

    private static ImportProblem Problem(int row, string? id, string field, string rule, string it, string en) =>
        new(row, id, field, rule, $"{field}: {it}.", $"{field}: {en}.");
}
