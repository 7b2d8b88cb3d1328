using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Cities;

/// <summary>
/// The one notion of "the year a city works in now": every default (the overview's year, quick
/// actions, new-activity forms, year pickers) comes from here, never from the calendar directly.
/// Configuration: <c>Cities:{city}:CurrentYear</c>, else <c>Dashboard:Year</c>, else the calendar year;
/// pickers start at <c>Dashboard:FirstYear</c> (2015 when unset).
/// </summary>
public sealed class CityCalendar(IConfiguration configuration, IReadOnlyDictionary<string, Territory> territories, TimeProvider clock)
{
    /// <summary>The city shown when the address names none: <c>Dashboard:City</c>, else the first territory file's.</summary>
    public string DefaultCity => configuration["Dashboard:City"] is { Length: > 0 } city ? city
        : territories.Keys.Order(StringComparer.Ordinal).FirstOrDefault() ?? "";

    /// <summary>The year the city's staff record their work in now (the demo's is 2019).</summary>
    public int CurrentYear(string city) =>
        // The same clock as DefaultDate's (on New Year's night both say the new year), and the silo's rule (its alerts).
        ActorWelfare.Alerts.CityDay.CurrentYear(key => configuration[key], city, clock.GetLocalNow());

    /// <summary>
    /// The date a form offers for something done in <paramref name="year"/> ("record a meeting"): today when the
    /// year is this one, else the same day of that year (a city working in 2019, as the demo does, gets 2019's).
    /// </summary>
    public DateOnly DefaultDate(int year) => ActorWelfare.Alerts.CityDay.Today(clock.GetLocalNow(), year);

    /// <summary>The first year a picker offers.</summary>
    public int FirstYear => configuration.GetValue("Dashboard:FirstYear", 2015);

    /// <summary>The years a picker offers, newest first: from <see cref="FirstYear"/> to the current year
    /// (and <paramref name="shown"/>, when a page shows a year outside that range).</summary>
    public IReadOnlyList<int> PickerYears(string city, int? shown = null)
    {
        var last = Math.Max(CurrentYear(city), shown ?? int.MinValue);
        var first = Math.Min(FirstYear, shown ?? int.MaxValue);
        return [.. Enumerable.Range(first, last - first + 1).Reverse()];
    }
}
