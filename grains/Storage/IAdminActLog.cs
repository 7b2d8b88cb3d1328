using System.Collections.Concurrent;
using ActorWelfare.Access;

namespace ActorWelfare.Storage;

/// <summary>
/// Where grains record the administrative acts they carry out (years closed and reopened, the
/// organisation registry). Recorded before the act is applied: an act that then fails to store leaves a
/// row too many, never a change nobody can account for.
/// </summary>
public interface IAdminActLog
{
    Task RecordAsync(AdminAct act, CancellationToken ct = default);
}

/// <summary>The acts of a single in-memory silo (Silo:Storage=Memory, tests).</summary>
public sealed class MemoryAdminActLog : IAdminActLog
{
    private readonly ConcurrentQueue<AdminAct> acts = new();

    public IReadOnlyList<AdminAct> Acts => [.. acts];

    public Task RecordAsync(AdminAct act, CancellationToken ct = default)
    {
        acts.Enqueue(act);
        return Task.CompletedTask;
    }
}
