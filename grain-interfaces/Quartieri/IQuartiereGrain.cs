namespace ActorWelfare.Quartieri;

/// <summary>
/// A quartiere (Crema: zona) of a city, keyed "city/quartiere" (see <see cref="Keys.GrainKeys"/>), "city/*"
/// for the activities of the whole city. Its registry of activities is what the activities themselves
/// stored: the districts of an activity are saved with it, so nothing has to tell this grain.
/// </summary>
[Alias("IQuartiereGrain")]
public interface IQuartiereGrain : IGrainWithStringKey
{
    /// <summary>How many activities of each kind are in the quartiere (in any of their years, not deleted).</summary>
    [Alias("GetSummary")]
    Task<QuartiereSummary> GetSummary();

    /// <summary>The activities registered in the quartiere.</summary>
    [Alias("ListActivities")]
    Task<IReadOnlyList<ActivityRef>> ListActivities();
}
