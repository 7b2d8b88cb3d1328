using ActorWelfare.Activities;

namespace ActorWelfare.Indicators;

/// <summary>Which part of a city-year's network to draw: a district, a kind of activity, a function brought, a type of organisation (null: all).</summary>
[DataContract(Name = "NetworkFilter"), ImmutableObject(true)]
public sealed record NetworkFilter(
    [property: DataMember(Order = 0)] string? District = null,
    [property: DataMember(Order = 1)] ActivityKind? Kind = null,
    [property: DataMember(Order = 2)] string? Function = null,
    [property: DataMember(Order = 3)] string? OrganisationType = null)
{
    /// <summary>Every problem of a filter from outside (an address, a page): the field, then the rule.</summary>
    public IReadOnlyList<string> Problems(Territories.Territory territory, int limit)
    {
        var problems = new List<string>();
        if (District is { } d && territory.FindQuartiere(d) is null) problems.Add($"district: '{d}' is not a district of {territory.Name}.");
        if (Function is { } f && !Territories.TermLists.Has(territory.Taxonomies.OrganisationFunctions, f)) problems.Add($"function: '{f}' is not a function of {territory.Name}'s organisations.");
        if (OrganisationType is { } t && territory.Taxonomies.FindOrganisationType(t) is null) problems.Add($"organisationType: '{t}' is not an organisation type of {territory.Name}.");
        if (limit is < 1 or > 20_000) problems.Add("limit: between 1 and 20000.");
        return problems;
    }
}

/// <summary>An organisation of the drawn network: its activities there and its ties (the other organisations it shares one with).</summary>
[DataContract(Name = "NetworkOrganisation"), ImmutableObject(true)]
public sealed record NetworkOrganisation(
    [property: DataMember(Order = 0)] string Id,
    [property: DataMember(Order = 1)] string Name,
    [property: DataMember(Order = 2)] string Type,
    [property: DataMember(Order = 3)] string? Group,
    [property: DataMember(Order = 4)] int Activities,
    [property: DataMember(Order = 5)] int Ties,
    [property: DataMember(Order = 6)] bool Nodo);

/// <summary>An activity of the drawn network.</summary>
[DataContract(Name = "NetworkActivity"), ImmutableObject(true)]
public sealed record NetworkActivity(
    [property: DataMember(Order = 0)] ActivityKind Kind,
    [property: DataMember(Order = 1)] string Id,
    [property: DataMember(Order = 2)] string Name,
    [property: DataMember(Order = 3)] IReadOnlyList<string> Districts);

/// <summary>An organisation taking part in an activity (by their indexes in the graph's lists), with what it brings.</summary>
[DataContract(Name = "NetworkLink"), ImmutableObject(true)]
public sealed record NetworkLink(
    [property: DataMember(Order = 0)] int Organisation,
    [property: DataMember(Order = 1)] int Activity,
    [property: DataMember(Order = 2)] IReadOnlyList<string> Functions);

/// <summary>Two organisations (indexes) and how many activities they share: the organisation ↔ organisation projection.</summary>
[DataContract(Name = "NetworkPair"), ImmutableObject(true)]
public sealed record NetworkPair(
    [property: DataMember(Order = 0)] int A,
    [property: DataMember(Order = 1)] int B,
    [property: DataMember(Order = 2)] int Shared);

/// <summary>
/// The network of a city-year as a page draws it, computed on the server: organisations and activities, who takes
/// part where, and which organisations work together. A large network is pruned to the organisations with most
/// activities (<see cref="Pruned"/>); the totals say how many there were.
/// </summary>
[DataContract(Name = "NetworkGraph"), ImmutableObject(true)]
public sealed record NetworkGraph
{
    [DataMember(Order = 0)] public string City { get; init; } = "";
    [DataMember(Order = 1)] public int Year { get; init; }
    /// <summary>The live indicator document's version the graph was read at.</summary>
    [DataMember(Order = 2)] public long Version { get; init; }
    [DataMember(Order = 3)] public NetworkFilter Filter { get; init; } = new();
    [DataMember(Order = 4)] public IReadOnlyList<NetworkOrganisation> Organisations { get; init; } = [];
    [DataMember(Order = 5)] public IReadOnlyList<NetworkActivity> Activities { get; init; } = [];
    [DataMember(Order = 6)] public IReadOnlyList<NetworkLink> Links { get; init; } = [];
    /// <summary>Every pair of the drawn organisations that shares an activity, most shared first.</summary>
    [DataMember(Order = 7)] public IReadOnlyList<NetworkPair> Pairs { get; init; } = [];
    [DataMember(Order = 8)] public int TotalOrganisations { get; init; }
    [DataMember(Order = 9)] public int TotalActivities { get; init; }
    public bool Pruned => Organisations.Count < TotalOrganisations || Activities.Count < TotalActivities;
}
