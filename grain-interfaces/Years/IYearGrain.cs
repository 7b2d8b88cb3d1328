namespace ActorWelfare.Years;

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
