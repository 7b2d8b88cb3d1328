using ActorWelfare.Activities;

namespace ActorWelfare.Imports;

[GenerateSerializer, Alias("ImportFormat")]
public enum ImportFormat { Csv, Json }

/// <summary>Where an import stands: checking every row, applying, or finished one way or the other.</summary>
[GenerateSerializer, Alias("ImportPhase")]
public enum ImportPhase { Checking, Applying, Applied, Refused, Failed }

/// <summary>One problem of an imported file: the row (CSV line or JSON activity number), the field and the rule.</summary>
[GenerateSerializer, Alias("ImportProblem")]
public sealed record ImportProblem(
    [property: Id(0)] int Row,
    [property: Id(1)] string? ActivityId,
    [property: Id(2)] string Field,
    [property: Id(3)] string Rule,
    [property: Id(4)] string MessageIt,
    [property: Id(5)] string MessageEn)
{
    public static ImportProblem From(int row, string? id, ValidationError e) => new(row, id, e.Field, e.Rule, e.MessageIt, e.MessageEn);
}

/// <summary>An import's progress and result. <see cref="Total"/> and <see cref="Done"/> count activities.</summary>
[GenerateSerializer, Alias("ImportStatus")]
public sealed record ImportStatus
{
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public string City { get; init; } = "";
    [Id(2)] public string FileName { get; init; } = "";
    [Id(3)] public ImportFormat Format { get; init; }
    [Id(4)] public ImportPhase Phase { get; init; }
    [Id(5)] public int Total { get; init; }
    [Id(6)] public int Done { get; init; }
    [Id(7)] public int Created { get; init; }
    [Id(8)] public int Updated { get; init; }
    [Id(9)] public int Unchanged { get; init; }
    [Id(10)] public IReadOnlyList<ImportProblem> Problems { get; init; } = [];
    [Id(11)] public string By { get; init; } = "";
    [Id(12)] public DateTimeOffset StartedAt { get; init; }
    [Id(13)] public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>The same file was sent before and applied then: this answer is that import's, nothing changed now.</summary>
    [Id(14)] public bool Repeated { get; init; }
    /// <summary>Why a refused file was refused: <c>Forbidden</c> (the caller's rights) or <c>Invalid</c> (its problems); null otherwise.</summary>
    [Id(15)] public Activities.CommandOutcome? RefusedAs { get; init; }

    public bool Finished => Phase is ImportPhase.Applied or ImportPhase.Refused or ImportPhase.Failed;
}
