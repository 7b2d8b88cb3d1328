using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Indicators;

/// <summary>Random command sequences on a live two-silo cluster: the aggregators always equal verify.</summary>
public sealed class RandomizedAggregationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task After_random_commands_every_year_equals_the_recomputation(int seed)
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        await using var cluster = await InProcessCluster.StartAsync();
        var commands = new RandomCommands(seed, InProcessCluster.Territories["bologna"]);
        foreach (var org in commands.Organisations)
            await cluster.Grains.GetGrain<IOrganisationRegistryGrain>("bologna").Register(org);

        var outcomes = new Dictionary<CommandOutcome, int>();
        var dated = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            var (kind, id) = commands.PickActivity();
            var grain = cluster.Grains.Activity("bologna", kind, id);
            var (command, version) = commands.Next(await grain.Get());
            var result = await grain.Execute(command, version);
            outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
            if (result.Record.ProfilesUntil.Count > 0) dated.Add(id);
        }

        // Dated changes happened: some activities had different profiles in different years.
        Assert.NotEmpty(dated);
        // The sequences exercise acceptance, conflicts and refusals alike.
        Assert.True(outcomes.GetValueOrDefault(CommandOutcome.Accepted) > 150, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(CommandOutcome.Conflict) > 0, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(CommandOutcome.Invalid) > 0, string.Join(", ", outcomes));
        foreach (var year in RandomCommands.Years)
        {
            var report = await cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", year)).Verify();
            Assert.True(report.Equal, $"{year}:\n" + string.Join("\n", report.Differences));
            Assert.True(report.Activities > 0);
        }
    }
}
