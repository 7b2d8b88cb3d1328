using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>Contributions are absolute and versioned: duplicates and late messages change nothing.</summary>
public sealed class AggregatorMessageTests
{
    [Fact]
    public async Task A_duplicate_or_older_contribution_changes_nothing_whatever_the_order()
    {
        await using var cluster = await InProcessCluster.StartAsync(silos: 1);
        var aggregator = cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("crema", 2030));
        var v1 = new Dictionary<string, long> { ["*|PI.TOT|v"] = 1, ["*|PI.VOL|v"] = 10, ["*|PI.VOL|base"] = 1 };
        var v2 = new Dictionary<string, long> { ["*|PI.TOT|v"] = 1, ["*|PI.VOL|v"] = 25, ["*|PI.VOL|base"] = 1 };

        await aggregator.Contribute(new ActivityContribution("crema/progetto/p", 2, v2));
        await aggregator.Contribute(new ActivityContribution("crema/progetto/p", 1, v1)); // late
        await aggregator.Contribute(new ActivityContribution("crema/progetto/p", 2, v2)); // duplicate
        var doc = await aggregator.GetDocument();

        Assert.Equal(1, doc.Indicators["PI.TOT"].Value);
        Assert.Equal(25, doc.Indicators["PI.VOL"].Value);

        await aggregator.Contribute(new ActivityContribution("crema/progetto/p", 3, null)); // withdrawn
        var after = await aggregator.GetDocument();
        Assert.Equal(0, after.Indicators["PI.TOT"].Value);
        Assert.True(after.Version > doc.Version);
    }
}
