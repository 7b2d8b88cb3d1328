using ActorWelfare.Alerts;
using ActorWelfare.Dashboard.Cluster;
using ActorWelfare.Dashboard.Localization;
using ActorWelfare.Indicators;

namespace ActorWelfare.Dashboard.Live;

/// <summary>
/// The dashboard host's one subscription to each watched city's alerts (as <see cref="IndicatorFeed"/> is to the
/// figures). The grain tells only the list's new version: each page then reads the list under its own person's
/// role, so nothing a person may not read passes through here. Renewed on a timer; a renewal that finds another
/// version than the pages saw (missed while a silo restarted) tells them too.
/// </summary>
public sealed partial class AlertFeed(ClusterConnection cluster, ILogger<AlertFeed> log) : BackgroundService, IAlertsObserver
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<Func<long, Task>>> watchers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> versions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim renewNow = new(0);
    private IAlertsObserver? reference;

    /// <summary>Calls <paramref name="watcher"/> with each new version of the city's alerts until the result is disposed.</summary>
    public IDisposable Watch(string city, Func<long, Task> watcher)
    {
        // Called back in the culture the page watched from, not the delivering thread's (PageCulture).
        var culture = PageCulture.Current;
        Func<long, Task> onChange = version =>
        {
            culture.Apply();
            return watcher(version);
        };
        bool first;
        lock (gate)
        {
            if (!watchers.TryGetValue(city, out var list)) watchers[city] = list = [];
            first = list.Count == 0;
            list.Add(onChange);
        }
        if (first) renewNow.Release();
        return new Subscription(() =>
        {
            lock (gate)
                if (watchers.TryGetValue(city, out var list) && list.Remove(onChange) && list.Count == 0) watchers.Remove(city);
        });
    }

    // A notice is always news: a restarted grain may number again a version the pages already saw.
    Task IAlertsObserver.OnAlertsChanged(string city, long version) => DeliverAsync(city, version, renewal: false);

    private async Task DeliverAsync(string city, long version, bool renewal)
    {
        List<Func<long, Task>> told;
        lock (gate)
        {
            // A renewal tells the pages only of a version they have not seen (one missed while a silo restarted).
            if ((renewal && versions.GetValueOrDefault(city, -1) == version) || !watchers.TryGetValue(city, out var list)) return;
            versions[city] = version;
            told = [.. list];
        }
        foreach (var onChange in told)
        {
            try { await Task.Run(() => onChange(version)); } // its own flow: the culture it applies stays there
            catch (Exception e) { LogWatcherFailed(e, city); }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A lost gateway (a silo restarting): subscribe again at once, as the figures' feed does.
        cluster.GatewaysLost += _ => renewNow.Release();
        var client = await cluster.WhenConnected.WaitAsync(stoppingToken);
        reference = client.CreateObjectReference<IAlertsObserver>(this);
        while (!stoppingToken.IsCancellationRequested)
        {
            string[] cities;
            lock (gate) cities = [.. watchers.Keys];
            foreach (var city in cities)
            {
                try { await DeliverAsync(city, await client.GetGrain<IAlertsGrain>(city).Subscribe(reference).WaitAsync(TimeSpan.FromSeconds(10), stoppingToken), renewal: true); }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested) { LogRenewFailed(city, e.Message); }
            }
            try { await renewNow.WaitAsync(IndicatorSubscriptions.RenewEvery, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (reference is not null) cluster.Client?.DeleteObjectReference<IAlertsObserver>(reference);
    }

    private sealed class Subscription(Action release) : IDisposable
    {
        private int disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live alerts of {City}: subscribing failed ({Reason}); retrying")]
    private partial void LogRenewFailed(string city, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live alerts of {City}: a watcher failed")]
    private partial void LogWatcherFailed(Exception e, string city);
}
