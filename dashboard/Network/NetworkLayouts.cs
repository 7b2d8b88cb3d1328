using ActorWelfare.Indicators;

namespace ActorWelfare.Dashboard.Network;

/// <summary>
/// The layouts of the networks pages show, one per city-year, filter and view, shared by every page of this dashboard:
/// a network is laid out once per version of its figures (the prerendered page and its live circuit, and every
/// other visitor, reuse it), and each new version starts from the previous one's places, so live changes keep the
/// picture still.
/// </summary>
public sealed partial class NetworkLayouts(ILogger<NetworkLayouts> logger) : IDisposable
{
    public void Dispose() => running.Dispose();

    /// <summary>How many drawings are remembered; the least recently used goes first.</summary>
    public const int Kept = 64;

    // The version and the nodes drawn: two reads of one version may differ (the graph is read from the store after the version).
    private sealed record Drawn(long Version, string Nodes);

    private sealed class Entry(Drawn drawn, Task<IReadOnlyDictionary<string, NodePlace>?> places)
    {
        public Drawn Drawn { get; } = drawn;
        public Task<IReadOnlyDictionary<string, NodePlace>?> Places { get; } = places;
        public long Used { get; set; }
    }

    // A layout takes a core for up to half a second: a few at once, the others queue (many filters asked together
    // do not take the whole machine); one that waits too long is left to the browser, and the next visit tries again.
    private readonly SemaphoreSlim running = new(Math.Max(1, Environment.ProcessorCount / 2));
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = [];
    private long clock;

    /// <summary>The places of <paramref name="drawing"/>'s nodes; null when the layout failed (the browser then lays it out itself).</summary>
    public Task<IReadOnlyDictionary<string, NodePlace>?> PlaceAsync(NetworkGraph graph, NetworkView view, NetworkDrawing drawing)
    {
        var key = $"{graph.City}/{graph.Year}/{graph.Filter}/{view}";
        var drawn = new Drawn(graph.Version, string.Join('\n', drawing.Nodes().Select(n => n.Id)));
        lock (gate)
        {
            entries.TryGetValue(key, out var known);
            if (known is not null && known.Drawn == drawn)
            {
                known.Used = ++clock;
                return known.Places;
            }
            // Seeded from the last layout, even one still running (a burst of versions during an import).
            var before = known?.Places;
            var places = Task.Run(async () =>
            {
                var seed = before is null ? null : await before;
                if (!await running.WaitAsync(LongestWait))
                {
                    TooBusy(key);
                    Forget(key, drawn);
                    return null;
                }
                try { return Layout(key, drawing, seed); }
                finally { running.Release(); }
            });
            // An older version asked late (a page behind the feed) is laid out but does not replace the newer one.
            if (known is null || known.Drawn.Version <= graph.Version)
            {
                entries[key] = new Entry(drawn, places) { Used = ++clock };
                if (entries.Count > Kept) entries.Remove(entries.MinBy(e => e.Value.Used).Key);
            }
            return places;
        }
    }

    private void Forget(string key, Drawn drawn)
    {
        lock (gate)
            if (entries.TryGetValue(key, out var entry) && entry.Drawn == drawn) entries.Remove(key);
    }

    private IReadOnlyDictionary<string, NodePlace>? Layout(string key, NetworkDrawing drawing, IReadOnlyDictionary<string, NodePlace>? before)
    {
        try
        {
            var places = NetworkLayout.Place(drawing.Nodes(), drawing.Edges(), before);
            if (places.Values.All(p => double.IsFinite(p.X) && double.IsFinite(p.Y))) return places;
            LayoutFailed(null, key);
        }
        catch (Exception e)
        {
            LayoutFailed(e, key);
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The network {Key} waited too long for a layout; the browser lays it out this time.")]
    private partial void TooBusy(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The network {Key} could not be laid out on the server; the browser lays it out.")]
    private partial void LayoutFailed(Exception? exception, string key);
}
