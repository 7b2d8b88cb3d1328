using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ActorWelfare.Cluster;

/// <summary>
/// References to string-keyed grains without Orleans naming the interface at every call: <c>GetGrain&lt;T&gt;(key)</c>
/// formats the interface's type name each time (Orleans keeps no cache of it; on the update path, where every update
/// asks for its activity, its years' aggregators and its city's alerts, that took about a sixth of the silo's CPU).
/// The interface's grain type and interface type are asked of Orleans once per grain factory and reused: they stay the
/// same for a build (each grain interface here has one grain class).
/// </summary>
public static class GrainReferences
{
    private static readonly ConditionalWeakTable<IGrainFactory, ConcurrentDictionary<Type, (GrainType Grain, GrainInterfaceType Interface)>> Resolved = new();

    /// <summary>The same reference as <c>grains.GetGrain&lt;T&gt;(key)</c>.</summary>
    public static T Grain<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        var known = Resolved.GetOrCreateValue(grains);
        if (known.TryGetValue(typeof(T), out var types)) return (T)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
        var reference = grains.GetGrain<T>(key);
        if (reference is GrainReference resolved) known[typeof(T)] = (resolved.GrainId.Type, resolved.InterfaceType);
        return reference;
    }
}
