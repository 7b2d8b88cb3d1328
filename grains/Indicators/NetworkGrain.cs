using ActorWelfare.Access;
using ActorWelfare.Domain;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Storage;
using ActorWelfare.Territories;
using Orleans.Concurrency;

namespace ActorWelfare.Indicators;

/// <summary>
/// The network a page draws (<see cref="NetworkGraphBuilder"/>), from the stored records of the year. The records
/// are read again only when the live indicator document has moved on, so pages that follow the same city-year
/// share one read per change; the registry's names are read each time (a rename shows at once).
/// </summary>
[StatelessWorker]
public sealed class NetworkGrain(IActivityStore store, TerritoryCatalog territories) : Grain, INetworkGrain
{
    private long readAt = -1;
    private IReadOnlyList<Activities.ActivityRecord> records = [];

    public async Task<NetworkGraph> GetGraph(NetworkFilter filter, int limit)
    {
        var (city, year) = GrainKeys.ParseCityYear(this.GetPrimaryKeyString());
        CityAccess.RequireReader(city);
        var territory = territories.Get(city).ForYear(year);
        var problems = filter.Problems(territory, limit);
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(filter));
        var version = (await GrainFactory.GetGrain<ICityIndicatorsGrain>(this.GetPrimaryKeyString()).GetDocument()).Version;
        if (version != readAt)
        {
            records = await store.LoadCityYearAsync(city, year);
            readAt = version;
        }
        var names = (await GrainFactory.GetGrain<IOrganisationRegistryGrain>(city).List()).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        return NetworkGraphBuilder.Build(territory, year, records, names, filter, limit, version);
    }
}
