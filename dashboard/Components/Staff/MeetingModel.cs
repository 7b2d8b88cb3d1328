using System.Globalization;
using ActorWelfare.Activities;

namespace ActorWelfare.Dashboard.Components.Staff;

/// <summary>The editable form of one meeting; the grain checks it again (dates in the year and span, times, counts, places).</summary>
public sealed class MeetingModel
{
    /// <summary>Empty for a new meeting (the grain gives it its id).</summary>
    public string Id { get; set; } = "";
    public DateOnly? Date { get; set; }
    public TimeOnly? Start { get; set; }
    public TimeOnly? End { get; set; }
    public string? PlaceId { get; set; }
    public string? Place { get; set; }
    public HashSet<string> Organisations { get; set; } = [];
    public Dictionary<string, int?> Operators { get; set; } = [];
    public int? Citizens { get; set; }
    public string? Decisions { get; set; }
    public DateOnly? NextDate { get; set; }
    public string? NextPlace { get; set; }
    /// <summary>Fields whose text is not a whole number, a date or a time; the form refuses to save while there are any.</summary>
    public HashSet<string> Unparsed { get; } = [];

    public static MeetingModel New(DateOnly date) => new() { Date = date };

    public static MeetingModel From(MeetingEvent e) => new()
    {
        Id = e.Id, Date = e.Date, Start = e.Start, End = e.End, PlaceId = e.PlaceId, Place = e.Place,
        Organisations = [.. e.Organisations ?? []],
        Operators = (e.Operators ?? new Dictionary<string, int>()).ToDictionary(kv => kv.Key, kv => (int?)kv.Value),
        Citizens = e.Citizens, Decisions = e.Decisions, NextDate = e.NextDate, NextPlace = e.NextPlace,
    };

    /// <summary>What the form itself can tell before sending: a missing date, text that is not a number, a date or a time.</summary>
    public IReadOnlyList<ValidationError> Problems()
    {
        var problems = new List<ValidationError>();
        if (Date is null && !Unparsed.Contains("events.date"))
            problems.Add(Problem("events.date", "required", "è obbligatoria.", "is required."));
        // An office's count is reported under "events.operators", as the grain reports it.
        foreach (var field in Unparsed.Select(f => f.StartsWith("events.operators", StringComparison.Ordinal) ? "events.operators" : f).Distinct().Order(StringComparer.Ordinal))
            problems.Add(field is "events.operators" or "events.citizens"
                ? Problem(field, "whole-number", "deve essere un numero intero, 0 o più.", "must be a whole number, 0 or more.")
                : Problem(field, "format", "non è una data o un'ora valida.", "is not a valid date or time."));
        return problems;
    }

    private static ValidationError Problem(string field, string rule, string it, string en)
    {
        var label = FieldLabels.Of(field);
        return new(field, rule, $"{label.It}: {it}", $"{label.En}: {en}");
    }

    public MeetingEvent ToEvent()
    {
        var operators = Operators.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!.Value);
        return new MeetingEvent
        {
            Id = Id, Date = Date!.Value, Start = Start, End = End,
            PlaceId = Blank(PlaceId), Place = Blank(Place?.Trim()),
            Organisations = Organisations.Count == 0 ? null : [.. Organisations.Order(StringComparer.Ordinal)],
            Operators = operators.Count == 0 ? null : operators,
            Citizens = Citizens, Decisions = Blank(Decisions?.Trim()), NextDate = NextDate, NextPlace = Blank(NextPlace?.Trim()),
        };
    }

    /// <summary>Reads an input's text into a value; text that does not parse is remembered as a problem, an empty one clears it.</summary>
    public void Read<T>(string field, object? value, Func<string, (bool Ok, T Parsed)> parse, Action<T?> set) where T : struct
    {
        Unparsed.Remove(field);
        if (value is not string text || string.IsNullOrWhiteSpace(text)) { set(null); return; }
        var (ok, parsed) = parse(text.Trim());
        if (ok) set(parsed);
        else Unparsed.Add(field);
    }

    public static (bool, DateOnly) ParseDate(string s) => (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d), d);
    public static (bool, TimeOnly) ParseTime(string s) => (TimeOnly.TryParseExact(s, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t), t);
    public static (bool, int) ParseCount(string s) => (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n), n);

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
