namespace ActorWelfare.Domain;

/// <summary>
/// When an aggregator publishes its next version. Idle — nothing published within the last gap — at once, so a
/// single change reaches the pages without waiting. Busy, no sooner than the gap after the last publication ended,
/// and whatever arrives meanwhile goes out together. The gap follows what publishing costs, so that publishing takes
/// at most a given share (busyShare) of the aggregator's time (a large city's document waits longer than a small
/// one's), never under the shortest gap nor over the longest.
/// Times are read on a monotonic clock and passed in, so the rule is the same in a grain and in a test.
/// </summary>
public sealed class PublicationPacing
{
    private readonly TimeSpan shortestGap;
    private readonly TimeSpan longestGap;
    private readonly double waitPerCost;
    private TimeSpan? lastEnded;
    private TimeSpan typicalCost;

    public PublicationPacing(TimeSpan shortestGap, TimeSpan longestGap, double busyShare = 0.25)
    {
        if (shortestGap < TimeSpan.Zero || longestGap < shortestGap)
            throw new ArgumentException($"The gaps must satisfy 0 ≤ shortest ({shortestGap}) ≤ longest ({longestGap}).");
        if (busyShare is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(busyShare), busyShare, "A share of time: more than 0, at most 1.");
        (this.shortestGap, this.longestGap, waitPerCost) = (shortestGap, longestGap, (1 - busyShare) / busyShare);
        Gap = shortestGap;
    }

    /// <summary>The time between the end of one publication and the start of the next while changes keep coming.</summary>
    public TimeSpan Gap { get; private set; }

    /// <summary>How long a change seen at <paramref name="now"/> waits before its publication starts (zero: at once).</summary>
    public TimeSpan WaitAt(TimeSpan now)
    {
        if (lastEnded is not { } ended) return TimeSpan.Zero;
        var since = now - ended;
        return since >= Gap ? TimeSpan.Zero : Gap - since;
    }

    /// <summary>A publication that took <paramref name="cost"/> ended at <paramref name="now"/>.</summary>
    public void Published(TimeSpan cost, TimeSpan now)
    {
        lastEnded = now;
        // Smoothed, so one slow publication (a collection, a slow write) does not hold the next ones back long.
        typicalCost = typicalCost == TimeSpan.Zero ? cost : (typicalCost * 3 + cost) / 4;
        var wait = typicalCost * waitPerCost;
        Gap = wait < shortestGap ? shortestGap : wait > longestGap ? longestGap : wait;
    }
}
