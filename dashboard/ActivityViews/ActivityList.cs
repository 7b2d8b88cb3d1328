using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.ActivityViews;

/// <summary>The columns a list of activities can be sorted by; their names are the <c>sort</c> value of the address.</summary>
public enum ActivitySort { Name, Kind, District, Start, Status }

/// <summary>One page of a longer list: the rows shown, the page (1-based, within range), the number of pages and of rows.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Rows, int Number, int Count, int Total);

/// <summary>Searching, sorting and paging lists of activities: the activities page and "my quartiere".</summary>
public static class ActivityList
{
    public const int PageSize = 25;

    /// <summary>The status a city gives to activities that ended (both shipped territories call it so).</summary>
    public const string ConcludedStatus = "concluso";

    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");
    private static readonly StringComparer NameOrder = StringComparer.Create(Italian, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace);

    /// <summary>Whether the name contains every word searched, ignoring case and accents ("citta" finds "Città").</summary>
    public static bool NameMatches(string name, string? search) =>
        string.IsNullOrWhiteSpace(search)
        || search.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(word => Italian.CompareInfo.IndexOf(name, word, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0);

    /// <summary>Ended: its status says so, or its last year is before the city's current year.</summary>
    public static bool IsConcluded(ActivityRecord r, int currentYear) =>
        r.Profile.Status == ConcludedStatus || r.Profile.EndYear < currentYear;

    public static ActivitySort ParseSort(string? value) =>
        Enum.TryParse<ActivitySort>(value, ignoreCase: true, out var sort) && Enum.IsDefined(sort) ? sort : ActivitySort.Name;

    public static string SortName(ActivitySort sort) => sort.ToString().ToLowerInvariant();

    /// <summary>Sorted by the column, then by name; statuses in the city's order (active, being set up, ended).</summary>
    public static IEnumerable<ActivityRecord> Sort(IEnumerable<ActivityRecord> records, ActivitySort sort, bool descending, Territory territory)
    {
        var statusOrder = territory.Taxonomies.Statuses.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var districtOrder = territory.Quartieri.Select((q, i) => (q.Id, i)).ToDictionary(x => x.Id, x => x.i);
        IOrderedEnumerable<ActivityRecord> sorted = sort switch
        {
            ActivitySort.Kind => Order(records, r => (int)r.Kind, descending),
            ActivitySort.District => Order(records, r => r.Profile.Quartieri.Count == 0 ? int.MaxValue : r.Profile.Quartieri.Min(q => districtOrder.GetValueOrDefault(q, int.MaxValue)), descending),
            ActivitySort.Start => Order(records, r => r.Profile.StartYear, descending),
            ActivitySort.Status => Order(records, r => statusOrder.GetValueOrDefault(r.Profile.Status, int.MaxValue), descending),
            _ => descending ? records.OrderByDescending(r => r.Profile.Name, NameOrder) : records.OrderBy(r => r.Profile.Name, NameOrder),
        };
        return sorted.ThenBy(r => r.Profile.Name, NameOrder).ThenBy(r => r.Id, StringComparer.Ordinal);
    }

    private static IOrderedEnumerable<ActivityRecord> Order(IEnumerable<ActivityRecord> records, Func<ActivityRecord, int> key, bool descending) =>
        descending ? records.OrderByDescending(key) : records.OrderBy(key);

    /// <summary>The rows of one page; a page past the end shows the last one, a page before the first the first.</summary>
    public static ListPage<T> Page<T>(IReadOnlyList<T> rows, int? page, int size = PageSize)
    {
        var count = Math.Max(1, (rows.Count + size - 1) / size);
        var number = Math.Clamp(page ?? 1, 1, count);
        return new([.. rows.Skip((number - 1) * size).Take(size)], number, count, rows.Count);
    }
}
