using ActorWelfare.Activities;

namespace ActorWelfare.Organisations;

/// <summary>One year of one activity in which the organisation took part, with what it did there (under which id: one merged into it keeps its own).</summary>
[GenerateSerializer, Immutable, Alias("OrganisationParticipation")]
public sealed record OrganisationParticipation(
    [property: Id(0)] int Year,
    [property: Id(1)] ActivityKind Kind,
    [property: Id(2)] string ActivityId,
    [property: Id(3)] string ActivityName,
    [property: Id(4)] IReadOnlyList<string> Districts,
    [property: Id(5)] bool CityWide,
    [property: Id(6)] IReadOnlyList<string> Functions,
    [property: Id(7)] string OrganisationId);

/// <summary>Another organisation that took part in the same activities: in how many (activity, year) pairs, and which years.</summary>
[GenerateSerializer, Immutable, Alias("OrganisationTie")]
public sealed record OrganisationTie(
    [property: Id(0)] string OrganisationId,
    [property: Id(1)] int Shared,
    [property: Id(2)] IReadOnlyList<int> Years);

/// <summary>An organisation as its page shows it: the record, the ids merged into it, where and with whom it worked.</summary>
[GenerateSerializer, Immutable, Alias("OrganisationProfile")]
public sealed record OrganisationProfile(
    [property: Id(0)] Organisation Organisation,
    [property: Id(1)] IReadOnlyList<Organisation> MergedFrom,
    [property: Id(2)] IReadOnlyList<OrganisationParticipation> Participations,
    [property: Id(3)] IReadOnlyList<OrganisationTie> Ties,
    [property: Id(4)] IReadOnlyDictionary<string, string> Names)
{
    public int? FirstYear => Participations.Count == 0 ? null : Participations.Min(p => p.Year);
    public int? LastYear => Participations.Count == 0 ? null : Participations.Max(p => p.Year);
}
