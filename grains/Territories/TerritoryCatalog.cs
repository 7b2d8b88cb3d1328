namespace ActorWelfare.Territories;

/// <summary>The cities this deployment knows, loaded from <c>deploy/territories</c> at start.</summary>
public sealed class TerritoryCatalog(IReadOnlyDictionary<string, Territory> cities)
{
    public IReadOnlyDictionary<string, Territory> Cities => cities;

    public Territory Get(string city) =>
        cities.TryGetValue(city, out var territory) ? territory
            : throw new ArgumentException($"city: '{city}' is not configured (deploy/territories).", nameof(city));

    public bool TryGet(string city, out Territory territory) => cities.TryGetValue(city, out territory!);
}
