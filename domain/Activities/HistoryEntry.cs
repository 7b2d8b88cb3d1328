namespace ActorWelfare.Activities;

/// <summary>One accepted change of an activity; <see cref="Years"/> are the years whose figures or profile it altered.</summary>
[GenerateSerializer, Alias("HistoryEntry")]
public sealed record HistoryEntry(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] Actor Actor,
    [property: Id(3)] string Command,
    [property: Id(4)] string ChangeJson,
    [property: Id(5)] ActivityRecord? Before,
    [property: Id(6)] ActivityRecord After,
    [property: Id(7)] IReadOnlyList<int> Years);
