namespace ActorWelfare.Indicators;

/// <summary>A city-year's network for pages (keyed "city/year"); it reveals records, so only the city's readers get it.</summary>
[Alias("INetworkGrain")]
public interface INetworkGrain : IGrainWithStringKey
{
    /// <summary>The live network, as of the indicator document's current version; at most <paramref name="limit"/> organisations.</summary>
    [Alias("GetGraph")]
    Task<NetworkGraph> GetGraph(NetworkFilter filter, int limit);
}
