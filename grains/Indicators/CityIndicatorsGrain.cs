using System.Diagnostics;
using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Keys;
using ActorWelfare.Storage;
using ActorWelfare.Telemetry;
using ActorWelfare.Territories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace ActorWelfare.Indicators;

/// <summary>
/// The indicators of a city for a year, kept from the activities' absolute contributions. It trusts
/// no in-memory delta across failures: on activation it takes back the figures of its last checkpoint and reads
/// again the activities changed since the checkpoint's horizon (or, without a usable checkpoint, rebuilds from the
/// stored activities); the checkpoint's activities are decoded only when a change first needs them. It reconciles
/// with the store on a timer (what changed since its horizon; every few periods, every version of the city-year),
/// so a contribution lost with a crashed silo is repaired.
/// </summary>
public sealed partial class CityIndicatorsGrain(
    IActivityStore store,
    IIndicatorCheckpoints checkpoints,
    TerritoryCatalog territories,
    IConfiguration configuration,
    ILogger<CityIndicatorsGrain> logger) : Grain, ICityIndicatorsGrain
{
    private readonly Dictionary<string, (long Version, KeyValuePair<string, long>[]? Vector)> contributions = new(StringComparer.Ordinal);
    private IndicatorTotals totals = new();
    /// <summary>
    /// The head of the checkpoint whose figures are in <see cref="totals"/> but whose activities are not yet in
    /// <see cref="contributions"/> (<see cref="EnsureContributionsAsync"/>).
    /// </summary>
    private CheckpointHead? undecoded;
    /// <summary>The store's horizon: every change before it is in the contributions (none until the first read).</summary>
    private long? horizon;
    private int reconciliations;
    private Territory territory = null!;
    private int year;
    private IndicatorDocument? document;
    private bool dirty = true;
    private IGrainTimer? publishSoon;
    private PublicationPacing pacing = null!;
    private long lastVersion;
    /// <summary>
    /// The highest version this aggregator may hand out. Versions come from blocks reserved in the checkpoint store, so
    /// they keep growing across restarts without a database write in every publication.
    /// </summary>
    private long reservedUpTo;
    private ObserverManager<IIndicatorsObserver> observers = null!;
    // What caused the version being gathered: the first contribution's trace (the publication's parent, so one
    // trace runs from a person's save to the push to the pages) and the others' as links; and when it began.
    private ActivityContext? cause;
    private readonly List<ActivityLink> alsoCaused = [];
    private long? gatheringSince;
    private const int MostLinks = 32;

    /// <summary>Versions reserved by one write: a restart skips at most this many.</summary>
    public const int ReservedVersions = 1_000;

    private const int ReloadOneByOne = 50;

    private string rules = "";
    /// <summary>Contributions changed since the last checkpoint was written.</summary>
    private bool unsaved;
    /// <summary>When the figures taken back from a checkpoint last changed, until they change again.</summary>
    private DateTimeOffset? restoredAsOf;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (var city, year) = GrainKeys.ParseCityYear(this.GetPrimaryKeyString());
        observers = new ObserverManager<IIndicatorsObserver>(IndicatorSubscriptions.Lifetime, logger);
        territory = territories.Get(city);
        pacing = IndicatorPacing.From(configuration);
        rules = ContributionCheckpoint.RulesOf(territory);
        // The first publication needs a block of versions of its own: reserved in the statement that reads the
        // checkpoint (the versions before the block are skipped: they may have been used).
        var start = await checkpoints.ReserveAndLoadAsync(territory.Id, year, ReservedVersions, cancellationToken);
        (lastVersion, reservedUpTo) = (start.ReservedUpTo - ReservedVersions, start.ReservedUpTo);
        if (!await RestoreAsync(start.Checkpoint)) await LoadFromActivitiesAsync();
        var every = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Indicators:CheckpointSeconds", 60)));
        this.RegisterGrainTimer(() => CheckpointAsync(CancellationToken.None), every * (0.25 + 0.5 * Random.Shared.NextDouble()), every);
        // The first check at a random point of the period: thousands of aggregators activated together
        // (a silo start, a national burst) must not all query the store in the same second, every period.
        var period = TimeSpan.FromSeconds(configuration.GetValue("Indicators:ReconcileSeconds", 30));
        var first = period * (0.5 + Random.Shared.NextDouble());
        this.RegisterGrainTimer(async () => await ReconcileOnTimerAsync(), first, period);
    }

    async Task ICityIndicatorsGrain.Contribute(ActivityContribution contribution)
    {
        // Contributions come from the activity grains (the cluster's own work), never from a person or a client.
        if (!CallerContext.Current.IsSystem) throw new UnauthorizedAccessException("Contributions come from the activity grains only.");
        await EnsureContributionsAsync();
        if (contribution.SavedAt is { } saved) GrainTelemetry.ContributionLag.Record((DateTimeOffset.UtcNow - saved).TotalMilliseconds);
        if (Take(contribution.ActivityKey, contribution.Version, contribution.Vector) && Activity.Current is { } call)
        {
            if (cause is null) cause = call.Context;
            else if (alsoCaused.Count < MostLinks) alsoCaused.Add(new ActivityLink(call.Context));
        }
    }

    Task ICityIndicatorsGrain.Subscribe(IIndicatorsObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    Task ICityIndicatorsGrain.Unsubscribe(IIndicatorsObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    async Task<IndicatorDocument> ICityIndicatorsGrain.GetDocument()
    {
        if (dirty || document is null) await PublishAsync();
        return document!;
    }

    async Task<IReadOnlyList<string>> ICityIndicatorsGrain.GetContributors(FigureSelector figure)
    {
        CityAccess.RequireReader(territory.Id);
        await EnsureContributionsAsync();
        var organisations = figure.OrganisationsBehind(contributions.Values.Select(c => (c.Vector ?? []).Select(e => e.Key)));
        return [.. contributions
            .Where(c => c.Value.Vector is { } vector && figure.Matches(vector.Select(e => e.Key), organisations)).Select(c => c.Key).Order(StringComparer.Ordinal)];
    }

    Task<int> ICityIndicatorsGrain.Reconcile()
    {
        CityAccess.Require(GrainKeys.ParseCityYear(this.GetPrimaryKeyString()).City,
            "Only an administrator of the city (or the cluster itself) asks for a reconciliation.", Roles.Amministratore);
        return ReconcileWholeAsync();
    }

    /// <summary>The timer's reconciliation: what changed since the horizon, and every few periods every version of the city-year.</summary>
    private Task<int> ReconcileOnTimerAsync() =>
        ++reconciliations % Math.Max(1, configuration.GetValue("Indicators:WholeReconcileEvery", 10)) == 0 ? ReconcileWholeAsync() : CatchUpAsync();

    /// <summary>Brings every contribution in step with every version the store holds for the city-year.</summary>
    private async Task<int> ReconcileWholeAsync()
    {
        var next = (await store.ChangesAsync(territory.Id, year, since: null)).Horizon; // before the versions are read
        var stored = await store.VersionsAsync(territory.Id, year);
        await EnsureContributionsAsync();
        var stale = stored.Where(s => contributions.GetValueOrDefault(s.Key).Version != s.Value).Select(s => s.Key).ToHashSet();
        // Tracked activities that no longer touch this year, whose withdrawal never arrived.
        var gone = contributions.Where(c => c.Value.Vector is not null && !stored.ContainsKey(c.Key)).Select(c => c.Key).ToList();
        var repaired = await RepairAsync(stale, gone);
        horizon = next;
        return repaired;
    }

    /// <summary>Brings the contributions in step with what changed in the store since the horizon (every version when there is none).</summary>
    private async Task<int> CatchUpAsync()
    {
        if (horizon is not { } since) return await ReconcileWholeAsync();
        var changes = await store.ChangesAsync(territory.Id, year, since);
        if (since > changes.Horizon)
        {
            LogForeignHorizon(territory.Id, year);
            return await ReconcileWholeAsync();
        }
        var repaired = await CatchUpAsync(changes.Changed);
        horizon = changes.Horizon;
        return repaired;
    }

    /// <summary>Reads again the changed activities whose version differs from the one held (and that touch the year, or did).</summary>
    private async Task<int> CatchUpAsync(IReadOnlyList<StoredVersion> changed)
    {
        if (changed.Count == 0) return 0;
        await EnsureContributionsAsync();
        unsaved = true; // the newer horizon written down spares the next activation reading these again
        var stale = new HashSet<string>(StringComparer.Ordinal);
        var gone = new List<string>();
        foreach (var (key, version, touches) in changed)
        {
            var held = contributions.GetValueOrDefault(key);
            if (held.Version == version) continue;
            if (touches) stale.Add(key);
            else if (held.Vector is not null) gone.Add(key);
        }
        return await RepairAsync(stale, gone);
    }

    /// <summary>Reads the stale activities and those gone from the year again, and takes what the store holds.</summary>
    private async Task<int> RepairAsync(HashSet<string> stale, List<string> gone)
    {
        // A few stale activities (changes in flight, a lost message) are read one by one; many, at once.
        if (stale.Count > ReloadOneByOne)
        {
            foreach (var record in await store.LoadCityYearAsync(territory.Id, year))
                if (stale.Contains(ActivityJson.KeyOf(record))) Take(record, fromStore: true);
        }
        else
            foreach (var key in stale)
            {
                var (city, kind, id) = GrainKeys.ParseActivity(key);
                if (await store.LoadAsync(city, kind, id) is { } record) Take(record, fromStore: true);
            }
        foreach (var key in gone)
        {
            var (city, kind, id) = GrainKeys.ParseActivity(key);
            var record = await store.LoadAsync(city, kind, id);
            Take(key, record?.Version ?? long.MaxValue, record is null ? null : ContributionVector.For(record, year, territory));
        }
        var repaired = stale.Count + gone.Count;
        if (repaired > 0) LogReconciled(territory.Id, year, repaired);
        return repaired;
    }

    /// <summary>Rebuilds the contributions from every stored activity of the city-year.</summary>
    private async Task LoadFromActivitiesAsync()
    {
        var next = (await store.ChangesAsync(territory.Id, year, since: null)).Horizon; // before the activities are read
        foreach (var record in await store.LoadCityYearAsync(territory.Id, year)) Take(record);
        horizon = next;
        unsaved = true; // the next checkpoint spares the next activation this load
        GrainTelemetry.AggregatorLoads.Add(1, new KeyValuePair<string, object?>("from", "activities"));
    }

    /// <summary>
    /// Reads the restored checkpoint's activities and puts them into the contributions (their sum is already in the
    /// totals); if they are gone or do not decode (written with another head), starts again from the activities.
    /// </summary>
    private async Task EnsureContributionsAsync()
    {
        if (undecoded is not { } head) return;
        IReadOnlyList<HeldContribution> held;
        try
        {
            held = ContributionCheckpoint.DecodeContributions(head, await checkpoints.LoadContributionsAsync(territory.Id, year)
                ?? throw new InvalidDataException("its contributions are no longer stored"));
        }
        catch (InvalidDataException e)
        {
            undecoded = null;
            LogCheckpointSkipped(territory.Id, year, e.Message);
            contributions.Clear();
            totals = new IndicatorTotals();
            dirty = true;
            horizon = null; // should the load fail, the next check reads every version, and no checkpoint is written with a horizon
            await LoadFromActivitiesAsync();
            return;
        }
        undecoded = null;
        foreach (var (activity, version, vector) in held) contributions[activity] = (version, vector);
    }

    private void Take(ActivityRecord record, bool fromStore = false) =>
        Take(ActivityJson.KeyOf(record), record.Version, ContributionVector.For(record, year, territory), fromStore);

    /// <summary>
    /// Replaces an activity's contribution, unless what is held is as new or newer (or, read from the store by the
    /// reconciler, the very version: the store is right even about a version it holds lower, as when a removed row
    /// comes back); true when the figures changed.
    /// </summary>
    private bool Take(string key, long version, IReadOnlyDictionary<string, long>? vector, bool fromStore = false)
    {
        if (undecoded is not null) throw new InvalidOperationException("The checkpoint's contributions are taken before any change.");
        if (contributions.TryGetValue(key, out var previous) && (fromStore ? previous.Version == version : previous.Version >= version)) return false;
        unsaved = true;
        if (Same(previous.Vector, vector))
        {
            // A change that leaves this year's figures as they were (a rename, another year's figures):
            // the version is noted for reconciliation, but no new document is published, so the year's
            // pages keep their time of last change.
            contributions[key] = (version, previous.Vector);
            return false;
        }
        totals.Apply(previous.Vector, -1);
        var held = totals.Hold(vector);
        totals.Apply(held, +1);
        contributions[key] = (version, held);
        dirty = true;
        restoredAsOf = null; // the figures change now
        gatheringSince ??= Stopwatch.GetTimestamp();
        // At once when idle; while busy, what arrives before the pacing's gap has passed goes out as one version.
        publishSoon ??= this.RegisterGrainTimer(async () =>
        {
            publishSoon?.Dispose();
            publishSoon = null;
            if (dirty) await PublishAsync();
        }, pacing.WaitAt(Stopwatch.GetElapsedTime(0)), Timeout.InfiniteTimeSpan);
        return true;
    }

    private static bool Same(KeyValuePair<string, long>[]? held, IReadOnlyDictionary<string, long>? vector)
    {
        if (held is null || vector is null) return held is null && vector is null;
        return held.Length == vector.Count && held.All(e => vector.TryGetValue(e.Key, out var amount) && amount == e.Value);
    }

    private async Task PublishAsync()
    {
        using var span = cause is { } parent
            ? GrainTelemetry.Source.StartActivity("indicators publish", System.Diagnostics.ActivityKind.Producer, parent, links: alsoCaused)
            : GrainTelemetry.Source.StartActivity("indicators publish", System.Diagnostics.ActivityKind.Producer);
        var began = Stopwatch.GetTimestamp();
        (cause, var since) = (null, gatheringSince);
        alsoCaused.Clear();
        gatheringSince = null;
        var version = lastVersion + 1;
        if (version > reservedUpTo)
        {
            reservedUpTo = await checkpoints.ReserveAsync(territory.Id, year, ReservedVersions);
            version = Math.Max(version, reservedUpTo - ReservedVersions + 1);
        }
        lastVersion = version;
        document = totals.ToDocument(territory, year, version, restoredAsOf ?? DateTimeOffset.UtcNow);
        dirty = false;
        observers.ClearExpired();
        var published = document;
        span?.SetTag("actorwelfare.city", territory.Id).SetTag("actorwelfare.year", year).SetTag("actorwelfare.version", published.Version)
            .SetTag("actorwelfare.observers", observers.Count);
        GrainTelemetry.Publications.Add(1);
        GrainTelemetry.Subscribers.Record(observers.Count);
        if (since is { } start) GrainTelemetry.PublishDelay.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        await observers.Notify(o => o.OnIndicators(published));
        pacing.Published(Stopwatch.GetElapsedTime(began), Stopwatch.GetElapsedTime(0));
        GrainTelemetry.PublishGap.Record(pacing.Gap.TotalMilliseconds);
    }

    /// <summary>
    /// Takes back the figures of the last checkpoint, if it was written under today's rules with a horizon of this store
    /// and its head decodes, then reads again what changed since its horizon; false when there is none to take.
    /// </summary>
    private async Task<bool> RestoreAsync(IndicatorCheckpoint? saved)
    {
        if (saved is null) return false;
        if (saved.Rules != rules)
        {
            LogCheckpointSkipped(territory.Id, year, "it was written under other rules or another territory file");
            return false;
        }
        CheckpointHead head;
        try { head = ContributionCheckpoint.ReadHead(saved.Head, totals.Share); }
        catch (InvalidDataException e)
        {
            LogCheckpointSkipped(territory.Id, year, e.Message);
            return false;
        }
        if (head.Horizon is not { } since) return false;
        var changes = await store.ChangesAsync(territory.Id, year, since);
        if (since > changes.Horizon)
        {
            LogCheckpointSkipped(territory.Id, year, "its horizon is ahead of the store's (a checkpoint of another database)");
            return false;
        }
        totals.Apply(head.Sums, +1);
        undecoded = head;
        restoredAsOf = saved.AsOf;
        var repaired = await CatchUpAsync(changes.Changed);
        horizon = changes.Horizon;
        GrainTelemetry.AggregatorLoads.Add(1, new KeyValuePair<string, object?>("from", repaired > 0 ? "checkpoint-repaired" : "checkpoint"));
        return true;
    }

    /// <summary>Writes the contributions down when they changed since the last time (the timer's work, and a deactivation's).</summary>
    private async Task CheckpointAsync(CancellationToken ct)
    {
        if (!unsaved || undecoded is not null) return; // nothing changed (undecoded: nothing could have)
        try
        {
            // The horizon brought up to now first: the next activation then reads again only what changes after this.
            if (horizon is not null) await CatchUpAsync();
            var asOf = (dirty ? null : document?.AsOf) ?? restoredAsOf ?? DateTimeOffset.UtcNow;
            var encoded = ContributionCheckpoint.Encode(contributions.Select(c => new HeldContribution(c.Key, c.Value.Version, c.Value.Vector)), horizon);
            // Figures waiting for their version are written again at the next tick, with the time that version gets.
            unsaved = publishSoon is not null;
            await checkpoints.SaveAsync(new IndicatorCheckpoint(territory.Id, year, rules, asOf, contributions.Count, encoded.Head, encoded.Contributions), ct);
        }
        catch (Exception e)
        {
            unsaved = true; // tried again at the next tick; meanwhile a restart reads what changed since the last one
            if (e is not (System.Data.Common.DbException or TimeoutException or OperationCanceledException)) throw;
            LogCheckpointNotWritten(territory.Id, year, e.Message);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!cancellationToken.IsCancellationRequested) await CheckpointAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicators {City}/{Year}: checkpoint not taken back ({Reason}); loading from the activities")]
    private partial void LogCheckpointSkipped(string city, int year, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicators {City}/{Year}: checkpoint not written ({Reason})")]
    private partial void LogCheckpointNotWritten(string city, int year, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicators {City}/{Year}: the horizon is ahead of the store's (another database?); every version read again")]
    private partial void LogForeignHorizon(string city, int year);

    [LoggerMessage(Level = LogLevel.Information, Message = "Indicators {City}/{Year}: {Count} contributions repaired from the store")]
    private partial void LogReconciled(string city, int year, int count);
}
