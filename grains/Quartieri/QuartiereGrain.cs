using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Keys;

namespace ActorWelfare.Quartieri;

/// <summary>
/// A quartiere's registry of activities, read from the activity store: an activity's districts are stored
/// with the activity in the same transaction, so the registry is never behind a save and keeping it costs
/// nothing (a copy kept here was rewritten whole at each new activity — the largest part of a large import).
/// </summary>
public sealed class QuartiereGrain(Storage.IActivityStore store) : Grain, IQuartiereGrain
{
    async Task<QuartiereSummary> IQuartiereGrain.GetSummary()
    {
        var (city, quartiere, activities) = await ActivitiesHereAsync();
        int Count(ActivityKind kind) => activities.Count(a => a.Kind == kind);
        return new QuartiereSummary(city, quartiere, Count(ActivityKind.Progetto), Count(ActivityKind.Tavolo), Count(ActivityKind.Gruppo));
    }

    async Task<IReadOnlyList<ActivityRef>> IQuartiereGrain.ListActivities() => (await ActivitiesHereAsync()).Activities;

    /// <summary>The activities of this quartiere, for a caller who may read its city's records.</summary>
    private async Task<(string City, string Quartiere, IReadOnlyList<ActivityRef> Activities)> ActivitiesHereAsync()
    {
        SignedIn();
        var (city, quartiere) = GrainKeys.ParseQuartiere(this.GetPrimaryKeyString());
        return (city, quartiere, await store.ListQuartiereAsync(city, quartiere));
    }

    private void SignedIn() => CityAccess.RequireReader(this.GetPrimaryKeyString().Split('/')[0]);
}
