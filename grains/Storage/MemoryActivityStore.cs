using System.Collections.Concurrent;
using ActorWelfare.Activities;
using ActorWelfare.Quartieri;

namespace ActorWelfare.Storage;

/// <summary>
/// Activity states and audit kept in this process, for quick experiments with a single silo
/// (Silo:Storage=Memory). Everything is lost when the process ends.
/// </summary>
public sealed class MemoryActivityStore : IActivityStore
{
    private readonly ConcurrentDictionary<string, ActivityRecord> records = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<AuditEntry>> audit = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    /// <summary>Saves numbered in order, and each activity's last one: the horizons of <see cref="ChangesAsync"/>.</summary>
    private long changes;
    private readonly Dictionary<string, long> lastChange = new(StringComparer.Ordinal);

    public Task<ActivityRecord?> LoadAsync(string city, ActivityKind kind, string id, CancellationToken ct = default) =>
        Task.FromResult(records.GetValueOrDefault(Keys.GrainKeys.Activity(city, kind, id)));

    public Task<IReadOnlyList<ActivityRecord>> LoadManyAsync(string city, IReadOnlyCollection<ActivityRef> activities, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ActivityRecord>>([.. activities
            .Select(a => records.GetValueOrDefault(Keys.GrainKeys.Activity(city, a.Kind, a.Id))).OfType<ActivityRecord>()]);

    private readonly HashSet<(string City, int Year)> closedYears = [];

    public Task<(SaveOutcome Outcome, int? ClosedYear)> SaveAsync(ActivityRecord record, long expectedVersion, AuditEntry audit,
        IReadOnlyCollection<int> altersYears, CancellationToken ct = default) =>
        SaveTogetherAsync([new ActivityWrite(record, expectedVersion, audit)], altersYears, ct);

    public Task<(SaveOutcome Outcome, int? ClosedYear)> SaveTogetherAsync(IReadOnlyList<ActivityWrite> writes,
        IReadOnlyCollection<int> altersYears, CancellationToken ct = default)
    {
        lock (gate)
        {
            var city = writes[0].Record.City;
            if (altersYears.Where(y => closedYears.Contains((city, y))).Select(y => (int?)y).Min() is { } closed)
                return Task.FromResult((SaveOutcome.YearClosed, (int?)closed));
            // Each write expects what is stored or what an earlier write of the same batch leaves (ExecuteAll's commands).
            var versions = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var w in writes)
            {
                var key = ActivityJson.KeyOf(w.Record);
                if ((versions.TryGetValue(key, out var held) ? held : records.GetValueOrDefault(key)?.Version ?? 0) != w.ExpectedVersion)
                    return Task.FromResult((SaveOutcome.Conflict, (int?)null));
                versions[key] = w.Record.Version;
            }
            var change = ++changes;
            foreach (var w in writes)
            {
                var key = ActivityJson.KeyOf(w.Record);
                records[key] = w.Record;
                audit.GetOrAdd(key, _ => []).Add(w.Audit);
                lastChange[key] = change;
            }
        }
        return Task.FromResult((SaveOutcome.Saved, (int?)null));
    }

    public Task SetYearClosedAsync(string city, int year, bool closed, CancellationToken ct = default)
    {
        lock (gate)
        {
            if (closed) closedYears.Add((city, year));
            else closedYears.Remove((city, year));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ActivityRef>> ListQuartiereAsync(string city, string quartiere, CancellationToken ct = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<ActivityRef>>([.. records.Values
                .Where(r => r.City == city && !r.Deleted && r.IndexedDistricts().Contains(quartiere))
                .OrderBy(r => r.Kind).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => new ActivityRef(r.Kind, r.Id))]);
    }

    public Task<IReadOnlyList<ActivityRecord>> ListOrganisationAsync(string city, string organisation, CancellationToken ct = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<ActivityRecord>>([.. records.Values
                .Where(r => r.City == city && !r.Deleted && r.IndexedOrganisations().Contains(organisation))
                .OrderBy(r => r.Kind).ThenBy(r => r.Id, StringComparer.Ordinal)]);
    }

    // Under the lock: a snapshot reads one consistent cut, every activity at exactly one version.
    private readonly ConcurrentDictionary<(string City, int Year), int> cityYearLoads = new();

    /// <summary>How many times a city-year's activities were read whole (an aggregator's full load, verify, the network).</summary>
    public int CityYearLoads(string city, int year) => cityYearLoads.GetValueOrDefault((city, year));

    public Task<IReadOnlyList<ActivityRecord>> LoadCityYearAsync(string city, int year, CancellationToken ct = default)
    {
        cityYearLoads.AddOrUpdate((city, year), 1, (_, n) => n + 1);
        lock (gate) return Task.FromResult<IReadOnlyList<ActivityRecord>>(records.Values.Where(r => r.City == city && Touches(r, year)).ToList());
    }

    private readonly ConcurrentDictionary<(string City, int Year), int> versionReads = new();

    /// <summary>How many times the version of every activity of a city-year was read (an aggregator's whole reconciliation).</summary>
    public int VersionReads(string city, int year) => versionReads.GetValueOrDefault((city, year));

    public Task<IReadOnlyDictionary<string, long>> VersionsAsync(string city, int year, CancellationToken ct = default)
    {
        versionReads.AddOrUpdate((city, year), 1, (_, n) => n + 1);
        lock (gate)
            return Task.FromResult<IReadOnlyDictionary<string, long>>(records.Values.Where(r => r.City == city && Touches(r, year))
                .ToDictionary(ActivityJson.KeyOf, r => r.Version));
    }

    public Task<StoreChanges> ChangesAsync(string city, int year, long? since, CancellationToken ct = default)
    {
        lock (gate)
        {
            var changed = since is not { } from ? [] : records.Values
                .Where(r => r.City == city && lastChange.GetValueOrDefault(ActivityJson.KeyOf(r)) >= from)
                .Select(r => new StoredVersion(ActivityJson.KeyOf(r), r.Version, Touches(r, year))).ToList();
            return Task.FromResult(new StoreChanges(changes + 1, changed));
        }
    }

    public Task<IReadOnlyList<AuditEntry>> HistoryAsync(string city, ActivityKind kind, string id, CancellationToken ct = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<AuditEntry>>([.. audit.GetValueOrDefault(Keys.GrainKeys.Activity(city, kind, id)) ?? []]);
    }

    private static bool Touches(ActivityRecord r, int year) =>
        r.Profile.StartYear <= year && (r.Profile.EndYear is null || year - Domain.ContributionVector.ContinuityYears <= r.Profile.EndYear);
}
