using ActorWelfare.Activities;
using ActorWelfare.Organisations;

namespace ActorWelfare.Imports;

/// <summary>What a file to import says, whatever its format: organisations to register and activity records.</summary>
public sealed record ImportDocument(string City, IReadOnlyList<Organisation> Organisations, IReadOnlyList<ImportedActivity> Activities);

/// <summary>One activity as the file says it should be; <see cref="Row"/> is where it starts in the file.</summary>
public sealed record ImportedActivity(int Row, ActivityKind Kind, string Id, ActivityProfile Profile, IReadOnlyDictionary<int, YearFigures> Years);

/// <summary>A parsed file, or why it could not be read.</summary>
public sealed record ParsedImport(ImportDocument? Document, IReadOnlyList<ImportProblem> Problems)
{
    public static ParsedImport Fail(int row, string field, string rule, string it, string en) =>
        new(null, [new ImportProblem(row, null, field, rule, it, en)]);
}
