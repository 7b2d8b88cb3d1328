using ActorWelfare.Dashboard.Live;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

/// <summary>
/// The hub's sends of a city-year's versions: one at a time, the versions that came and went during a slow send
/// skipped, the last one always sent, a failed send not stopping the next.
/// </summary>
public sealed class LatestOnlySenderTests
{
    private static long Version(string v) => long.Parse(v[1..], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_slow_send_skips_the_versions_offered_during_it_and_sends_the_newest()
    {
        var sent = new List<string>();
        var firstSend = new TaskCompletionSource();
        var sender = new LatestOnlySender<string>(Version, async v =>
        {
            lock (sent) sent.Add(v);
            if (v == "v1") await firstSend.Task;
        }, e => throw e);

        var first = sender.OfferAsync("v1"); // sending, held
        Assert.False(first.IsCompleted);
        Assert.True(sender.OfferAsync("v2").IsCompleted); // waits behind v1
        Assert.True(sender.OfferAsync("v3").IsCompleted); // replaces v2
        Assert.True(sender.OfferAsync("v4").IsCompleted); // replaces v3
        firstSend.SetResult();
        await first; // the first caller sends what waits until nothing does
        Assert.Equal(["v1", "v4"], sent);

        await sender.OfferAsync("v5"); // nothing under way: sent at once
        Assert.Equal(["v1", "v4", "v5"], sent);
    }

    [Fact]
    public async Task An_older_version_offered_late_never_replaces_a_newer_one()
    {
        var sent = new List<string>();
        var firstSend = new TaskCompletionSource();
        var sender = new LatestOnlySender<string>(Version, async v =>
        {
            sent.Add(v);
            if (v == "v1") await firstSend.Task;
        }, e => throw e);

        var first = sender.OfferAsync("v1");
        await sender.OfferAsync("v6"); // waits behind v1
        await sender.OfferAsync("v5"); // a delivery that lost the race: dropped, v6 still waits
        firstSend.SetResult();
        await first;
        await sender.OfferAsync("v6"); // sent already: not again
        Assert.Equal(["v1", "v6"], sent);
    }

    [Fact]
    public async Task A_failed_send_is_reported_and_the_newer_version_still_goes()
    {
        var sent = new List<string>();
        var failures = new List<string>();
        var failing = new TaskCompletionSource();
        var sender = new LatestOnlySender<string>(Version, async v =>
        {
            if (v == "v1") { await failing.Task; throw new InvalidOperationException("the group is gone"); }
            sent.Add(v);
        }, e => failures.Add(e.Message));

        var first = sender.OfferAsync("v1");
        await sender.OfferAsync("v2");
        failing.SetResult();
        await first;
        Assert.Equal(["the group is gone"], failures);
        Assert.Equal(["v2"], sent);
    }
}
