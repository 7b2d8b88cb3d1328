using ActorWelfare.Activities;

namespace ActorWelfare.Organisations;

/// <summary>
/// An organisation of the territory (ODT or other), one record however many activities it joins: where it
/// is based (district ids of the city), what it does in a few words, and whether it is still active. An
/// organisation merged into another (<see cref="MergedInto"/>) stays as a tombstone, so the years already
/// closed still name it.
/// </summary>
[DataContract(Name = "Organisation")]
public sealed record Organisation(
    [property: DataMember(Order = 0)] string Id,
    [property: DataMember(Order = 1)] string Name,
    [property: DataMember(Order = 2)] string Type,
    [property: DataMember(Order = 3)] IReadOnlyList<string>? Districts = null,
    [property: DataMember(Order = 4)] string? Description = null,
    [property: DataMember(Order = 5)] string Status = OrganisationStatus.Active,
    [property: DataMember(Order = 6)] string? MergedInto = null)
{
    /// <summary>The longest description accepted (a few lines: what the organisation does).</summary>
    public const int MaxDescription = 1000;

    public bool IsMerged => MergedInto is not null;

    /// <summary>Equal records say the same things (the lists compared by content).</summary>
    public bool SameAs(Organisation other) =>
        this with { Districts = null } == other with { Districts = null }
        && (Districts ?? []).SequenceEqual(other.Districts ?? [], StringComparer.Ordinal);
}

/// <summary>The states of an organisation: people choose active or ceased; merged is set by a merge.</summary>
public static class OrganisationStatus
{
    public const string Active = "attiva";
    public const string Ceased = "cessata";
    public const string Merged = "unita";

    /// <summary>The states people set on a form or through the API.</summary>
    public static readonly IReadOnlyList<string> Chosen = [Active, Ceased];

    public static (string It, string En) Label(string status) => status switch
    {
        Active => ("attiva", "active"),
        Ceased => ("cessata", "ceased"),
        Merged => ("unita a un'altra", "merged into another"),
        _ => (status, status),
    };
}

[DataContract(Name = "OrganisationResult")]
public sealed record OrganisationResult(
    [property: DataMember(Order = 0)] CommandOutcome Outcome,
    [property: DataMember(Order = 1)] Organisation? Organisation,
    [property: DataMember(Order = 2)] IReadOnlyList<ValidationError> Errors,
    [property: DataMember(Order = 3)] IReadOnlyList<string>? ActivitiesChanged = null);

/// <summary>What an activity command needs to know of the organisations it names.</summary>
[DataContract(Name = "OrganisationFacts"), ImmutableObject(true)]
public sealed record OrganisationFacts([property: DataMember(Order = 0)] string Type, [property: DataMember(Order = 1)] string? MergedInto);
