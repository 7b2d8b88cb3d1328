using ActorWelfare.Activities;
using ActorWelfare.Keys;
using ActorWelfare.Quartieri;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>Grain behaviour on an in-process two-silo cluster with memory storage.</summary>
public sealed class InMemoryClusterTests : IAsyncLifetime
{
    private InProcessCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await InProcessCluster.StartAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

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
}
