using ActorWelfare.Activities;

namespace ActorWelfare.Storage;

/// <summary>An accepted change, as the audit log keeps it.</summary>
public sealed record AuditEntry(
    string City, ActivityKind Kind, string Id, long Version, DateTimeOffset At, Actor Actor,
    string Command, string ChangeJson, ActivityRecord? Before, ActivityRecord After);

/// <summary>
/// Where activity states live. <see cref="SaveAsync"/> stores the new state and its audit entry
/// together, only if the stored version is still <paramref name="expectedVersion"/>.
/// </summary>
public interface IActivityStore
{
    Task<ActivityRecord?> LoadAsync(string city, ActivityKind kind, string id, CancellationToken ct = default);

    /// <summary>False when someone else stored another version first (nothing is written then).</summary>
    Task<bool> SaveAsync(ActivityRecord record, long expectedVersion, AuditEntry audit, CancellationToken ct = default);

    /// <summary>Every stored activity of a city whose span may touch <paramref name="year"/>, deleted ones included.</summary>
    Task<IReadOnlyList<ActivityRecord>> LoadCityYearAsync(string city, int year, CancellationToken ct = default);

    /// <summary>The stored version of every activity of a city whose span may touch the year.</summary>
    Task<IReadOnlyDictionary<string, long>> VersionsAsync(string city, int year, CancellationToken ct = default);

    Task<IReadOnlyList<AuditEntry>> HistoryAsync(string city, ActivityKind kind, string id, CancellationToken ct = default);
}
