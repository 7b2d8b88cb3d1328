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
    public async Task A_zones_registry_is_what_its_activities_stored_on_either_silo()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var profile = new ActivityProfile { Name = "Progetto in zona", Quartieri = ["zona-1"], StartYear = 2024, Status = "attivo" };
        var progetto = cluster.Grains.Activity("crema", ActivityKind.Progetto, "p-in-zona");
        Assert.Equal(CommandOutcome.Accepted, (await progetto.Execute(new RegisterActivity(profile), 0)).Outcome);
        Assert.NotEqual(CommandOutcome.Accepted, (await progetto.Execute(new RegisterActivity(profile), 0)).Outcome);
        var tavolo = cluster.Grains.Activity("crema", ActivityKind.Tavolo, "t-in-zona");
        await tavolo.Execute(new RegisterActivity(profile with { Name = "Tavolo in zona" }), 0);
        await tavolo.Execute(new DeleteActivity(), 1);

        var zona = cluster.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("crema", "zona-1"));
        Assert.Equal(new QuartiereSummary("crema", "zona-1", Progetti: 1, Tavoli: 0, Gruppi: 0), await zona.GetSummary());
        Assert.Equal([new ActivityRef(ActivityKind.Progetto, "p-in-zona")], await zona.ListActivities());
        Assert.Equal(0, (await cluster.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("crema", "zona-2")).GetSummary()).Progetti);
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
