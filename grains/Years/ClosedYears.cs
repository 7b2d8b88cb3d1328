using System.Collections.Concurrent;
using ActorWelfare.Cluster;
using ActorWelfare.Keys;

namespace ActorWelfare.Years;

/// <summary>
/// What each silo knows of which years are closed, asked of the year grains at most once per
/// <see cref="Ttl"/> per city-year, so an update does not cost an extra grain call. Closing waits
/// longer than <see cref="Ttl"/> before it answers: once a close is acknowledged, every silo asks again.
/// </summary>
public static class ClosedYears
{
    /// <summary>One second; a process that hosts a whole cluster (the in-process test cluster) may shorten it.</summary>
    public static TimeSpan Ttl { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Sets <see cref="Ttl"/> for every silo of this process. Only where every silo of the cluster is in this process:
    /// closing waits for its own silo's value, so silos of one cluster must agree on it.
    /// </summary>
    public static void UseTtlForWholeClusterInProcess(TimeSpan ttl) => Ttl = ttl;
    private static readonly ConcurrentDictionary<string, (bool Closed, DateTime Until)> Known = new(StringComparer.Ordinal);

    public static async Task<bool> IsClosedAsync(IGrainFactory grains, string city, int year)
    {
        var key = GrainKeys.CityYear(city, year);
        if (Known.TryGetValue(key, out var known) && known.Until > DateTime.UtcNow) return known.Closed;
        var closed = await grains.Grain<IYearGrain>(key).IsClosed();
        Known[key] = (closed, DateTime.UtcNow + Ttl);
        return closed;
    }
}
