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
/// are read again only when the live indicator document has moved on, and the graphs built are kept for that version,
/// so pages that follow the same city-year share one read and one build per change; the registry's names are read
/// each time (a rename shows at once).
/// </summary>
[StatelessWorker]
public sealed class NetworkGrain(IActivityStore store, TerritoryCatalog territories) : Grain, INetworkGrain
{
    private long readAt = -1;
    private IReadOnlyList<Activities.ActivityRecord> records = [];
    // The graphs built at this version, by what was asked: pages following the same city-year share them.
    private readonly Dictionary<(NetworkFilter, int), NetworkGraph> built = [];

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
            built.Clear();
        }
        var names = (await GrainFactory.GetGrain<IOrganisationRegistryGrain>(city).List()).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        // Built again when a name changed too (a rename moves no figure, so no new version tells it).
        if (built.TryGetValue((filter, limit), out var graph) && graph.Organisations.All(o => names.GetValueOrDefault(o.Id, o.Id) == o.Name)) return graph;
        return built[(filter, limit)] = NetworkGraphBuilder.Build(territory, year, records, names, filter, limit, version);
    }
}
