namespace ActorWelfare.Activities;

/// <summary>
/// A meeting of a tavolo or gruppo (or an event a progetto reports) as its minutes record it (seed 004: date,
/// place, time, who was there, what was decided, where the next one is). Kept in the year's figures
/// (<see cref="YearFigures.Events"/>): where a year has events, its meeting count and its operators come from them.
/// </summary>
[DataContract(Name = "MeetingEvent"), ImmutableObject(true)]
public sealed record MeetingEvent
{
    /// <summary>Unique within the activity; given by the grain when the event is recorded.</summary>
    [DataMember(Order = 0)] public string Id { get; init; } = "";
    [DataMember(Order = 1)] public DateOnly Date { get; init; }
    [DataMember(Order = 2)] public TimeOnly? Start { get; init; }
    [DataMember(Order = 3)] public TimeOnly? End { get; init; }
    /// <summary>Where, in words ("via Frecavalli 16"), or one of the city's places (<see cref="PlaceId"/>).</summary>
    [DataMember(Order = 4)] public string? Place { get; init; }
    [DataMember(Order = 5)] public string? PlaceId { get; init; }
    /// <summary>The organisations present (ids of the city's registry).</summary>
    [DataMember(Order = 6)] public IReadOnlyList<string>? Organisations { get; init; }
    /// <summary>Public operators present, by office id.</summary>
    [DataMember(Order = 7)] public IReadOnlyDictionary<string, int>? Operators { get; init; }
    /// <summary>Citizens present (a gruppo).</summary>
    [DataMember(Order = 8)] public int? Citizens { get; init; }
    /// <summary>A short record of what was decided.</summary>
    [DataMember(Order = 9)] public string? Decisions { get; init; }
    [DataMember(Order = 10)] public DateOnly? NextDate { get; init; }
    [DataMember(Order = 11)] public string? NextPlace { get; init; }
}
