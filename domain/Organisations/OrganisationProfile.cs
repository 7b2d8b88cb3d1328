using ActorWelfare.Activities;

namespace ActorWelfare.Organisations;

/// <summary>One year of one activity in which the organisation took part, with what it did there (under which id: one merged into it keeps its own).</summary>
[DataContract(Name = "OrganisationParticipation"), ImmutableObject(true)]
public sealed record OrganisationParticipation(
    [property: DataMember(Order = 0)] int Year,
    [property: DataMember(Order = 1)] ActivityKind Kind,
    [property: DataMember(Order = 2)] string ActivityId,
    [property: DataMember(Order = 3)] string ActivityName,
    [property: DataMember(Order = 4)] IReadOnlyList<string> Districts,
    [property: DataMember(Order = 5)] bool CityWide,
    [property: DataMember(Order = 6)] IReadOnlyList<string> Functions,
    [property: DataMember(Order = 7)] string OrganisationId);

/// <summary>Another organisation that took part in the same activities: in how many (activity, year) pairs, and which years.</summary>
[DataContract(Name = "OrganisationTie"), ImmutableObject(true)]
public sealed record OrganisationTie(
    [property: DataMember(Order = 0)] string OrganisationId,
    [property: DataMember(Order = 1)] int Shared,
    [property: DataMember(Order = 2)] IReadOnlyList<int> Years);

/// <summary>An organisation as its page shows it: the record, the ids merged into it, where and with whom it worked.</summary>
[DataContract(Name = "OrganisationProfile"), ImmutableObject(true)]
public sealed record OrganisationProfile(
    [property: DataMember(Order = 0)] Organisation Organisation,
    [property: DataMember(Order = 1)] IReadOnlyList<Organisation> MergedFrom,
    [property: DataMember(Order = 2)] IReadOnlyList<OrganisationParticipation> Participations,
    [property: DataMember(Order = 3)] IReadOnlyList<OrganisationTie> Ties,
    [property: DataMember(Order = 4)] IReadOnlyDictionary<string, string> Names)
{
    public int? FirstYear => Participations.Count == 0 ? null : Participations.Min(p => p.Year);
    public int? LastYear => Participations.Count == 0 ? null : Participations.Max(p => p.Year);
}
