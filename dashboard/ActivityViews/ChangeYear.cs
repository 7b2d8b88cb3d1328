using ActorWelfare.Activities;

namespace ActorWelfare.Dashboard.ActivityViews;

/// <summary>
/// From which year a change applies when the person did not say: the doors (API, pages) fill it in
/// before the grain sees the command, so a change never silently rewrites past years. A form's save
/// applies from the year it edits; any other dated change from the city's current open year: the current
/// year brought inside the activity's span, or the first open year after it when that one is closed.
/// Without an activity (a new one) nothing is filled in: it has no past.
/// </summary>
public static class ChangeYear
{
    public static ActivityCommand WithDefault(ActivityCommand command, ActivityRecord current, int currentYear, IReadOnlySet<int>? closedYears = null)
    {
        if (!current.Exists) return command;
        var year = DefaultYear(current.Profile, currentYear, closedYears ?? new HashSet<int>());
        return command switch
        {
            SaveActivity { FromYear: null } s => s with { FromYear = s.Year },
            EditProfile { FromYear: null, UntilYear: null } e => e with { FromYear = Math.Max(e.Profile?.StartYear ?? year, Math.Min(year, e.Profile?.EndYear ?? int.MaxValue)) },
            AddOrganisation { FromYear: null } a => a with { FromYear = year },
            RemoveOrganisation { FromYear: null } r => r with { FromYear = year },
            ChangeStatus { FromYear: null } c => c with { FromYear = year },
            MoveToQuartieri { FromYear: null } m => m with { FromYear = year },
            _ => command,
        };
    }

    /// <summary>
    /// The year a change applies from when nobody said: the current year inside the activity's span, or the
    /// first open year after it in the span (a closed year never changes); the clamped year when every
    /// later year of the span is closed (the grain then refuses naming it).
    /// </summary>
    public static int DefaultYear(ActivityProfile p, int currentYear, IReadOnlySet<int> closedYears)
    {
        var year = Math.Max(p.StartYear, Math.Min(currentYear, p.EndYear ?? int.MaxValue));
        for (var y = year; y <= (p.EndYear ?? year + closedYears.Count + 1); y++)
            if (!closedYears.Contains(y)) return y;
        return year;
    }

    /// <summary>The years <see cref="DefaultYear"/> needs to know about: from the current year to the end of the span.</summary>
    public static IEnumerable<int> YearsToAsk(ActivityProfile p, int currentYear)
    {
        var year = Math.Max(p.StartYear, Math.Min(currentYear, p.EndYear ?? int.MaxValue));
        return Enumerable.Range(year, Math.Max(1, Math.Min((p.EndYear ?? year + 5) - year + 1, 50)));
    }

    /// <summary>The year a dated command applies from, or null for one that is not dated.</summary>
    public static int? Of(ActivityCommand command) => command switch
    {
        SaveActivity s => s.FromYear,
        EditProfile e => e.FromYear,
        AddOrganisation a => a.FromYear,
        RemoveOrganisation r => r.FromYear,
        ChangeStatus c => c.FromYear,
        MoveToQuartieri m => m.FromYear,
        _ => null,
    };
}
