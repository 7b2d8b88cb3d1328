using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Alerts;

namespace ActorWelfare.Domain;

/// <summary>
/// The alert rules applied to one activity on one day (pure: the alerts grain calls it for each change and for the
/// whole city each day). What it reads: the activity's meetings, span, status and yearly figures.
/// </summary>
public static class AlertEvaluation
{
    /// <summary>The figures an outlier is looked for in, with how each is read from a year.</summary>
    public static readonly IReadOnlyList<(string Field, Func<YearFigures, int?> Read)> OutlierFields =
    [
        ("meetings", MeetingFigures.Meetings),
        ("beneficiaries", f => f.Beneficiaries),
        ("volunteers", f => f.Volunteers),
        ("organisationOperators", f => f.OrganisationOperators),
        ("citizens", f => f.Citizens),
    ];

    /// <summary>How many earlier years an outlier is compared with (their average).</summary>
    public const int OutlierYearsBack = 3;

    /// <summary>Every alert of the activities on <paramref name="today"/>, activity by activity.</summary>
    public static IReadOnlyList<Alert> ForCity(IEnumerable<ActivityRecord> records, DateOnly today, AlertRules rules) =>
        [.. records.SelectMany(r => For(r, today, rules))];

    /// <summary>The activity's alerts on <paramref name="today"/> (none for a deleted activity).</summary>
    public static IReadOnlyList<Alert> For(ActivityRecord record, DateOnly today, AlertRules rules)
    {
        if (!InScope(record, today)) return [];
        var alerts = new List<Alert>();
        if (NoMeeting(record, today, rules) is { } quiet) alerts.Add(quiet);
        if (EndedStillActive(record, today, rules) is { } ended) alerts.Add(ended);
        if (MissingFigures(record, today, rules) is { } missing) alerts.Add(missing);
        alerts.AddRange(Outliers(record, today.Year - 1, today, rules));
        alerts.AddRange(Outliers(record, today.Year, today, rules));
        return alerts;
    }

    /// <summary>
    /// A tavolo or gruppo of this year whose last known meeting is at least N days ago: its last recorded meeting up
    /// to today; after a year that reported only a total (it met, nobody knows when), the new year after it; with
    /// neither, its first year's new year. A year under way that reports only a total raises nothing.
    /// </summary>
    private static Alert? NoMeeting(ActivityRecord r, DateOnly today, AlertRules rules)
    {
        var year = today.Year;
        if (r.Kind == ActivityKind.Progetto || !r.IsActiveIn(year) || IsEnded(r.ProfileFor(year).Status, rules)) return null;
        var figures = r.FiguresFor(year);
        if (figures.Meetings is not null && !MeetingFigures.FromEvents(figures)) return null;
        var lastEvent = r.Years.Values.SelectMany(f => f.Events ?? []).Select(e => e.Date).Where(d => d <= today).DefaultIfEmpty().Max();
        var lastTotal = r.Years.Where(y => y.Key < year && y.Value.Meetings is not null && !MeetingFigures.FromEvents(y.Value)).Select(y => y.Key + 1).DefaultIfEmpty().Max();
        var since = new[] { lastEvent, new DateOnly(Math.Max(r.Profile.StartYear, Math.Max(lastTotal, 1)), 1, 1) }.Max();
        var days = today.DayNumber - since.DayNumber;
        if (days < rules.NoMeetingDays) return null;
        return New(r, AlertRule.NoMeeting, year, $"{Day(since)}") with { Since = since, Days = days };
    }

    /// <summary>An activity past its last year whose status still is not an ended one.</summary>
    private static Alert? EndedStillActive(ActivityRecord r, DateOnly today, AlertRules rules)
    {
        if (r.Profile.EndYear is not { } end || end >= today.Year || IsEnded(r.Profile.Status, rules)) return null; // InScope: end is last year
        return New(r, AlertRule.EndedStillActive, end, $"{end}:{r.Profile.Status}") with { Since = new DateOnly(end, 12, 31), Status = r.Profile.Status };
    }

    /// <summary>An activity of this year with nothing reported for it once the year is N days old.</summary>
    private static Alert? MissingFigures(ActivityRecord r, DateOnly today, AlertRules rules)
    {
        var year = today.Year;
        if (!r.IsActiveIn(year) || today.DayOfYear <= rules.MissingFiguresAfterDays) return null;
        return ActivityRules.IsEmpty(r.FiguresFor(year)) ? New(r, AlertRule.MissingFigures, year, $"{year}") : null;
    }

    /// <summary>
    /// Figures of <paramref name="year"/> far from the average of the activity's previous years that report them: a
    /// rise at any time; a fall only once the year is over (a year under way has not counted everything yet).
    /// </summary>
    private static IEnumerable<Alert> Outliers(ActivityRecord r, int year, DateOnly today, AlertRules rules)
    {
        if (!r.IsActiveIn(year) || !r.Years.TryGetValue(year, out var figures)) yield break;
        foreach (var (field, read) in OutlierFields)
        {
            if (read(figures) is not { } value) continue;
            var earlier = Enumerable.Range(year - OutlierYearsBack, OutlierYearsBack)
                .Where(y => r.IsActiveIn(y) && r.Years.ContainsKey(y)).Select(y => read(r.Years[y])).OfType<int>().ToList();
            if (earlier.Count == 0) continue;
            var usual = earlier.Average();
            var rise = value >= rules.OutlierMinimum && value >= rules.OutlierFactor * usual;
            var fall = year < today.Year && usual > 0 && usual >= rules.OutlierMinimum && value * rules.OutlierFactor <= usual;
            if (rise || fall)
                yield return New(r, AlertRule.Outlier, year, $"{year}:{field}:{value}") with { Field = field, Value = value, Usual = Math.Round(usual, 1) };
        }
    }

    /// <summary>
    /// The activities the rules look at on a day: those of this year or last year (an ended project is flagged in the
    /// year after its last). The daily evaluation and each change's use the same, so an alert does not come and go.
    /// </summary>
    public static bool InScope(ActivityRecord r, DateOnly today) =>
        r.Exists && r.Profile.StartYear <= today.Year && (r.Profile.EndYear is null || r.Profile.EndYear >= today.Year - 1);

    /// <summary>Whether an answer still holds on the day: an acknowledgement always, a snooze until its day.</summary>
    public static bool Holds(AlertAnswer? answer, DateOnly today) =>
        answer is not null && (answer.Answer == AlertAnswer.Acknowledged || answer.Until > today);

    public static bool IsEnded(string status, AlertRules rules) => rules.EndedStatuses.Contains(status, StringComparer.Ordinal);

    private static Alert New(ActivityRecord r, string rule, int year, string cause)
    {
        var profile = r.ProfileFor(year);
        var key = $"{Keys.GrainKeys.KindId(r.Kind)}/{r.Id}";
        return new Alert
        {
            Id = $"{rule}:{key}:{cause}",
            Rule = rule,
            Kind = r.Kind,
            ActivityId = r.Id,
            ActivityName = r.Profile.Name,
            // Whole-city activities are the whole city's operatori's to answer, as they are theirs to change.
            Quartieri = profile.CityWide || profile.Quartieri.Count == 0 ? [.. profile.Quartieri, ActivityRecord.WholeCity] : profile.Quartieri,
            Year = year,
        };
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
