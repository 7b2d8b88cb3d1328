using ActorWelfare.Activities;
using ActorWelfare.Quartieri;

namespace ActorWelfare.Storage;

/// <summary>An accepted change, as the audit log keeps it.</summary>
public sealed record AuditEntry(
    string City, ActivityKind Kind, string Id, long Version, DateTimeOffset At, Actor Actor,
    string Command, string ChangeJson, ActivityRecord? Before, ActivityRecord After);

/// <summary>One record to store with its audit entry, if the stored version is still <see cref="ExpectedVersion"/>.</summary>
public sealed record ActivityWrite(ActivityRecord Record, long ExpectedVersion, AuditEntry Audit);

/// <summary>An activity's stored version, and whether its span may touch the year asked about.</summary>
public readonly record struct StoredVersion(string Key, long Version, bool TouchesYear);

/// <summary>
/// What changed in a city since a horizon, and the horizon to ask from next time: every change before
/// <see cref="Horizon"/> is in <see cref="Changed"/> or was in the earlier answers.
/// </summary>
public sealed record StoreChanges(long Horizon, IReadOnlyList<StoredVersion> Changed);

/// <summary>What a save did: stored, refused because another version was stored first, or refused because a year it alters is closed.</summary>
public enum SaveOutcome { Saved, Conflict, YearClosed }

/// <summary>
/// Where activity states live. <see cref="SaveAsync"/> stores the new state and its audit entry
/// together, only if the stored version is still the expected one and none of the years it must leave
/// alone is closed. Closing a year (<see cref="SetYearClosedAsync"/>) and a save agree in the store
/// itself: a save either lands before the close or sees it.
/// </summary>
public interface IActivityStore
{
    Task<ActivityRecord?> LoadAsync(string city, ActivityKind kind, string id, CancellationToken ct = default);

    /// <summary>The stored records of the named activities of one city (the ones never stored are left out), in one read.</summary>
    Task<IReadOnlyList<ActivityRecord>> LoadManyAsync(string city, IReadOnlyCollection<ActivityRef> activities, CancellationToken ct = default);

    /// <summary>
    /// Stores the change unless someone else stored another version first or one of <paramref name="altersYears"/>
    /// is closed (then nothing is written, and the earliest closed year is given).
    /// </summary>
    Task<(SaveOutcome Outcome, int? ClosedYear)> SaveAsync(ActivityRecord record, long expectedVersion, AuditEntry audit,
        IReadOnlyCollection<int> altersYears, CancellationToken ct = default);

    /// <summary>
    /// Stores several records of one city in one transaction (an activity changing kind: the new record and the
    /// old one deleted; successive versions of one activity, in order: ExecuteAll's commands), all or none: any
    /// version that moved, or any closed year, and nothing is written.
    /// </summary>
    Task<(SaveOutcome Outcome, int? ClosedYear)> SaveTogetherAsync(IReadOnlyList<ActivityWrite> writes,
        IReadOnlyCollection<int> altersYears, CancellationToken ct = default);

    /// <summary>Records that a city's year is closed (or open again); waits for the saves altering that year that are under way.</summary>
    Task SetYearClosedAsync(string city, int year, bool closed, CancellationToken ct = default);

    /// <summary>The activities (not deleted) that are in <paramref name="quartiere"/> in any of their years, by kind and id.</summary>
    Task<IReadOnlyList<ActivityRef>> ListQuartiereAsync(string city, string quartiere, CancellationToken ct = default);

    /// <summary>The activities (not deleted) that name <paramref name="organisation"/> in any of their years.</summary>
    Task<IReadOnlyList<ActivityRecord>> ListOrganisationAsync(string city, string organisation, CancellationToken ct = default);

    /// <summary>
    /// Every stored activity of a city whose span may touch <paramref name="year"/> or the years the network's
    /// continuity looks back to (<see cref="Domain.ContributionVector.ContinuityYears"/>), deleted ones included.
    /// </summary>
    Task<IReadOnlyList<ActivityRecord>> LoadCityYearAsync(string city, int year, CancellationToken ct = default);

    /// <summary>The stored version of every activity of a city whose span may touch the year.</summary>
    Task<IReadOnlyDictionary<string, long>> VersionsAsync(string city, int year, CancellationToken ct = default);

    /// <summary>
    /// The activities of a city changed at or after <paramref name="since"/> (a horizon this store gave), with their
    /// stored version, and the horizon to ask from next time. Without <paramref name="since"/>, the horizon alone:
    /// every change before it is seen by any read that starts after this call. Horizons only grow; one larger than the
    /// store's present horizon was not given by this store.
    /// </summary>
    Task<StoreChanges> ChangesAsync(string city, int year, long? since, CancellationToken ct = default);

    Task<IReadOnlyList<AuditEntry>> HistoryAsync(string city, ActivityKind kind, string id, CancellationToken ct = default);
}
