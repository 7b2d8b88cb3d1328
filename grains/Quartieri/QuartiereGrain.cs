using ActorWelfare.Activities;
using ActorWelfare.Keys;
using Orleans.Runtime;

namespace ActorWelfare.Quartieri;

public sealed class QuartiereGrain(
    [PersistentState("registry", StorageNames.Quartiere)] IPersistentState<QuartiereRegistryState> registry)
    : Grain, IQuartiereGrain
{
    async Task<QuartiereSummary> IQuartiereGrain.RegisterActivity(ActivityKind kind, string activityId)
    {
        if (!GrainKeys.IsValidId(activityId))
            throw new ArgumentException($"activityId: must be a kebab-case id, got '{activityId}'.", nameof(activityId));
        if (registry.State.Of(kind).Add(activityId)) await SaveAsync();
        return Summary();
    }

    async Task<QuartiereSummary> IQuartiereGrain.RemoveActivity(ActivityKind kind, string activityId)
    {
        if (registry.State.Of(kind).Remove(activityId)) await SaveAsync();
        return Summary();
    }

    Task<QuartiereSummary> IQuartiereGrain.GetSummary() => Task.FromResult(Summary());

    Task<IReadOnlyList<ActivityRef>> IQuartiereGrain.ListActivities() =>
        Task.FromResult<IReadOnlyList<ActivityRef>>([.. Enum.GetValues<ActivityKind>()
            .SelectMany(kind => registry.State.Of(kind).Order(StringComparer.Ordinal).Select(id => new ActivityRef(kind, id)))]);

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
