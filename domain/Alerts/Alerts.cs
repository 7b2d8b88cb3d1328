using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Alerts;

/// <summary>
/// A city's alert rules (configuration per city, set by its amministratori): how long a tavolo or gruppo may go
/// without a meeting, how far into the year an active activity may go without figures, when a figure is far
/// enough from the activity's previous years to be confirmed, and which statuses mean "ended".
/// </summary>
[DataContract(Name = "AlertRules"), ImmutableObject(true)]
public sealed record AlertRules
{
    /// <summary>Days without a meeting before a tavolo or gruppo is flagged (the seeds' tavoli meet about monthly).</summary>
    [DataMember(Order = 0)] public int NoMeetingDays { get; init; } = 90;
    /// <summary>Days into the year after which an active activity with no figures for it is flagged.</summary>
    [DataMember(Order = 1)] public int MissingFiguresAfterDays { get; init; } = 90;
    /// <summary>A figure this many times its previous years' average (or that fraction of it, once the year is over) is an outlier.</summary>
    [DataMember(Order = 2)] public double OutlierFactor { get; init; } = 3;
    /// <summary>Below this value (and this average) no figure is an outlier: 1 to 4 volunteers is no news.</summary>
    [DataMember(Order = 3)] public int OutlierMinimum { get; init; } = 10;
    /// <summary>The city's statuses that mean the activity has ended (ids of its status taxonomy).</summary>
    [DataMember(Order = 4)] public IReadOnlyList<string> EndedStatuses { get; init; } = ["concluso"];

    public static readonly AlertRules Default = new();
}

/// <summary>The kinds of alert.</summary>
public static class AlertRule
{
    public const string NoMeeting = "no-meeting";
    public const string EndedStillActive = "ended-still-active";
    public const string MissingFigures = "missing-figures";
    public const string Outlier = "outlier";

    public static readonly IReadOnlyList<string> All = [NoMeeting, EndedStillActive, MissingFigures, Outlier];

    /// <summary>The rule's name as people read it, on pages and in mails.</summary>
    public static LocalizedText Label(string rule) => rule switch
    {
        NoMeeting => new("Nessun incontro", "No meeting"),
        EndedStillActive => new("Concluso ma ancora attivo", "Ended but still active"),
        MissingFigures => new("Dati dell'anno mancanti", "Figures of the year missing"),
        Outlier => new("Cifra da confermare", "Figure to confirm"),
        _ => new(rule, rule),
    };
}

/// <summary>
/// Something about an activity that someone should look at. The id stays the same while the cause does (the same
/// last meeting, the same figure), so an acknowledgement holds until something new happens.
/// </summary>
[DataContract(Name = "Alert"), ImmutableObject(true)]
public sealed record Alert
{
    [DataMember(Order = 0)] public string Id { get; init; } = "";
    /// <summary>One of <see cref="AlertRule"/>.</summary>
    [DataMember(Order = 1)] public string Rule { get; init; } = "";
    [DataMember(Order = 2)] public ActivityKind Kind { get; init; }
    [DataMember(Order = 3)] public string ActivityId { get; init; } = "";
    [DataMember(Order = 4)] public string ActivityName { get; init; } = "";
    /// <summary>The activity's districts that year ("*" for an activity of the whole city with none).</summary>
    [DataMember(Order = 5)] public IReadOnlyList<string> Quartieri { get; init; } = [];
    /// <summary>The year the alert is about.</summary>
    [DataMember(Order = 6)] public int Year { get; init; }
    /// <summary>No meeting: the last meeting (or the day counting started). Ended: the end year's last day.</summary>
    [DataMember(Order = 7)] public DateOnly? Since { get; init; }
    /// <summary>No meeting: days since <see cref="Since"/>.</summary>
    [DataMember(Order = 8)] public int? Days { get; init; }
    /// <summary>Outlier: the field (beneficiaries, volunteers, meetings…), its value and the previous years' average.</summary>
    [DataMember(Order = 9)] public string? Field { get; init; }
    [DataMember(Order = 10)] public int? Value { get; init; }
    [DataMember(Order = 11)] public double? Usual { get; init; }
    /// <summary>The status the activity still has (ended but still active).</summary>
    [DataMember(Order = 12)] public string? Status { get; init; }

    /// <summary>"kind/id": the activity within the city whose list holds the alert.</summary>
    public string ActivityKey => $"{Keys.GrainKeys.KindId(Kind)}/{ActivityId}";
}

/// <summary>How an operatore answered an alert: acknowledged (seen, nothing to fix) or snoozed until a day.</summary>
[DataContract(Name = "AlertAnswer"), ImmutableObject(true)]
public sealed record AlertAnswer(
    [property: DataMember(Order = 0)] string Answer,
    [property: DataMember(Order = 1)] DateOnly? Until,
    [property: DataMember(Order = 2)] string By,
    [property: DataMember(Order = 3)] DateTimeOffset At)
{
    public const string Acknowledged = "ack", Snoozed = "snooze";
    public static readonly IReadOnlyList<string> All = [Acknowledged, Snoozed];
}

/// <summary>An alert that was answered, with the answer.</summary>
[DataContract(Name = "AnsweredAlert"), ImmutableObject(true)]
public sealed record AnsweredAlert([property: DataMember(Order = 0)] Alert Alert, [property: DataMember(Order = 1)] AlertAnswer Answer);

/// <summary>
/// A city's alerts as they are now: those still to look at, those answered (acknowledged, or snoozed until a day
/// not yet come), the day the rules were applied for and when the whole city was last evaluated.
/// </summary>
[DataContract(Name = "AlertList"), ImmutableObject(true)]
public sealed record AlertList(
    [property: DataMember(Order = 0)] string City,
    [property: DataMember(Order = 1)] long Version,
    [property: DataMember(Order = 2)] DateOnly Today,
    [property: DataMember(Order = 3)] IReadOnlyList<Alert> Open,
    [property: DataMember(Order = 4)] IReadOnlyList<AnsweredAlert> Answered,
    [property: DataMember(Order = 5)] DateTimeOffset? EvaluatedAt,
    [property: DataMember(Order = 6)] DateOnly? EvaluatedFor);

/// <summary>The answer to acknowledging, snoozing or changing the rules.</summary>
[DataContract(Name = "AlertResult")]
public sealed record AlertResult(
    [property: DataMember(Order = 0)] CommandOutcome Outcome,
    [property: DataMember(Order = 1)] IReadOnlyList<ValidationError> Errors,
    [property: DataMember(Order = 2)] AlertList? List = null)
{
    public bool Succeeded => Outcome is CommandOutcome.Accepted or CommandOutcome.Unchanged;
}

/// <summary>
/// "Today" for a city: the calendar's day when the city works in the calendar's year; else the same day of the
/// city's year (a demo city that works in 2019 is evaluated as on this day of 2019). One rule for silo and pages.
/// </summary>
public static class CityDay
{
    /// <summary>The city's day, <paramref name="now"/> read in its own offset (the local clock's).</summary>
    public static DateOnly Today(DateTimeOffset now, int cityYear)
    {
        var today = DateOnly.FromDateTime(now.DateTime);
        return today.Year == cityYear ? today : new DateOnly(cityYear, today.Month, Math.Min(today.Day, DateTime.DaysInMonth(cityYear, today.Month)));
    }

    /// <summary>
    /// The year a city works in now: <c>Cities:{city}:CurrentYear</c>, else <c>Dashboard:Year</c>, else the calendar
    /// year (<paramref name="setting"/> reads a configuration key).
    /// </summary>
    public static int CurrentYear(Func<string, string?> setting, string city, DateTimeOffset now) =>
        Year(setting($"Cities:{city}:CurrentYear")) ?? Year(setting("Dashboard:Year")) ?? now.Year;

    private static int? Year(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : null;
}
