using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Keys;

namespace ActorWelfare.Quartieri;

/// <summary>
/// A quartiere: its index of activities (kept by the activities, for the counts) and the list of its
/// activities, which is read from the store so it is never behind what was saved.
/// </summary>
public sealed class QuartiereGrain(
    [PersistentState("registry", StorageNames.Quartiere)] IPersistentState<QuartiereRegistryState> registry,
    Storage.IActivityStore store)
    : Grain, IQuartiereGrain
{
    async Task<QuartiereSummary> IQuartiereGrain.RegisterActivity(ActivityKind kind, string activityId)
    {
        SystemOnly();
        if (!GrainKeys.IsValidId(activityId))
            throw new ArgumentException($"activityId: must be a kebab-case id, got '{activityId}'.", nameof(activityId));
        if (registry.State.Of(kind).Add(activityId)) await SaveAsync();
        return Summary();
    }

    async Task<QuartiereSummary> IQuartiereGrain.RemoveActivity(ActivityKind kind, string activityId)
    {
        SystemOnly();
        if (registry.State.Of(kind).Remove(activityId)) await SaveAsync();
        return Summary();
    }

    Task<QuartiereSummary> IQuartiereGrain.GetSummary()
    {
        SignedIn();
        return Task.FromResult(Summary());
    }

    // From the store, not the index: a change whose notice to this grain was lost is listed all the same.
    Task<IReadOnlyList<ActivityRef>> IQuartiereGrain.ListActivities()
    {
        SignedIn();
        var (city, quartiere) = GrainKeys.ParseQuartiere(this.GetPrimaryKeyString());
        return store.ListQuartiereAsync(city, quartiere);
    }

    // The index follows the activities: only their grains (the cluster's own work) change it; people read it signed in.
    private static void SystemOnly()
    {
        if (!CallerContext.Current.IsSystem) throw new UnauthorizedAccessException("The quartiere index is changed by the activities only.");
    }

    private void SignedIn() => CityAccess.RequireReader(this.GetPrimaryKeyString().Split('/')[0]);

    // The change is acknowledged only after it is stored. If storing fails, the in-memory state is
    // ahead of the database: drop this activation so the next call reloads what was stored.
    private async Task SaveAsync()
    {
        registry.State.Version++;
        try
        {
            await registry.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private QuartiereSummary Summary()
    {
        var (city, quartiere) = GrainKeys.ParseQuartiere(this.GetPrimaryKeyString());
        var s = registry.State;
        return new QuartiereSummary(city, quartiere, s.Progetti.Count, s.Tavoli.Count, s.Gruppi.Count, s.Version);
    }
}
