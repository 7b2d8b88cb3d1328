using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Dashboard.Reports;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ActorWelfare.Tests.Years;

/// <summary>A host writes at most Reports:ExportsAtOnce exports at a time; the others wait their turn and then finish.</summary>
public sealed class ExportGateTests
{
    [Fact]
    public async Task Exports_beyond_the_limit_wait_for_a_free_slot_and_then_run()
    {
        using var gate = new ExportGate(2);
        var jobs = new ExportJobs(NullLogger<ExportJobs>.Instance, gate);
        var release = new SemaphoreSlim(0);
        var running = 0;
        var most = 0;
        byte[] Write(IProgress<double> _)
        {
            var now = Interlocked.Increment(ref running);
            lock (release) most = Math.Max(most, now);
            release.Wait(TimeSpan.FromSeconds(30));
            Interlocked.Decrement(ref running);
            return [1];
        }
        var started = Enumerable.Range(0, 5).Select(i => jobs.Start("analista", $"f{i}.csv", "text/csv", Write, $"job {i}")).ToList();

        await WaitUntilAsync(() => Volatile.Read(ref running) == 2);
        await Task.Delay(300); // long enough for a third to start if the gate let it
        Assert.Equal(2, Volatile.Read(ref running));
        Assert.All(started, j => Assert.False(j.Done)); // two running, three waiting their turn

        // The queue is bounded: past QueuePerSlot waiting per slot, an export is refused at once with a sentence.
        var flood = Enumerable.Range(0, ExportJobs.QueuePerSlot * 2).Select(i => jobs.Start("analista", $"q{i}.csv", "text/csv", Write, $"queued {i}")).ToList();
        var refused = flood.Where(j => j.Error is not null).ToList();
        // Two slots take 2 × QueuePerSlot exports under way in all; five were already.
        Assert.Equal(flood.Count - (2 * ExportJobs.QueuePerSlot - 5), refused.Count);
        Assert.All(refused, j => Assert.False(string.IsNullOrWhiteSpace(j.Error)));

        release.Release(5 + flood.Count);
        await WaitUntilAsync(() => started.Concat(flood).All(j => j.Done));
        Assert.Equal(2, most);
        Assert.All(started, j => Assert.Equal([1], j.Bytes!));
        Assert.True(await gate.EnterAsync(TimeSpan.Zero)); // every slot was given back
        Assert.True(await gate.EnterAsync(TimeSpan.Zero));
        Assert.False(await gate.EnterAsync(TimeSpan.Zero));
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.TrueAsync(() => Task.FromResult(condition()), "the waiting export got its turn", TimeSpan.FromSeconds(15));
}
