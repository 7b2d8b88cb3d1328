using ActorWelfare.Years;

namespace ActorWelfare.Storage;

/// <summary>
/// Where snapshots live: written once, never changed or deleted (in PostgreSQL a trigger refuses
/// UPDATE and DELETE on the table).
/// </summary>
public interface ISnapshotStore
{
    Task SaveAsync(Snapshot snapshot, CancellationToken ct = default);

    Task<IReadOnlyList<SnapshotInfo>> ListAsync(string city, int year, CancellationToken ct = default);

    Task<Snapshot?> LoadAsync(Guid id, CancellationToken ct = default);
}

/// <summary>Snapshots kept in this process (Silo:Storage=Memory).</summary>
public sealed class MemorySnapshotStore : ISnapshotStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Snapshot> snapshots = new();

    public Task SaveAsync(Snapshot snapshot, CancellationToken ct = default) =>
        snapshots.TryAdd(snapshot.Info.Id, snapshot) ? Task.CompletedTask : throw new InvalidOperationException("A snapshot is written once.");

    public Task<IReadOnlyList<SnapshotInfo>> ListAsync(string city, int year, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<SnapshotInfo>>([.. snapshots.Values.Select(s => s.Info)
            .Where(i => i.City == city && i.Year == year).OrderBy(i => i.TakenAt)]);

    public Task<Snapshot?> LoadAsync(Guid id, CancellationToken ct = default) => Task.FromResult(snapshots.GetValueOrDefault(id));
}
