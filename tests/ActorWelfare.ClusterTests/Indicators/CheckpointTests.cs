using System.Text.Json;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Storage;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Indicators;

/// <summary>
/// An aggregator that activates again takes back the contributions it wrote down and reads only what changed behind
/// it; a checkpoint that is damaged or was written under other rules is passed over for the activities themselves.
/// </summary>
public sealed class CheckpointTests : IAsyncLifetime
{
    private InProcessCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await InProcessCluster.StartAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private static ActivityProfile Gruppo(int year) => new()
    {
        Name = "Gruppo del quaderno", Quartieri = ["navile"], StartYear = year, Status = "attivo",
        Themes = ["anziani"], Purposes = ["socializzazione"],
    };

    private async Task RegisterAsync(int year, params string[] ids)
    {
        foreach (var id in ids)
            Assert.True((await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, id).Execute(new RegisterActivity(Gruppo(year)), 0)).Succeeded);
    }

    /// <summary>
    /// Deactivates every idle grain (the aggregator writes its checkpoint as it goes) until the checkpoint is one written
    /// under today's rules whose contributions say <paramref name="holds"/> (a grain busy with a timer's turn is not
    /// collected: it is asked again).
    /// </summary>
    private async Task<IndicatorCheckpoint> CollectAsync(int year, Func<IReadOnlyList<HeldContribution>, bool> holds)
    {
        var rules = ContributionCheckpoint.RulesOf(InProcessCluster.Territories["bologna"]);
        bool Holds(IndicatorCheckpoint? c)
        {
            if (c is null || c.Rules != rules) return false;
            try { return holds(ContributionCheckpoint.Decode(new(c.Head, c.Contributions!), k => k).Contributions); }
            catch (InvalidDataException) { return false; }
        }
        var written = await Eventually.ValueAsync(async () =>
        {
            await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            var c = await cluster.Checkpoints.LoadAsync("bologna", year);
            if (!Holds(c)) await Task.Delay(100);
            return c;
        }, Holds, $"the checkpoint of {year} written");
        return written!;
    }

    /// <summary>A meeting more stored for an activity without its grain or the aggregator knowing (as a crashed silo may leave it).</summary>
    private async Task MeetBehindAsync(string id, int year)
    {
        var stored = (await cluster.Store.LoadAsync("bologna", ActivityKind.Gruppo, id))!;
        var next = ActivityRules.Apply(stored, new RecordMeeting(year), _ => null) with { Version = stored.Version + 1 };
        var audit = new AuditEntry("bologna", ActivityKind.Gruppo, id, next.Version, DateTimeOffset.UtcNow, new Actor("test", "Test"), "RecordMeeting", "{}", stored, next);
        Assert.Equal(SaveOutcome.Saved, (await cluster.Store.SaveAsync(next, stored.Version, audit, [year])).Outcome);
    }

    private static string Figures(IndicatorDocument d) => JsonSerializer.Serialize(d.Indicators) + JsonSerializer.Serialize(d.Quartieri);

    [Fact]
    public async Task A_reactivated_aggregator_takes_back_its_checkpoint_reads_only_what_changed_and_keeps_the_time_of_its_last_change()
    {
        InProcessCluster.AsSystem();
        const int year = 2032;
        var aggregator = cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", year));
        await RegisterAsync(year, "q-a", "q-b", "q-c");
        Assert.True((await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "q-a").Execute(new RecordMeeting(year), 1)).Succeeded);
        var first = await Eventually.ValueAsync(() => aggregator.GetDocument(), d => d.Indicators["GC.MEET"].Value == 1, "the meeting counted");

        var written = await CollectAsync(year, held => held.Count == 3);
        Assert.Equal(3, written.Activities);
        await MeetBehindAsync("q-b", year);

        var loads = cluster.Store.CityYearLoads("bologna", year);
        var back = await aggregator.GetDocument();
        Assert.Equal(2, back.Indicators["GC.MEET"].Value); // the meeting stored behind its back is counted
        Assert.Equal(3, back.Indicators["GC.TOT"].Value);
        Assert.Equal(loads, cluster.Store.CityYearLoads("bologna", year)); // taken back, not loaded from every activity
        Assert.True(back.AsOf > first.AsOf);
        Assert.True((await cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", year)).Verify()).Equal);

        // Nothing changed since: the next activation shows the same figures with the time they last changed.
        await CollectAsync(year, held => held.Single(h => h.Activity.EndsWith("/q-b", StringComparison.Ordinal)).Version == 2);
        (loads, var versionReads) = (cluster.Store.CityYearLoads("bologna", year), cluster.Store.VersionReads("bologna", year));
        var again = await aggregator.GetDocument();
        Assert.Equal(Figures(back), Figures(again));
        Assert.Equal(back.AsOf, again.AsOf);
        Assert.True(again.Version > back.Version);
        // Served from the checkpoint's figures and what changed since its horizon, not from every version of the city-year.
        Assert.Equal(versionReads, cluster.Store.VersionReads("bologna", year));
        Assert.Equal(loads, cluster.Store.CityYearLoads("bologna", year));

        // The activities behind a figure, and a change after the restart, find the checkpoint's activities decoded.
        Assert.Equal(["bologna/gruppo/q-a", "bologna/gruppo/q-b", "bologna/gruppo/q-c"], await aggregator.GetContributors(new FigureSelector("GC.TOT")));
        await CollectAsync(year, held => held.Count == 3);
        Assert.True((await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "q-c").Execute(new RecordMeeting(year), 1)).Succeeded);
        var live = await Eventually.ValueAsync(() => aggregator.GetDocument(), d => d.Indicators["GC.MEET"].Value == 3, "the live meeting counted");
        Assert.Equal(3, live.Indicators["GC.TOT"].Value);
        Assert.Equal(loads, cluster.Store.CityYearLoads("bologna", year));
        Assert.True((await cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", year)).Verify()).Equal);
    }

    [Fact]
    public async Task Changes_of_the_city_in_other_years_move_the_checkpoint_s_horizon_on()
    {
        InProcessCluster.AsSystem();
        const int year = 2034;
        var aggregator = cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", year));
        await RegisterAsync(year, "s-a");
        await Eventually.ValueAsync(() => aggregator.GetDocument(), d => d.Indicators["GC.TOT"].Value == 1, "counted");
        var first = ContributionCheckpoint.ReadHead((await CollectAsync(year, held => held.Count == 1)).Head, k => k).Horizon!.Value;

        // A change of the same city in a year this aggregator does not count: its next activation (or check) sees it,
        // takes nothing, and writes the newer horizon down, so the one after does not read that change again.
        await RegisterAsync(year + 10, "s-elsewhere");
        var moved = await Eventually.ValueAsync(async () =>
        {
            await aggregator.GetDocument();
            await Task.Delay(200);
            await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            var c = await cluster.Checkpoints.LoadAsync("bologna", year);
            return ContributionCheckpoint.ReadHead(c!.Head, k => k).Horizon!.Value;
        }, h => h > first, "a newer horizon written");
        Assert.True(moved > first);
        Assert.Equal(1, (await aggregator.GetDocument()).Indicators["GC.TOT"].Value);
    }

    [Fact]
    public async Task A_damaged_checkpoint_or_one_of_other_rules_is_passed_over_for_the_activities()
    {
        InProcessCluster.AsSystem();
        const int year = 2033;
        var aggregator = cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", year));
        await RegisterAsync(year, "r-a", "r-b");
        var first = await Eventually.ValueAsync(() => aggregator.GetDocument(), d => d.Indicators["GC.TOT"].Value == 2, "both counted");
        var written = await CollectAsync(year, held => held.Count == 2);

        static byte[] Damaged(byte[] bytes)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[^1] ^= 0x10;
            return damaged;
        }
        foreach (var unusable in new[] { written with { Head = Damaged(written.Head) }, written with { Rules = "another build" } })
        {
            await cluster.Checkpoints.SaveAsync(unusable);
            var loads = cluster.Store.CityYearLoads("bologna", year);
            var document = await aggregator.GetDocument();
            Assert.Equal(loads + 1, cluster.Store.CityYearLoads("bologna", year)); // loaded from the activities
            Assert.Equal(Figures(first), Figures(document));
            // And a usable checkpoint is written in its place.
            var rewritten = await CollectAsync(year, held => held.Count == 2);
            Assert.Equal(written.Rules, rewritten.Rules);
        }

        // Damaged contributions under a sound head: the figures are served from the head; the first change finds the
        // contributions unusable and loads from the activities, and the change is counted.
        await cluster.Checkpoints.SaveAsync(written with { Contributions = Damaged(written.Contributions!) });
        var before = cluster.Store.CityYearLoads("bologna", year);
        Assert.Equal(Figures(first), Figures(await aggregator.GetDocument()));
        Assert.Equal(before, cluster.Store.CityYearLoads("bologna", year));
        Assert.True((await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "r-a").Execute(new RecordMeeting(year), 1)).Succeeded);
        await Eventually.ValueAsync(() => aggregator.GetDocument(), d => d.Indicators["GC.MEET"].Value == 1, "the meeting counted");
        Assert.Equal(before + 1, cluster.Store.CityYearLoads("bologna", year));
        Assert.Equal(2, (await aggregator.GetDocument()).Indicators["GC.TOT"].Value);
        Assert.True((await cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", year)).Verify()).Equal);
    }
}
