using ActorWelfare.Activities;
using ActorWelfare.Alerts;
using ActorWelfare.Cluster;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>References made from the grain types Orleans resolved once are the references Orleans makes, and reach the same grains.</summary>
public sealed class GrainReferencesTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private InProcessCluster cluster => fixture.Cluster;

    [Fact]
    public async Task A_reused_resolution_gives_the_reference_orleans_gives_for_every_key_and_interface()
    {
        IGrainFactory grains = cluster.Grains;
        foreach (var key in new[] { "bologna|2019", "crema|2024", "bologna|2020" })
        {
            var (ours, theirs) = (grains.Grain<ICityIndicatorsGrain>(key), grains.GetGrain<ICityIndicatorsGrain>(key));
            Assert.Equal(((GrainReference)theirs).GrainId, ((GrainReference)ours).GrainId);
            Assert.Equal(((GrainReference)theirs).InterfaceType, ((GrainReference)ours).InterfaceType);
            Assert.Equal(theirs, ours);
        }
        // Interfaces of one grain class (the activity kinds) keep their own grain types.
        foreach (var kind in Enum.GetValues<ActivityKind>())
            for (var i = 0; i < 2; i++)
            {
                var reference = (GrainReference)grains.Activity("bologna", kind, $"ref-{i}");
                Assert.Equal(GrainKeys.Activity("bologna", kind, $"ref-{i}"), reference.GrainId.Key.ToString());
                Assert.Equal(((GrainReference)(kind switch
                {
                    ActivityKind.Progetto => (IActivityGrain)grains.GetGrain<IProgettoGrain>(GrainKeys.Activity("bologna", kind, $"ref-{i}")),
                    ActivityKind.Tavolo => grains.GetGrain<ITavoloGrain>(GrainKeys.Activity("bologna", kind, $"ref-{i}")),
                    _ => grains.GetGrain<IGruppoGrain>(GrainKeys.Activity("bologna", kind, $"ref-{i}")),
                })).GrainId, reference.GrainId);
            }

        // And a call through one reaches the grain: the city's alerts answer, twice through the reused resolution.
        InProcessCluster.AsSystem();
        for (var i = 0; i < 2; i++) Assert.NotNull(await grains.Grain<IAlertsGrain>("bologna").GetRules());
    }
}
