using ActorWelfare.Activities;

namespace ActorWelfare.Organisations;

/// <summary>An organisation of the territory (ODT or other), one record however many activities it joins.</summary>
[GenerateSerializer, Alias("Organisation")]
public sealed record Organisation(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Type);

[GenerateSerializer, Alias("OrganisationResult")]
public sealed record OrganisationResult(
    [property: Id(0)] CommandOutcome Outcome,
    [property: Id(1)] Organisation? Organisation,
    [property: Id(2)] IReadOnlyList<ValidationError> Errors);

/// <summary>A city's registry of organisations, keyed by city id.</summary>
[Alias("IOrganisationRegistryGrain")]
public interface IOrganisationRegistryGrain : IGrainWithStringKey
{
    /// <summary>Adds an organisation (operatori, amministratori, the cluster's own work); the same record again changes nothing; a registered type never changes.</summary>
    [Alias("Register")]
    Task<OrganisationResult> Register(Organisation organisation);

    /// <summary>The types of the given ids that are registered (unknown ids are left out).</summary>
    [Alias("TypesOf")]
    Task<IReadOnlyDictionary<string, string>> TypesOf(IReadOnlyList<string> ids);

    [Alias("List")]
    Task<IReadOnlyList<Organisation>> List();
}
