using ActorWelfare.Dashboard.Cluster;
using ActorWelfare.Dashboard.Localization;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using Microsoft.AspNetCore.SignalR;

namespace ActorWelfare.Dashboard.Live;

/// <summary>Whether live updates are flowing.</summary>
public enum FeedStatus { Connecting, Live, Reconnecting }

/// <summary>
/// The dashboard host's one subscription to the aggregators: a single observer object (held here,
/// deleted on shutdown) subscribed to each city-year somebody is watching, renewed on a timer. New
/// documents fan out in-process to Blazor circuits and to the SignalR group of that city-year.
/// Every renewal also fetches the full document, so an update missed while a silo restarted is
/// caught up by itself.
/// </summary>
public sealed partial class IndicatorFeed(ClusterConnection cluster, IHubContext<IndicatorsHub> hub,
    ActorWelfare.Dashboard.Telemetry.DashboardTelemetry telemetry, ILogger<IndicatorFeed> log)
    : BackgroundService, IIndicatorsObserver
{
    /// <summary>
    /// How long a city-year nobody watches any more stays followed. A page is prerendered, then goes live in a circuit a
    /// moment later: in between its prerender stopped watching, and the live render finds the document here at once
    /// instead of drawing "loading" over the charts it replaces until the aggregator answers.
    /// </summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(10);

    private readonly Lock gate = new();
    private readonly Dictionary<string, CityYear> feeds = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();
    private long leaves;
    private IIndicatorsObserver? reference;
    private readonly SemaphoreSlim renewNow = new(0);

    public FeedStatus Status { get; private set; } = FeedStatus.Connecting;

    /// <summary>Raised when <see cref="Status"/> changes.</summary>
    public event Action? StatusChanged;

    /// <summary>City-years this host is subscribed to, watched or lingering (for diagnostics and the leak tests).</summary>
    public int Subscriptions { get { lock (gate) return feeds.Count; } }

    /// <summary>Pages and hub connections watching, all city-years together.</summary>
    public int Watchers { get { lock (gate) return feeds.Values.Sum(f => f.Watchers.Count); } }

    /// <summary>The latest document, from the cache when this host follows it.</summary>
    public async Task<IndicatorDocument> GetAsync(string city, int year)
    {
        var key = GrainKeys.CityYear(city, year);
        lock (gate)
            if (feeds.TryGetValue(key, out var feed) && feed.Latest is { } latest) return latest;
        var client = cluster.Client ?? throw new InvalidOperationException("Not connected to the cluster yet.");
        var document = await client.GetGrain<ICityIndicatorsGrain>(key).GetDocument();
        await DeliverAsync(document);
        return document;
    }

    /// <summary>Calls <paramref name="onChange"/> with every new version until the result is disposed.</summary>
    public IDisposable Watch(string city, int year, Func<IndicatorDocument, Task>? onChange)
    {
        var key = GrainKeys.CityYear(city, year);
        var watcher = new Watcher(this, key, onChange, PageCulture.Current);
        bool first = false;
        lock (gate)
        {
            if (!feeds.TryGetValue(key, out var feed)) (feeds[key], first) = (feed = new CityYear(), true);
            feed.Watchers.Add(watcher);
        }
        if (first) renewNow.Release();
        return watcher;
    }

    private void Release(Watcher watcher)
    {
        CityYear? idle = null;
        long leave = 0;
        lock (gate)
        {
            if (!feeds.TryGetValue(watcher.Key, out var feed) || !feed.Watchers.Remove(watcher)) return;
            if (feed.Watchers.Count == 0) (idle = feed).LastLeave = leave = ++leaves;
        }
        // After shutdown (circuits may be torn down after this host), StopAsync has unsubscribed every key already.
        if (idle is not null && !stopping.IsCancellationRequested) _ = ForgetWhenIdleAsync(watcher.Key, idle, leave);
    }

    /// <summary>Stops following a city-year <see cref="Linger"/> after its last watcher left, if none came since.</summary>
    private async Task ForgetWhenIdleAsync(string key, CityYear feed, long leave)
    {
        try
        {
            await Task.Delay(Linger, stopping.Token);
            lock (gate)
            {
                // Watched and left again meanwhile: that later leave's own wait ends it.
                if (feed.Watchers.Count > 0 || feed.LastLeave != leave || !feeds.TryGetValue(key, out var now) || now != feed) return;
                feeds.Remove(key);
            }
            if (reference is not null && cluster.Client is { } client) await client.GetGrain<ICityIndicatorsGrain>(key).Unsubscribe(reference);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { } // shutting down: StopAsync unsubscribes every key
        catch (Exception e) { LogUnsubscribeFailed(e, key); }
    }

    Task IIndicatorsObserver.OnIndicators(IndicatorDocument document) => DeliverAsync(document);

    private async Task DeliverAsync(IndicatorDocument document)
    {
        var key = GrainKeys.CityYear(document.City, document.Year);
        List<Watcher> watchers;
        lock (gate)
        {
            if (!feeds.TryGetValue(key, out var feed)) return;
            if (feed.Latest is { } held && held.Version >= document.Version) return;
            feed.Latest = document;
            watchers = [.. feed.Watchers];
        }
        using var push = telemetry.Push(key, document.Version, watchers.Count, document.AsOf);
        foreach (var w in watchers)
        {
            try { await w.DeliverAsync(document); }
            catch (Exception e) { LogWatcherFailed(e, key); }
        }
        await hub.Clients.Group(key).SendAsync(IndicatorsHub.DocumentMessage, document);
    }

    private void OnGatewaysLost(bool lost)
    {
        if (lost) SetStatus(FeedStatus.Reconnecting);
        renewNow.Release(); // renew (and resync) at once, and keep retrying every second while down
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        cluster.GatewaysLost += OnGatewaysLost;
        var client = await cluster.WhenConnected.WaitAsync(stoppingToken);
        reference = client.CreateObjectReference<IIndicatorsObserver>(this);
        while (!stoppingToken.IsCancellationRequested)
        {
            string[] keys;
            lock (gate) keys = [.. feeds.Keys];
            try
            {
                foreach (var key in keys)
                {
                    var grain = client.GetGrain<ICityIndicatorsGrain>(key);
                    await grain.Subscribe(reference).WaitAsync(TimeSpan.FromSeconds(10), stoppingToken);
                    await DeliverAsync(await grain.GetDocument().WaitAsync(TimeSpan.FromSeconds(10), stoppingToken));
                }
                SetStatus(FeedStatus.Live);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRenewFailed(e.Message);
                SetStatus(FeedStatus.Reconnecting);
            }
            var wait = Status == FeedStatus.Live ? IndicatorSubscriptions.RenewEvery : TimeSpan.FromSeconds(1);
            try { await renewNow.WaitAsync(wait, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        cluster.GatewaysLost -= OnGatewaysLost;
        await stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
        if (reference is null || cluster.Client is not { } client) return;
        string[] keys;
        lock (gate) keys = [.. feeds.Keys];
        try
        {
            await Task.WhenAll(keys.Select(k => client.GetGrain<ICityIndicatorsGrain>(k).Unsubscribe(reference)))
                .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception e) { LogRenewFailed(e.Message); }
        client.DeleteObjectReference<IIndicatorsObserver>(reference);
    }

    public override void Dispose()
    {
        stopping.Dispose();
        base.Dispose();
    }

    private void SetStatus(FeedStatus status)
    {
        if (Status == status) return;
        Status = status;
        StatusChanged?.Invoke();
    }

    private sealed class CityYear
    {
        public readonly List<Watcher> Watchers = [];
        public IndicatorDocument? Latest;
        /// <summary>Which leave (numbered by this host) last left it without watchers.</summary>
        public long LastLeave;
    }

    private sealed class Watcher(IndicatorFeed feed, string key, Func<IndicatorDocument, Task>? onChange, PageCulture culture) : IDisposable
    {
        private int disposed;
        public string Key => key;

        /// <summary>Calls the watcher in the culture it watched from, not the delivering thread's.</summary>
        public async Task DeliverAsync(IndicatorDocument document)
        {
            if (onChange is null) return;
            culture.Apply(); // scoped to this async method: the feed's own flow keeps its culture
            await onChange(document);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) feed.Release(this);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live indicators: renewal failed ({Reason}); retrying")]
    private partial void LogRenewFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live indicators: unsubscribing {Key} failed")]
    private partial void LogUnsubscribeFailed(Exception e, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live indicators: a watcher of {Key} failed")]
    private partial void LogWatcherFailed(Exception e, string key);
}
