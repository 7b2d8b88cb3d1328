using ActorWelfare.Activities;
using ActorWelfare.Indicators;

namespace ActorWelfare.Years;

/// <summary>A year closed or reopened: who, when and, for a reopening, why.</summary>
[GenerateSerializer, Alias("YearEvent")]
public sealed record YearEvent(
    [property: Id(0)] string Kind,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] string? Reason)
{
    public const string Closed = "closed", Reopened = "reopened";
}

/// <summary>Whether a city's year is closed, and the story of its closings and reopenings.</summary>
[GenerateSerializer, Alias("YearStatus")]
public sealed record YearStatus(
    [property: Id(0)] string City,
    [property: Id(1)] int Year,
    [property: Id(2)] bool Closed,
    [property: Id(3)] IReadOnlyList<YearEvent> Events);

/// <summary>An immutable snapshot's identity: when and by whom it was taken, and the SHA-256 of its content.</summary>
[GenerateSerializer, Alias("SnapshotInfo")]
public sealed record SnapshotInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string City,
    [property: Id(2)] int Year,
    [property: Id(3)] string Label,
    [property: Id(4)] string TakenBy,
    [property: Id(5)] DateTimeOffset TakenAt,
    [property: Id(6)] string Sha256,
    [property: Id(7)] int Activities,
    [property: Id(8)] bool YearClosed)
{
    public const string Provisional = "provvisorio", Final = "definitivo";
    public static readonly IReadOnlyList<string> Labels = [Provisional, Final];
}

/// <summary>
/// A year's indicator document and the activity records behind it, frozen at one instant, with the
/// names of the organisations the records name as the registry had them then (a later rename does not
/// change the report or its exports). Snapshots taken before names were kept have none.
/// </summary>
[GenerateSerializer, Alias("Snapshot")]
public sealed record Snapshot(
    [property: Id(0)] SnapshotInfo Info,
    [property: Id(1)] IndicatorDocument Document,
    [property: Id(2)] IReadOnlyList<ActivityRecord> Records,
    // Left out of JSON when absent, so an older snapshot's JSON export stays the bytes it always was.
    [property: Id(3), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, string>? OrganisationNames = null,
    // The analysts' words when it was taken (part of its SHA-256); absent when there were none.
    [property: Id(4), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<Commentary>? Commentary = null);

/// <summary>
/// One version of an analyst's words on a section of the report, or on the whole of it (the report's "tratti
/// comuni", conclusions): who wrote it and when. Each save is a new version; the last of each section is the one
/// a snapshot freezes.
/// </summary>
[GenerateSerializer, Immutable, Alias("Commentary")]
public sealed record Commentary(
    [property: Id(0)] string Section,
    [property: Id(1)] string Text,
    [property: Id(2)] string By,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int Version)
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
[GenerateSerializer, Immutable, Alias("Annotation")]
public sealed record Annotation(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Code,
    [property: Id(2)] string Scope,
    [property: Id(3)] string Text,
    [property: Id(4)] string By,
    [property: Id(5)] string ById,
    [property: Id(6)] DateTimeOffset At)
{
    public const int MaxLength = 2_000;
}

/// <summary>The answer to closing, reopening or taking a snapshot.</summary>
[GenerateSerializer, Alias("YearResult")]
public sealed record YearResult(
    [property: Id(0)] CommandOutcome Outcome,
    [property: Id(1)] YearStatus Status,
    [property: Id(2)] IReadOnlyList<ValidationError> Errors,
    [property: Id(3)] SnapshotInfo? Snapshot = null)
{
    public bool Succeeded => Outcome is CommandOutcome.Accepted or CommandOutcome.Unchanged;
}

/// <summary>
/// A city's year (key "city/year"): closing it makes its figures read-only for staff (analista);
/// reopening needs an administrator and a reason; snapshots freeze the document and the records.
/// </summary>
[Alias("IYearGrain")]
public interface IYearGrain : IGrainWithStringKey
{
    [Alias("GetStatus"), Orleans.Concurrency.AlwaysInterleave]
    Task<YearStatus> GetStatus();

    /// <summary>Asked by the activity grains before every change that would alter this year's figures.</summary>
    [Alias("IsClosed"), Orleans.Concurrency.AlwaysInterleave]
    Task<bool> IsClosed();

    [Alias("Close")]
    Task<YearResult> Close();

    [Alias("Reopen")]
    Task<YearResult> Reopen(string reason);

    /// <summary>Freezes the year as it is stored now (label: provvisorio or definitivo).</summary>
    [Alias("TakeSnapshot")]
    Task<YearResult> TakeSnapshot(string label);

    [Alias("ListSnapshots")]
    Task<IReadOnlyList<SnapshotInfo>> ListSnapshots();

    [Alias("GetSnapshot")]
    Task<Snapshot?> GetSnapshot(Guid id);

    /// <summary>The snapshot's activities behind a figure or an item of it ("city/kind/id"); null when there is no such snapshot.</summary>
    /// <summary>An analista's words on a section of the report (<see cref="Commentary.Sections"/>): a new version; empty words empty it.</summary>
    [Alias("WriteCommentary")]
    Task<YearResult> WriteCommentary(string section, string text);

    /// <summary>Every version of the analysts' words, oldest first.</summary>
    [Alias("GetCommentary")]
    Task<IReadOnlyList<Commentary>> GetCommentary();

    /// <summary>A direttore's comment on a figure of the year (<c>scope</c> "*" for the city, or a district).</summary>
    [Alias("Annotate")]
    Task<YearResult> Annotate(string code, string scope, string text);

    /// <summary>Takes a comment away (a direttore of the city).</summary>
    [Alias("RemoveAnnotation")]
    Task<YearResult> RemoveAnnotation(Guid id);

    /// <summary>The comments on the year's figures, oldest first (for people with a role in the city).</summary>
    [Alias("GetAnnotations")]
    Task<IReadOnlyList<Annotation>> GetAnnotations();

    /// <summary>Which activities of the year lack which field, per district and city-wide, with each district's sign-off.</summary>
    [Alias("GetCompleteness")]
    Task<YearCompleteness> GetCompleteness();

    /// <summary>An operatore of the district marks it ready for closing, or not ready again (until the year is closed).</summary>
    [Alias("MarkReady")]
    Task<YearResult> MarkReady(string quartiere, bool ready);

    [Alias("GetSnapshotContributors")]
    Task<IReadOnlyList<string>?> GetSnapshotContributors(Guid id, Indicators.FigureSelector figure);
}
