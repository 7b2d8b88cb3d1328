using ActorWelfare.Activities;
using ActorWelfare.Imports;
using ActorWelfare.Keys;
using ActorWelfare.Quartieri;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>Grain behaviour on an in-process two-silo cluster with memory storage (one for the class: each test has its own zone or import).</summary>
public sealed class InMemoryClusterTests(TwoSiloCluster fixture) : IClassFixture<TwoSiloCluster>
{
    private InProcessCluster cluster => fixture.Cluster;

    [Fact]
    public async Task Registering_an_activity_twice_counts_it_once()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var grain = cluster.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("crema", "zona-1"));
        await grain.RegisterActivity(ActivityKind.Progetto, "p-1");
        var again = await grain.RegisterActivity(ActivityKind.Progetto, "p-1");

        Assert.Equal(1, again.Progetti);
        Assert.Equal(1, again.Version);
    }

    [Fact]
    public async Task Removing_an_activity_withdraws_it_and_removing_an_unknown_one_changes_nothing()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var grain = cluster.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("crema", "zona-2"));
        await grain.RegisterActivity(ActivityKind.Tavolo, "t-1");
        await grain.RegisterActivity(ActivityKind.Tavolo, "t-2");

        var removed = await grain.RemoveActivity(ActivityKind.Tavolo, "t-1");
        var unknown = await grain.RemoveActivity(ActivityKind.Tavolo, "t-9");

        Assert.Equal(1, removed.Tavoli);
        Assert.Equal(removed, unknown);
    }

    [Fact]
    public async Task An_activity_id_that_is_not_kebab_case_is_refused_and_nothing_changes()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var grain = cluster.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("crema", "zona-3"));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.RegisterActivity(ActivityKind.Gruppo, "Not An Id"));

        Assert.Contains("activityId", error.Message);
        Assert.Equal(0, (await grain.GetSummary()).Version);
    }

    [Fact]
    public async Task An_import_releases_its_grain_once_it_is_done_and_the_stored_answer_stays()
    {
        var operatore = ActorWelfare.Access.Caller.InCity("op", "bologna", [ActorWelfare.Access.Roles.Operatore], "navile");
        ActorWelfare.Access.CallerContext.HandDown(operatore);
        var csv = "kind,id,name,quartieri,startYear,status\ngruppo,g-rilascio,Rilascio,navile,2024,attivo\n"u8.ToArray();
        var status = await cluster.Grains.ImportAsync("bologna", csv, ActorWelfare.Imports.ImportFormat.Csv, "rilascio.csv");
        Assert.Equal(ActorWelfare.Imports.ImportPhase.Applied, status.Phase);

        // No activation of the import grain is left holding the file.
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        async Task<int> ImportActivationsAsync() => (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains("ImportGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        await Eventually.ValueAsync(ImportActivationsAsync, n => n == 0, "no import grain is left active");

        // Its answer is stored: the same file again says so, and releases the grain again.
        var again = await cluster.Grains.ImportAsync("bologna", csv, ActorWelfare.Imports.ImportFormat.Csv, "rilascio.csv");
        Assert.True(again.Repeated);
        await Eventually.ValueAsync(ImportActivationsAsync, n => n == 0, "no import grain is left active after the repeated file");
    }
}
