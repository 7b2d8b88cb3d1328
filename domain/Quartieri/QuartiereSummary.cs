using ActorWelfare.Activities;

namespace ActorWelfare.Quartieri;

[GenerateSerializer, Alias("ActivityRef")]
public sealed record ActivityRef([property: Id(0)] ActivityKind Kind, [property: Id(1)] string Id);

/// <summary>How many activities of each kind a quartiere has, and the version of its registry.</summary>
[GenerateSerializer, Alias("QuartiereSummary")]
public sealed record QuartiereSummary(
    [property: Id(0)] string City,
    [property: Id(1)] string Quartiere,
    [property: Id(2)] int Progetti,
    [property: Id(3)] int Tavoli,
    [property: Id(4)] int Gruppi,
    [property: Id(5)] long Version);
