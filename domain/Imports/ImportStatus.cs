using ActorWelfare.Activities;

namespace ActorWelfare.Imports;

[DataContract(Name = "ImportFormat")]
public enum ImportFormat { Csv, Json }

/// <summary>Where an import stands: checking every row, applying, or finished one way or the other.</summary>
[DataContract(Name = "ImportPhase")]
public enum ImportPhase { Checking, Applying, Applied, Refused, Failed }

/// <summary>One problem of an imported file: the row (CSV line or JSON activity number), the field and the rule.</summary>
[DataContract(Name = "ImportProblem")]
public sealed record ImportProblem(
    [property: DataMember(Order = 0)] int Row,
    [property: DataMember(Order = 1)] string? ActivityId,
    [property: DataMember(Order = 2)] string Field,
    [property: DataMember(Order = 3)] string Rule,
    [property: DataMember(Order = 4)] string MessageIt,
    [property: DataMember(Order = 5)] string MessageEn)
{
    public static ImportProblem From(int row, string? id, ValidationError e) => new(row, id, e.Field, e.Rule, e.MessageIt, e.MessageEn);
}

/// <summary>An import's progress and result. <see cref="Total"/> and <see cref="Done"/> count activities.</summary>
[DataContract(Name = "ImportStatus")]
public sealed record ImportStatus
{
    [DataMember(Order = 0)] public string Id { get; init; } = "";
    [DataMember(Order = 1)] public string City { get; init; } = "";
    [DataMember(Order = 2)] public string FileName { get; init; } = "";
    [DataMember(Order = 3)] public ImportFormat Format { get; init; }
    [DataMember(Order = 4)] public ImportPhase Phase { get; init; }
    [DataMember(Order = 5)] public int Total { get; init; }
    [DataMember(Order = 6)] public int Done { get; init; }
    [DataMember(Order = 7)] public int Created { get; init; }
    [DataMember(Order = 8)] public int Updated { get; init; }
    [DataMember(Order = 9)] public int Unchanged { get; init; }
    [DataMember(Order = 10)] public IReadOnlyList<ImportProblem> Problems { get; init; } = [];
    [DataMember(Order = 11)] public string By { get; init; } = "";
    [DataMember(Order = 12)] public DateTimeOffset StartedAt { get; init; }
    [DataMember(Order = 13)] public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>The same file was sent before and applied then: this answer is that import's, nothing changed now.</summary>
    [DataMember(Order = 14)] public bool Repeated { get; init; }
    /// <summary>Why a refused file was refused: <c>Forbidden</c> (the caller's rights) or <c>Invalid</c> (its problems); null otherwise.</summary>
    [DataMember(Order = 15)] public Activities.CommandOutcome? RefusedAs { get; init; }

    public bool Finished => Phase is ImportPhase.Applied or ImportPhase.Refused or ImportPhase.Failed;
}
