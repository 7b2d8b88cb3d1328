using System.Collections.Concurrent;

namespace ActorWelfare.Storage;

/// <summary>
/// An aggregator's contributions as last written (<see cref="Domain.ContributionCheckpoint"/>): the rules they were
/// computed with, when its figures last changed, how many activities, and the encoded contributions.
/// </summary>
public sealed record IndicatorCheckpoint(string City, int Year, string Rules, DateTimeOffset AsOf, int Activities, byte[] Contributions);

/// <summary>Where aggregators keep their checkpoints: one per city-year, each write replacing the last.</summary>
public interface IIndicatorCheckpoints
{
    Task<IndicatorCheckpoint?> LoadAsync(string city, int year, CancellationToken ct = default);

    Task SaveAsync(IndicatorCheckpoint checkpoint, CancellationToken ct = default);
}

/// <summary>Checkpoints kept in this process (memory storage): they outlive an aggregator's activation, not the process.</summary>
public sealed class MemoryIndicatorCheckpoints : IIndicatorCheckpoints
{
    private readonly ConcurrentDictionary<(string City, int Year), IndicatorCheckpoint> checkpoints = new();

    public Task<IndicatorCheckpoint?> LoadAsync(string city, int year, CancellationToken ct = default) =>
        Task.FromResult(checkpoints.GetValueOrDefault((city, year)));

    public Task SaveAsync(IndicatorCheckpoint checkpoint, CancellationToken ct = default)
    {
        checkpoints[(checkpoint.City, checkpoint.Year)] = checkpoint;
        return Task.CompletedTask;
    }
}
