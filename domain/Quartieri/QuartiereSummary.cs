using ActorWelfare.Activities;

namespace ActorWelfare.Quartieri;

[DataContract(Name = "ActivityRef")]
public sealed record ActivityRef([property: DataMember(Order = 0)] ActivityKind Kind, [property: DataMember(Order = 1)] string Id);

/// <summary>How many activities of each kind a quartiere has (in any of their years, not deleted).</summary>
[DataContract(Name = "QuartiereSummary")]
public sealed record QuartiereSummary(
    [property: DataMember(Order = 0)] string City,
    [property: DataMember(Order = 1)] string Quartiere,
    [property: DataMember(Order = 2)] int Progetti,
    [property: DataMember(Order = 3)] int Tavoli,
    [property: DataMember(Order = 4)] int Gruppi);
