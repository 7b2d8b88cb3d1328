using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Years;
using Xunit;

namespace ActorWelfare.Tests.Indicators;

/// <summary>
/// Random dated command sequences on a live two-silo cluster, across Bologna's 2016 reorganisation, with
/// years closed and reopened on the way: a closed year's document never moves, and at the end the
/// aggregators of every year equal verify.
/// </summary>
public sealed class RandomizedAggregationTests
{
    private static readonly Caller Analista = Caller.InCity("analista", "bologna", [Roles.Analista]);
    private static readonly Caller Amministratore = Caller.InCity("admin", "bologna", [Roles.Amministratore]);

    /// <summary>Runs a call as this person (in its own flow, so the caller does not leak into the test's).</summary>
    private static Task<T> As<T>(Caller caller, Func<Task<T>> call) => Task.Run(async () =>
    {
        CallerContext.HandDown(caller);
        return await call();
    });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task After_random_commands_every_year_equals_the_recomputation(int seed)
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        await using var cluster = await InProcessCluster.StartAsync();
        var bologna = InProcessCluster.Territories["bologna"];
        var commands = new RandomCommands(seed, bologna);
        foreach (var org in commands.Organisations)
            await cluster.Grains.GetGrain<IOrganisationRegistryGrain>("bologna").Register(org);
        IYearGrain YearGrain(int year) => cluster.Grains.GetGrain<IYearGrain>(GrainKeys.CityYear("bologna", year));
        Task<IndicatorDocument> Document(int year) => cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", year)).GetDocument();

        var pick = new Random(seed);
        var outcomes = new Dictionary<CommandOutcome, int>();
        var rules = new Dictionary<string, int>();
        var dated = new HashSet<string>();
        var withMeetings = 0;
        var formerQuartieri = new HashSet<string>();
        (int Year, long Version)? closed = null;
        for (var i = 0; i < 300; i++)
        {
            if (i % 60 == 20)
            {
                // An analista closes a year in the middle of the work: from now on its document must not move.
                var year = RandomCommands.Years[pick.Next(RandomCommands.Years.Length)];
                Assert.True((await As(Analista, () => YearGrain(year).Close())).Succeeded);
                closed = (year, (await Document(year)).Version);
            }
            if (i % 60 == 50 && closed is var (closedYear, version))
            {
                Assert.Equal(version, (await Document(closedYear)).Version);
                Assert.True((await As(Amministratore, () => YearGrain(closedYear).Reopen("prova"))).Succeeded);
                closed = null;
            }
            var (kind, id) = commands.PickActivity();
            var grain = cluster.Grains.Activity("bologna", kind, id);
            var (command, expected) = commands.Next(await grain.Get());
            var result = await grain.Execute(command, expected);
            outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
            foreach (var e in result.Errors) rules[e.Rule + ":" + e.Field + ":" + command.GetType().Name] = rules.GetValueOrDefault(e.Rule + ":" + e.Field + ":" + command.GetType().Name) + 1;
            if (result.Record.ProfilesUntil.Count > 0) dated.Add(id);
            if (result.Succeeded && command is RecordEvent) withMeetings++;
            if (result.Succeeded && result.Record.Exists)
                foreach (var q in result.Record.ProfilesUntil.Values.Append(result.Record.Profile).SelectMany(p => p.Quartieri ?? []))
                    if (bologna.FindQuartiere(q)?.Until is not null) formerQuartieri.Add(q);
        }
        if (closed is var (stillClosed, last)) Assert.Equal(last, (await Document(stillClosed)).Version);

        // Dated changes happened, and activities were recorded in the quartieri before 2016.
        Assert.NotEmpty(dated);
        Assert.NotEmpty(formerQuartieri);
        // Meetings were recorded with their dates, so the years counted from events are among those verified.
        Assert.True(withMeetings > 0, string.Join("\n", rules.OrderByDescending(r => r.Value)));
        // The sequences exercise acceptance, conflicts and refusals alike.
        Assert.True(outcomes.GetValueOrDefault(CommandOutcome.Accepted) > 150, string.Join(", ", outcomes) + "\n" + string.Join("\n", rules.OrderByDescending(r => r.Value)));
        Assert.True(outcomes.GetValueOrDefault(CommandOutcome.Conflict) > 0, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(CommandOutcome.Invalid) > 0, string.Join(", ", outcomes));
        foreach (var year in RandomCommands.AllYears)
        {
            var report = await cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", year)).Verify();
            Assert.True(report.Equal, $"{year}:\n" + string.Join("\n", report.Differences));
            if (RandomCommands.Years.Contains(year)) Assert.True(report.Activities > 0, $"{year}: no activity");
        }
    }
}
