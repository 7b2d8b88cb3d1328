using ActorWelfare.Activities;
using ActorWelfare.Indicators;

namespace ActorWelfare.Years;

/// <summary>A year closed or reopened: who, when and, for a reopening, why.</summary>
[DataContract(Name = "YearEvent")]
public sealed record YearEvent(
    [property: DataMember(Order = 0)] string Kind,
    [property: DataMember(Order = 1)] DateTimeOffset At,
    [property: DataMember(Order = 2)] string By,
    [property: DataMember(Order = 3)] string? Reason)
{
    public const string Closed = "closed", Reopened = "reopened";
}

/// <summary>Whether a city's year is closed, and the story of its closings and reopenings.</summary>
[DataContract(Name = "YearStatus")]
public sealed record YearStatus(
    [property: DataMember(Order = 0)] string City,
    [property: DataMember(Order = 1)] int Year,
    [property: DataMember(Order = 2)] bool Closed,
    [property: DataMember(Order = 3)] IReadOnlyList<YearEvent> Events);

/// <summary>An immutable snapshot's identity: when and by whom it was taken, and the SHA-256 of its content.</summary>
[DataContract(Name = "SnapshotInfo")]
public sealed record SnapshotInfo(
    [property: DataMember(Order = 0)] Guid Id,
    [property: DataMember(Order = 1)] string City,
    [property: DataMember(Order = 2)] int Year,
    [property: DataMember(Order = 3)] string Label,
    [property: DataMember(Order = 4)] string TakenBy,
    [property: DataMember(Order = 5)] DateTimeOffset TakenAt,
    [property: DataMember(Order = 6)] string Sha256,
    [property: DataMember(Order = 7)] int Activities,
    [property: DataMember(Order = 8)] bool YearClosed)
{
    public const string Provisional = "provvisorio", Final = "definitivo";
    public static readonly IReadOnlyList<string> Labels = [Provisional, Final];
}

/// <summary>
/// A year's indicator document and the activity records behind it, frozen at one instant, with the
/// names of the organisations the records name as the registry had them then (a later rename does not
/// change the report or its exports). Snapshots taken before names were kept have none.
/// </summary>
[DataContract(Name = "Snapshot")]
public sealed record Snapshot(
    [property: DataMember(Order = 0)] SnapshotInfo Info,
    [property: DataMember(Order = 1)] IndicatorDocument Document,
    [property: DataMember(Order = 2)] IReadOnlyList<ActivityRecord> Records,
    // Left out of JSON when absent, so an older snapshot's JSON export stays the bytes it always was.
    [property: DataMember(Order = 3), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, string>? OrganisationNames = null,
    // The analysts' words when it was taken (part of its SHA-256); absent when there were none.
    [property: DataMember(Order = 4), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<Commentary>? Commentary = null);

/// <summary>
/// One version of an analyst's words on a section of the report, or on the whole of it (the report's "tratti
/// comuni", conclusions): who wrote it and when. Each save is a new version; the last of each section is the one
/// a snapshot freezes.
/// </summary>
[DataContract(Name = "Commentary"), ImmutableObject(true)]
public sealed record Commentary(
    [property: DataMember(Order = 0)] string Section,
    [property: DataMember(Order = 1)] string Text,
    [property: DataMember(Order = 2)] string By,
    [property: DataMember(Order = 3)] DateTimeOffset At,
    [property: DataMember(Order = 4)] int Version)
{
    /// <summary>The general note, and the report's sections (as the report's description names them).</summary>
    public const string General = "generale";
    public static readonly IReadOnlyList<string> Sections = [General, "progetti", "tavoli", "gruppi", "rete"];
    public const int MaxLength = 10_000;

    /// <summary>The last version of each section that has words (an emptied section has none), in the order of <see cref="Sections"/>.</summary>
    public static IReadOnlyList<Commentary> Current(IEnumerable<Commentary> versions) =>
        [.. versions.GroupBy(c => c.Section).Select(g => g.MaxBy(c => c.Version)!).Where(c => c.Text.Length > 0)
            .OrderBy(c => Sections.ToList().IndexOf(c.Section))];
}

/// <summary>
/// A director's comment on a live figure of the year (annotations, as BI tools have): which figure, in the
/// city or a district, what they say, who and when. The city's staff read them beside the figure.
/// </summary>
[DataContract(Name = "Annotation"), ImmutableObject(true)]
public sealed record Annotation(
    [property: DataMember(Order = 0)] Guid Id,
    [property: DataMember(Order = 1)] string Code,
    [property: DataMember(Order = 2)] string Scope,
    [property: DataMember(Order = 3)] string Text,
    [property: DataMember(Order = 4)] string By,
    [property: DataMember(Order = 5)] string ById,
    [property: DataMember(Order = 6)] DateTimeOffset At)
{
    public const int MaxLength = 2_000;
}

/// <summary>The answer to closing, reopening or taking a snapshot.</summary>
[DataContract(Name = "YearResult")]
public sealed record YearResult(
    [property: DataMember(Order = 0)] CommandOutcome Outcome,
    [property: DataMember(Order = 1)] YearStatus Status,
    [property: DataMember(Order = 2)] IReadOnlyList<ValidationError> Errors,
    [property: DataMember(Order = 3)] SnapshotInfo? Snapshot = null)
{
    public bool Succeeded => Outcome is CommandOutcome.Accepted or CommandOutcome.Unchanged;
}
