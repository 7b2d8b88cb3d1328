using System.Collections.Concurrent;

namespace ActorWelfare.Storage;

/// <summary>
/// An aggregator's contributions as last written (<see cref="Domain.ContributionCheckpoint"/>): the rules they were
/// computed with, when its figures last changed, how many activities, the encoded head and the encoded contributions
/// (none when only the head was read).
/// </summary>
public sealed record IndicatorCheckpoint(string City, int Year, string Rules, DateTimeOffset AsOf, int Activities, byte[] Head, byte[]? Contributions);

/// <summary>What an aggregator starts from: the top of the versions just reserved for it (every version up to it may be handed out) and its checkpoint.</summary>
public sealed record AggregatorStart(long ReservedUpTo, IndicatorCheckpoint? Checkpoint);

/// <summary>
/// Where aggregators keep their checkpoints (one per city-year, each write replacing the last) and the versions they
/// reserve for their documents. An activation needs both, so it gets both in one round trip.
/// </summary>
public interface IIndicatorCheckpoints
{
    Task<IndicatorCheckpoint?> LoadAsync(string city, int year, CancellationToken ct = default);

    /// <summary>Reserves the next <paramref name="versions"/> versions of the city-year's documents and reads its checkpoint's head.</summary>
    Task<AggregatorStart> ReserveAndLoadAsync(string city, int year, int versions, CancellationToken ct = default);

    /// <summary>Reserves the next <paramref name="versions"/> versions of the city-year's documents; returns the top of the reservation.</summary>
    Task<long> ReserveAsync(string city, int year, int versions, CancellationToken ct = default);

    /// <summary>The encoded contributions of the city-year's checkpoint (none when there is no checkpoint).</summary>
    Task<byte[]?> LoadContributionsAsync(string city, int year, CancellationToken ct = default);

    Task SaveAsync(IndicatorCheckpoint checkpoint, CancellationToken ct = default);
}

/// <summary>Checkpoints kept in this process (memory storage): they outlive an aggregator's activation, not the process.</summary>
public sealed class MemoryIndicatorCheckpoints : IIndicatorCheckpoints
{
    private readonly ConcurrentDictionary<(string City, int Year), IndicatorCheckpoint> checkpoints = new();
    private readonly ConcurrentDictionary<(string City, int Year), long> reserved = new();

    public Task<IndicatorCheckpoint?> LoadAsync(string city, int year, CancellationToken ct = default) =>
        Task.FromResult(checkpoints.GetValueOrDefault((city, year)));

    public async Task<AggregatorStart> ReserveAndLoadAsync(string city, int year, int versions, CancellationToken ct = default) =>
        new(await ReserveAsync(city, year, versions, ct), await LoadAsync(city, year, ct) is { } c ? c with { Contributions = null } : null);

    public Task<byte[]?> LoadContributionsAsync(string city, int year, CancellationToken ct = default) =>
        Task.FromResult(checkpoints.GetValueOrDefault((city, year))?.Contributions);

    public Task<long> ReserveAsync(string city, int year, int versions, CancellationToken ct = default) =>
        Task.FromResult(reserved.AddOrUpdate((city, year), versions, (_, top) => top + versions));

    public Task SaveAsync(IndicatorCheckpoint checkpoint, CancellationToken ct = default)
    {
        checkpoints[(checkpoint.City, checkpoint.Year)] = checkpoint;
        return Task.CompletedTask;
    }
}
