using ActorWelfare.Activities;
using ActorWelfare.Organisations;

namespace ActorWelfare.Imports;

/// <summary>What a file to import says, whatever its format: organisations to register and activity records.</summary>
public sealed record ImportDocument(string City, IReadOnlyList<Organisation> Organisations, IReadOnlyList<ImportedActivity> Activities);

/// <summary>
/// One activity as the file says it should be; <see cref="Row"/> is where it starts in the file and
/// <see cref="YearRows"/> where each year's figures are (CSV: a line per year; JSON: the activity's row).
/// <see cref="ProfileByYear"/> holds the years whose profile differs from <see cref="Profile"/>.
/// </summary>
public sealed record ImportedActivity(int Row, ActivityKind Kind, string Id, ActivityProfile Profile, IReadOnlyDictionary<int, YearFigures> Years,
    IReadOnlyDictionary<int, int>? YearRows = null)
{
    public IReadOnlyDictionary<int, ActivityProfile>? ProfileByYear { get; init; }

    public int RowOf(int year) => YearRows is not null && YearRows.TryGetValue(year, out var row) ? row : Row;

    /// <summary>The years the file speaks for: those with figures or with a profile of their own (none: every year).</summary>
    public IReadOnlyList<int> FileYears => [.. Years.Keys.Union(ProfileByYear?.Keys ?? []).Order()];

    /// <summary>The profile the file gives for a year.</summary>
    public ActivityProfile ProfileOf(int year) => ProfileByYear?.GetValueOrDefault(year) ?? Profile;
}

/// <summary>
/// A parsed file: what could be read of it, and every format problem met on the way. A cell or field that
/// could not be read is left out of <see cref="Document"/> (its problem says why), so the rest of the file
/// can still be checked; <see cref="Document"/> is null only when nothing past the problems could be read.
/// </summary>
public sealed record ParsedImport(ImportDocument? Document, IReadOnlyList<ImportProblem> Problems)
{
    public static ParsedImport Fail(int row, string field, string rule, string it, string en) =>
        new(null, [new ImportProblem(row, null, field, rule, it, en)]);
}
