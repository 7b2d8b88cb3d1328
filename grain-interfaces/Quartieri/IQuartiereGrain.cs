using ActorWelfare.Activities;

namespace ActorWelfare.Quartieri;

/// <summary>
/// A quartiere (Crema: zona) of a city, keyed "city/quartiere" (see <see cref="Keys.GrainKeys"/>).
/// Holds the registry of the activities that run in it.
/// </summary>
[Alias("IQuartiereGrain")]
public interface IQuartiereGrain : IGrainWithStringKey
{
    /// <summary>Adds an activity to the registry; registering the same id again changes nothing.</summary>
    [Alias("RegisterActivity")]
    Task<QuartiereSummary> RegisterActivity(ActivityKind kind, string activityId);

    /// <summary>Removes an activity from the registry, if present.</summary>
    [Alias("RemoveActivity")]
    Task<QuartiereSummary> RemoveActivity(ActivityKind kind, string activityId);

    [Alias("GetSummary")]
    Task<QuartiereSummary> GetSummary();

    /// <summary>The activities registered in the quartiere.</summary>
    [Alias("ListActivities")]
    Task<IReadOnlyList<ActivityRef>> ListActivities();
}
