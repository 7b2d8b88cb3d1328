namespace ActorWelfare.Activities;

/// <summary>One accepted change of an activity; <see cref="Years"/> are the years whose figures or profile it altered.</summary>
[DataContract(Name = "HistoryEntry")]
public sealed record HistoryEntry(
    [property: DataMember(Order = 0)] long Version,
    [property: DataMember(Order = 1)] DateTimeOffset At,
    [property: DataMember(Order = 2)] Actor Actor,
    [property: DataMember(Order = 3)] string Command,
    [property: DataMember(Order = 4)] string ChangeJson,
    [property: DataMember(Order = 5)] ActivityRecord? Before,
    [property: DataMember(Order = 6)] ActivityRecord After,
    [property: DataMember(Order = 7)] IReadOnlyList<int> Years);
