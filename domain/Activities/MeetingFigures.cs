namespace ActorWelfare.Activities;

/// <summary>
/// A year's meetings and operators as the indicators count them: from the meeting events where the year has
/// any, else the totals reported for the year (old data, imports of totals). The live aggregation and the
/// independent recomputation both read them here, so the two cannot disagree on which source counts.
/// </summary>
public static class MeetingFigures
{
    /// <summary>True when the year's meeting figures come from its events.</summary>
    public static bool FromEvents(YearFigures figures) => figures.Events is { Count: > 0 };

    /// <summary>How many meetings the year counts: its events, else the reported total (null: not reported).</summary>
    public static int? Meetings(YearFigures figures) => FromEvents(figures) ? figures.Events!.Count : figures.Meetings;

    /// <summary>
    /// The public operators involved, by office: from events, the most present at one meeting (at least that many
    /// took part; the same people usually come back); else the reported figures.
    /// </summary>
    public static IReadOnlyDictionary<string, int>? Operators(YearFigures figures)
    {
        if (!FromEvents(figures)) return figures.Operators;
        var most = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in figures.Events!)
            foreach (var (office, count) in e.Operators ?? new Dictionary<string, int>())
                most[office] = Math.Max(most.GetValueOrDefault(office), count);
        return most.Count == 0 ? figures.Operators : most;
    }

    /// <summary>The id of a month in the month-by-month figures (TP.MONTH, GC.MONTH): "01" to "12".</summary>
    public static string MonthId(int month) => month.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
}
