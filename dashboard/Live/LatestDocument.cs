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
    private (string City, int Year)? following;

    public IndicatorDocument? Current { get; private set; }

    /// <summary>
    /// Shows <paramref name="document"/> if it is of the city-year followed and newer than the one shown;
    /// true when it did. A late document of a city-year followed before is dropped (versions count per city-year).
    /// </summary>
    public bool Offer(IndicatorDocument? document)
    {
        if (document is null) return false;
        lock (gate)
        {
            if (following != (document.City, document.Year)) return false;
            if (Current is { } shown && shown.Version >= document.Version) return false;
            Current = document;
            return true;
        }
    }

    /// <summary>Follows another city-year from now on: what was shown is forgotten.</summary>
    public void Follow(string city, int year)
    {
        lock (gate)
        {
            following = (city, year);
            Current = null;
        }
    }
}
