namespace ActorWelfare.Activities;

/// <summary>
/// A meeting of a tavolo or gruppo (or an event a progetto reports) as its minutes record it (seed 004: date,
/// place, time, who was there, what was decided, where the next one is). Kept in the year's figures
/// (<see cref="YearFigures.Events"/>): where a year has events, its meeting count and its operators come from them.
/// </summary>
[GenerateSerializer, Immutable, Alias("MeetingEvent")]
public sealed record MeetingEvent
{
    /// <summary>Unique within the activity; given by the grain when the event is recorded.</summary>
    [Id(0)] public string Id { get; init; } = "";
    [Id(1)] public DateOnly Date { get; init; }
    [Id(2)] public TimeOnly? Start { get; init; }
    [Id(3)] public TimeOnly? End { get; init; }
    /// <summary>Where, in words ("via Frecavalli 16"), or one of the city's places (<see cref="PlaceId"/>).</summary>
    [Id(4)] public string? Place { get; init; }
    [Id(5)] public string? PlaceId { get; init; }
    /// <summary>The organisations present (ids of the city's registry).</summary>
    [Id(6)] public IReadOnlyList<string>? Organisations { get; init; }
    /// <summary>Public operators present, by office id.</summary>
    [Id(7)] public IReadOnlyDictionary<string, int>? Operators { get; init; }
    /// <summary>Citizens present (a gruppo).</summary>
    [Id(8)] public int? Citizens { get; init; }
    /// <summary>A short record of what was decided.</summary>
    [Id(9)] public string? Decisions { get; init; }
    [Id(10)] public DateOnly? NextDate { get; init; }
    [Id(11)] public string? NextPlace { get; init; }
}
