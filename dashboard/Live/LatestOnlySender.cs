namespace ActorWelfare.Dashboard.Live;

/// <summary>
/// Sends the newest of a stream of values, one send at a time. A value offered while a send is under way waits for it,
/// and a newer one offered meanwhile takes its place: a slow send (one version to a group of hundreds of connections)
/// skips the versions that came and went during it instead of queueing every one behind it, and the last value offered
/// is always sent. Offers may arrive out of order (two deliveries racing): a value no newer than the one waiting or
/// the last one sent is dropped.
/// </summary>
public sealed class LatestOnlySender<T>(Func<T, long> versionOf, Func<T, Task> send, Action<Exception> failed) where T : class
{
    private readonly Lock gate = new();
    private T? waiting;
    private long newest = long.MinValue;
    private bool sending;

    /// <summary>
    /// Sends <paramref name="value"/> now, or once the send under way is done unless a newer value replaces it by then.
    /// The caller that finds no send under way sends, until nothing newer waits; the others return at once.
    /// </summary>
    public async Task OfferAsync(T value)
    {
        lock (gate)
        {
            if (versionOf(value) <= newest) return;
            newest = versionOf(value);
            waiting = value;
            if (sending) return;
            sending = true;
        }
        while (true)
        {
            T next;
            lock (gate)
            {
                if (waiting is null)
                {
                    sending = false;
                    return;
                }
                next = waiting;
                waiting = null;
            }
            try { await send(next); }
            catch (Exception e) { failed(e); } // a failed send does not stop the newer ones
        }
    }
}
