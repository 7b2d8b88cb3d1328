using ActorWelfare.Cluster;
using ActorWelfare.Database;

namespace ActorWelfare.Silo.Hosting;

/// <summary>
/// At the grain boundary, a call that failed because PostgreSQL could not be reached fails with
/// <see cref="StoreUnavailableException"/> (typed and serializable) instead of the driver's exception, which
/// reaches other processes only as a fallback naming its type. Every other failure passes as it was.
/// </summary>
public sealed class StoreFailureFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (e is not StoreUnavailableException && PostgresOutage.In(e))
        {
            throw new StoreUnavailableException("database", $"{e.GetType().Name}: {e.Message}");
        }
    }
}
