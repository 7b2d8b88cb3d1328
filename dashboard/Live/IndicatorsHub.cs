using ActorWelfare.Dashboard.Access;
using ActorWelfare.Indicators;
using ActorWelfare.Territories;
using Microsoft.AspNetCore.SignalR;

namespace ActorWelfare.Dashboard.Live;

/// <summary>
/// <c>/hubs/indicators</c>: <c>Subscribe(city, year)</c> answers with the full document and joins the
/// city-year's group; every new version then arrives as an <c>indicators</c> message carrying the
/// whole document and its version. After a reconnect, subscribing again returns the full document.
/// The hub's door applies the same rule as the pages and the API: a city's aggregates need sign-in (a
/// cookie or a bearer token) unless the city publishes them as open data.
/// </summary>
public sealed class IndicatorsHub(IndicatorFeed feed, IReadOnlyDictionary<string, Territory> cities, AccessOptions access) : Hub
{
    public const string Path = "/hubs/indicators";
    public const string DocumentMessage = "indicators";
    private const string WatchesKey = "watches";

    public async Task<IndicatorDocument> Subscribe(string city, int year)
    {
        if (!cities.ContainsKey(city ?? "")) throw new HubException($"city: '{Shown(city)}' is not a configured city.");
        if (year is < 2000 or > 2100) throw new HubException($"year: {year} must be a year between 2000 and 2100.");
        if (!access.IsOpenData(city!) && Context.User?.Identity?.IsAuthenticated != true)
            throw new HubException($"Authorization: {city} does not publish its indicators as open data; sign in or send a token.");
        // Roles belong to cities: a city that is not open data is followed only by people with a role in it.
        if (!access.IsOpenData(city!) && !CallerFactory.From(Context.User).MayRead(city!))
            throw new HubException($"city: you hold no role in {city}.");
        var key = Keys.GrainKeys.CityYear(city!, year);
        var watches = Watches();
        lock (watches)
            if (!watches.ContainsKey(key)) watches[key] = feed.Watch(city!, year, null);
        await Groups.AddToGroupAsync(Context.ConnectionId, key);
        return await feed.GetAsync(city!, year);
    }

    public async Task Unsubscribe(string city, int year)
    {
        var key = Keys.GrainKeys.CityYear(city, year);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, key);
        var watches = Watches();
        IDisposable? watch;
        lock (watches)
            if (watches.Remove(key, out watch)) { }
        watch?.Dispose();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        var watches = Watches();
        List<IDisposable> all;
        lock (watches)
        {
            all = [.. watches.Values];
            watches.Clear();
        }
        foreach (var w in all) w.Dispose();
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>What was sent, cut short: a refusal never echoes a huge payload back.</summary>
    private static string? Shown(string? value) => value is { Length: > 64 } ? value[..64] + "…" : value;

    private Dictionary<string, IDisposable> Watches()
    {
        lock (Context.Items)
        {
            if (Context.Items.TryGetValue(WatchesKey, out var value) && value is Dictionary<string, IDisposable> existing) return existing;
            var created = new Dictionary<string, IDisposable>(StringComparer.Ordinal);
            Context.Items[WatchesKey] = created;
            return created;
        }
    }
}
