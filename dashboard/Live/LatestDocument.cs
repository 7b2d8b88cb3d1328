using ActorWelfare.Indicators;

namespace ActorWelfare.Dashboard.Live;

/// <summary>
/// The document a live page shows: a pushed version and the first read can arrive in either order, and two
/// pushes can overtake each other on their way to the page; only a newer version replaces what is shown,
/// so a page never goes back to an older one.
/// </summary>
public sealed class LatestDocument
{
    private readonly Lock gate = new();

    public IndicatorDocument? Current { get; private set; }

    /// <summary>Shows <paramref name="document"/> if it is newer than the one shown; true when it did.</summary>
    public bool Offer(IndicatorDocument? document)
    {
        if (document is null) return false;
        lock (gate)
        {
            if (Current is { } shown && shown.Version >= document.Version) return false;
            Current = document;
            return true;
        }
    }

    /// <summary>Forgets what was shown (another city or year).</summary>
    public void Clear()
    {
        lock (gate) Current = null;
    }
}
