using ActorWelfare.Activities;

namespace ActorWelfare.Domain;

/// <summary>
/// Where an activity's meetings are kept: in the year of their date, in date and time order, each with an id
/// unique across all the activity's years ("m1", "m2"…, never one of another year), so a meeting moved to
/// another year by a new date is the same meeting, and no other.
/// </summary>
internal static class MeetingEvents
{
    /// <summary>The year that holds the meeting of this id, or null.</summary>
    public static int? YearOf(ActivityRecord record, string id)
    {
        foreach (var (year, figures) in record.Years)
            if (figures.Events?.Any(e => e.Id == id) == true) return year;
        return null;
    }

    /// <summary>The ids of the activity's meetings, but those of <paramref name="exceptYear"/>.</summary>
    public static HashSet<string> Ids(ActivityRecord record, int? exceptYear = null) =>
        [.. record.Years.Where(y => y.Key != exceptYear).SelectMany(y => y.Value.Events ?? []).Select(e => e.Id)];

    /// <summary>Given ids that are another year's meetings: a file cannot give two meetings one id.</summary>
    public static IEnumerable<string> TakenElsewhere(ActivityRecord record, int year, IReadOnlyList<MeetingEvent?>? events)
    {
        var elsewhere = Ids(record, exceptYear: year);
        return (events ?? []).Select(e => e?.Id).OfType<string>().Where(elsewhere.Contains).Distinct();
    }

    /// <summary>The record with one meeting recorded: a new one gets a free id; one with its id replaces it, in the year of its (new) date.</summary>
    public static ActivityRecord Recorded(ActivityRecord current, MeetingEvent meeting, Func<ActivityRecord, int, Func<YearFigures, YearFigures>, ActivityRecord> withYear)
    {
        var id = string.IsNullOrEmpty(meeting.Id) ? FreeId(Ids(current)) : meeting.Id;
        var record = YearOf(current, id) is { } from && from != meeting.Date.Year
            ? withYear(current, from, f => f with { Events = [.. (f.Events ?? []).Where(e => e.Id != id)] })
            : current;
        return withYear(record, meeting.Date.Year, f => f with { Events = Ordered((f.Events ?? []).Where(e => e.Id != id).Append(meeting with { Id = id })) });
    }

    /// <summary>A year's meetings given all at once (a form of the year, an import): those without an id get free ones, in date order.</summary>
    public static IReadOnlyList<MeetingEvent>? Numbered(ActivityRecord current, int year, IReadOnlyList<MeetingEvent>? events)
    {
        if (events is null) return null;
        var taken = Ids(current, exceptYear: year);
        taken.UnionWith(events.Select(e => e.Id).Where(id => !string.IsNullOrEmpty(id)));
        var numbered = events.Where(e => !string.IsNullOrEmpty(e.Id)).ToList();
        foreach (var e in events.Where(e => string.IsNullOrEmpty(e.Id)).OrderBy(e => e.Date).ThenBy(e => e.Start))
        {
            var id = FreeId(taken);
            taken.Add(id);
            numbered.Add(e with { Id = id });
        }
        return Ordered(numbered);
    }

    /// <summary>"m" and one more than the highest number in use: a removed meeting's id is not given again while later ones remain.</summary>
    private static string FreeId(IReadOnlySet<string> taken)
    {
        var highest = taken.Select(id => id.Length > 1 && id[0] == 'm' && int.TryParse(id.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
        return $"m{highest + 1}";
    }

    private static IReadOnlyList<MeetingEvent> Ordered(IEnumerable<MeetingEvent> events) =>
        [.. events.OrderBy(e => e.Date).ThenBy(e => e.Start).ThenBy(e => e.Id, StringComparer.Ordinal)];
}
