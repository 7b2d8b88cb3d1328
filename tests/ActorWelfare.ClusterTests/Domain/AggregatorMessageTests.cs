using ActorWelfare.Activities;
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
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
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

    [Fact]
    public async Task A_change_to_another_year_leaves_this_years_document_and_its_time_alone()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        await using var cluster = await InProcessCluster.StartAsync(silos: 1);
        var tavolo = cluster.Grains.Activity("crema", ActivityKind.Tavolo, "tavolo-lungo");
        var profile = new ActivityProfile
        {
            Name = "Tavolo lungo", Quartieri = ["zona-1"], Zones = [], StartYear = 2019, Status = "attivo",
            Coordination = "micro-equipe", Themes = ["anziani"], Purposes = ["contrasto-isolamento"],
        };
        var version = (await tavolo.Execute(new RegisterActivity(profile), 0)).Record.Version;
        version = (await tavolo.Execute(new RecordMeeting(2019), version)).Record.Version;
        var year2019 = cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("crema", 2019));
        var before = await year2019.GetDocument();

        // Figures of a later year, and a new name: nothing of 2019 changes.
        version = (await tavolo.Execute(new UpdateYearFigures(2021, new YearFigures { Meetings = 3 }), version)).Record.Version;
        version = (await tavolo.Execute(new EditProfile(profile with { Name = "Tavolo lungo di zona 1" }), version)).Record.Version;
        await Task.Delay(300); // longer than the aggregator's pacing waits here (its shortest gap, a few ms of publishing)
        var after = await year2019.GetDocument();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.AsOf, after.AsOf);
        Assert.Equal(3, (await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("crema", 2021)).GetDocument()).Indicators["TP.MEET"].Value);

        // A 2019 change is published as a new version.
        await tavolo.Execute(new RecordMeeting(2019), version);
        Assert.True((await year2019.GetDocument()).Version > before.Version);
    }
}
