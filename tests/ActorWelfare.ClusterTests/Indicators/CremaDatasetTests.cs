using System.Text.Json;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Indicators;

/// <summary>
/// Crema's 2014 dataset (seeds 003 and 004) loads through the command path and makes sense in Crema's
/// own words: its offices are the micro-équipes' professional figures (Tab. 1), its purposes the
/// "ambiti di attuazione", Cariplo among its funders. Counts are worked out here from the file.
/// </summary>
public sealed class CremaDatasetTests
{
    [Fact]
    public async Task Crema_2014_loads_and_its_figures_speak_of_its_zones_figures_and_ambiti()
    {
        InProcessCluster.AsSystem();
        await using var cluster = await InProcessCluster.StartAsync(silos: 1);
        await cluster.LoadDatasetAsync("crema-2014");

        var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "datasets", "crema-2014.json"))).RootElement;
        var activities = file.GetProperty("activities").EnumerateArray().ToList();
        int Of(string kind) => activities.Count(a => a.GetProperty("kind").GetString() == kind);
        Assert.Contains(activities, a => a.GetProperty("real").GetBoolean()); // the seeds' own activities are there, said to be real

        var report = await Eventually.LastAsync(cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("crema", 2014)).Verify, r => r.Equal);
        Assert.True(report.Equal, string.Join("\n", report.Differences));
        var figures = (await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("crema", 2014)).GetDocument()).Indicators;

        Assert.Equal(Of("tavolo"), figures["TP.TOT"].Value);
        Assert.Equal(Of("gruppo"), figures["GC.TOT"].Value);
        Assert.Equal(Of("progetto"), figures["PI.TOT"].Value);
        // Per office, for Crema's offices: the zone tavoli report their assistenti sociali.
        Assert.Contains("assistenti-sociali", figures["TP.OPS"].Breakdown!.Keys);
        Assert.DoesNotContain("sst", figures["TP.OPS"].Breakdown!.Keys);
        Assert.Null(figures["TP.OPS.SST"].Value); // Crema has no SST office: the Bologna report's headline stays empty
        // Tab. 1's eighteen people of the reorganisation project are in the projects' staff.
        Assert.Contains("operatori-prossimita", figures["PI.STAFF"].Breakdown!.Keys);
        Assert.True(figures["B3.10"].Breakdown!.ContainsKey("family-friendly"));
        Assert.True(figures["PI.FUND"].Breakdown!.ContainsKey("fondazione-cariplo"));
        Assert.Equal(5, figures["B3.07"].Breakdown!.Count); // tavoli in each of the five zones
        // The design group is of the whole city: it counts once in Crema and in no zone's figures.
        var zones = (await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("crema", 2014)).GetDocument()).Quartieri;
        Assert.Equal(Of("tavolo") - 1, zones.Values.Sum(z => z["TP.TOT"].Value ?? 0));
        Assert.Equal(1, zones["zona-1"]["TP.TOT"].Value);
    }
}
