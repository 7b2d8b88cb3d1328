using ActorWelfare.Domain;
using ActorWelfare.Indicators;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>The aggregator's pacing on a clock the test moves: at once when idle, a gap that follows the cost when busy.</summary>
public sealed class PublicationPacingTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static PublicationPacing Pacing() => new(shortestGap: Ms(16), longestGap: Ms(2_000), busyShare: 0.25);

    [Fact]
    public void The_first_change_and_a_change_after_a_quiet_gap_are_published_at_once()
    {
        var pacing = Pacing();
        Assert.Equal(TimeSpan.Zero, pacing.WaitAt(Ms(5)));
        pacing.Published(cost: Ms(1), now: Ms(6));
        Assert.Equal(TimeSpan.Zero, pacing.WaitAt(Ms(6 + 16)));
        Assert.Equal(TimeSpan.Zero, pacing.WaitAt(Ms(500)));
    }

    [Fact]
    public void A_change_during_the_gap_waits_for_its_end_so_a_burst_goes_out_together()
    {
        var pacing = Pacing();
        pacing.Published(cost: Ms(1), now: Ms(100));
        Assert.Equal(Ms(16), pacing.Gap); // cheap publishing: the shortest gap
        Assert.Equal(Ms(16), pacing.WaitAt(Ms(100)));
        Assert.Equal(Ms(6), pacing.WaitAt(Ms(110)));
    }

    [Fact]
    public void The_gap_grows_with_what_publishing_costs_so_it_takes_a_quarter_of_the_time_and_no_more_than_the_longest()
    {
        var pacing = Pacing();
        pacing.Published(cost: Ms(200), now: Ms(1_000)); // a city of thousands of organisations: 200 ms a document
        Assert.Equal(Ms(600), pacing.Gap); // 200 publishing, 600 gathering: a quarter of the time
        Assert.Equal(Ms(600), pacing.WaitAt(Ms(1_000)));

        var huge = Pacing();
        huge.Published(cost: Ms(5_000), now: Ms(10_000));
        Assert.Equal(Ms(2_000), huge.Gap);
    }

    [Fact]
    public void One_slow_publication_among_cheap_ones_weighs_a_quarter_in_the_gap()
    {
        var pacing = Pacing();
        for (var i = 1; i <= 5; i++) pacing.Published(cost: Ms(10), now: Ms(100 * i));
        Assert.Equal(Ms(30), pacing.Gap);
        pacing.Published(cost: Ms(90), now: Ms(600)); // a collection, a slow write
        Assert.Equal(Ms(90), pacing.Gap); // smoothed cost (3 × 10 + 90) / 4 = 30, times 3
        pacing.Published(cost: Ms(10), now: Ms(700));
        Assert.Equal(Ms(3 * 25), pacing.Gap); // (3 × 30 + 10) / 4 = 25
    }

    [Theory]
    [InlineData(-1, 10, 0.25)]
    [InlineData(20, 10, 0.25)]
    [InlineData(10, 20, 0)]
    [InlineData(10, 20, 1.5)]
    public void Impossible_settings_are_refused(double shortest, double longest, double share) =>
        Assert.ThrowsAny<ArgumentException>(() => new PublicationPacing(Ms(shortest), Ms(longest), share));

    [Fact]
    public void The_configured_gaps_are_checked_by_name_all_at_once_and_default_to_16_ms()
    {
        static IConfiguration Settings(params (string Key, string Value)[] pairs) =>
            new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();

        var e = Assert.Throws<InvalidOperationException>(() => IndicatorPacing.From(Settings(("Indicators:ShortestPublishGapMs", "-1"), ("Indicators:LongestPublishGapMs", "-5"))));
        Assert.Contains("Indicators:ShortestPublishGapMs: -1 must be 0 or more", e.Message, StringComparison.Ordinal);
        Assert.Contains("Indicators:LongestPublishGapMs: -5 must be at least", e.Message, StringComparison.Ordinal);
        Assert.Equal(Ms(16), IndicatorPacing.From(Settings()).Gap);
        Assert.Equal(Ms(250), IndicatorPacing.From(Settings(("Indicators:ShortestPublishGapMs", "250"))).Gap);
    }
}
