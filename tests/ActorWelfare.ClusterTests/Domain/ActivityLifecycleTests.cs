using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Quartieri;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>Moving, re-dating, changing kind or deleting an activity moves or withdraws its contribution.</summary>
public sealed class ActivityLifecycleTests : IAsyncLifetime
{
    // A cluster per test: each asserts the city's figures as a whole (GC.TOT 1, a breakdown), so one test's activity would count in another's.
    private InProcessCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await InProcessCluster.StartAsync();
    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private Task<IndicatorDocument> Year(int year) =>
        cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", year)).GetDocument();

    private async Task AssertVerified(params int[] years)
    {
        foreach (var year in years)
        {
            var report = await cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", year)).Verify();
            Assert.True(report.Equal, string.Join("\n", report.Differences));
        }
    }

    private static readonly ActivityProfile Gruppo = new()
    {
        Name = "Gruppo di prova", Quartieri = ["navile"], StartYear = 2024, EndYear = 2025, Status = "attivo",
        Themes = ["anziani"], Purposes = ["socializzazione"],
    };

    [Fact]
    public async Task A_quartieres_list_comes_from_the_store_so_an_activity_whose_notice_was_lost_is_listed_all_the_same()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var navile = cluster.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("bologna", "navile"));
        await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-notificato").Execute(new RegisterActivity(Gruppo), 0);
        // Stored, but the quartiere was never told (a silo lost between the save and the notice).
        var unannounced = new ActivityRecord
        {
            City = "bologna", Kind = ActivityKind.Tavolo, Id = "t-non-annunciato", Version = 1,
            Profile = Gruppo with { Name = "Tavolo non annunciato", Quartieri = ["savena"] },
            ProfilesUntil = new Dictionary<int, ActivityProfile> { [2023] = Gruppo with { Name = "Tavolo non annunciato", StartYear = 2023 } },
        };
        await cluster.Store.SaveAsync(unannounced, 0, new Storage.AuditEntry("bologna", ActivityKind.Tavolo, unannounced.Id, 1, DateTimeOffset.UtcNow,
            new Actor("system", "ActorWelfare"), "RegisterActivity", "{}", null, unannounced), []);

        Assert.Equal([new ActivityRef(ActivityKind.Gruppo, "g-notificato"), new ActivityRef(ActivityKind.Tavolo, "t-non-annunciato")],
            (await navile.ListActivities()).OrderBy(r => r.Id));
        await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-notificato").Execute(new DeleteActivity(), 1);
        Assert.Equal([new ActivityRef(ActivityKind.Tavolo, "t-non-annunciato")], await navile.ListActivities());
    }

    [Fact]
    public async Task Moving_to_another_quartiere_moves_the_contribution_and_the_registry_entry()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var gruppo = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-1");
        await gruppo.Execute(new RegisterActivity(Gruppo), 0);
        await gruppo.Execute(new MoveToQuartieri(["savena"], ["mazzini"]), 1);

        var doc = await Year(2024);
        Assert.Equal(0, doc.Quartieri["navile"]["GC.TOT"].Value);
        Assert.Equal(1, doc.Quartieri["savena"]["GC.TOT"].Value);
        Assert.Equal(0, (await cluster.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("bologna", "navile")).GetSummary()).Gruppi);
        Assert.Equal(1, (await cluster.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("bologna", "savena")).GetSummary()).Gruppi);
        await AssertVerified(2024);
    }

    [Fact]
    public async Task Changing_the_years_withdraws_from_years_left_and_adds_to_years_joined()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var gruppo = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-2");
        await gruppo.Execute(new RegisterActivity(Gruppo), 0);
        Assert.Equal(1, (await Year(2025)).Indicators["GC.TOT"].Value);

        await gruppo.Execute(new EditProfile(Gruppo with { StartYear = 2022, EndYear = 2024 }), 1);

        Assert.Equal(0, (await Year(2025)).Indicators["GC.TOT"].Value);
        Assert.Equal(1, (await Year(2022)).Indicators["GC.TOT"].Value);
        await AssertVerified(2022, 2023, 2024, 2025);
    }

    [Fact]
    public async Task Changing_status_moves_the_breakdown_entry()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var gruppo = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-3");
        await gruppo.Execute(new RegisterActivity(Gruppo), 0);
        await gruppo.Execute(new ChangeStatus("in-attivazione"), 1);
        var breakdown = (await Year(2024)).Indicators["GC.TOT"].Breakdown!;
        Assert.Equal(1, breakdown["in-attivazione"]);
        Assert.False(breakdown.ContainsKey("attivo"));
    }

    [Fact]
    public async Task Changing_kind_moves_the_record_and_its_contribution_to_the_other_kind()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var gruppo = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-4");
        await gruppo.Execute(new RegisterActivity(Gruppo), 0);
        await gruppo.Execute(new UpdateYearFigures(2024, new YearFigures { Meetings = 5, Citizens = 20 }), 1);

        var changed = await gruppo.Execute(new ChangeKind(ActivityKind.Progetto), 2);

        Assert.Equal(CommandOutcome.Accepted, changed.Outcome);
        Assert.True((await gruppo.Get()).Deleted);
        var progetto = await cluster.Grains.Activity("bologna", ActivityKind.Progetto, "g-4").Get();
        Assert.True(progetto.Exists);
        Assert.Null(progetto.Profile.Themes);
        Assert.Null(progetto.FiguresFor(2024).Citizens);
        var doc = await Year(2024);
        Assert.Equal(0, doc.Indicators["GC.TOT"].Value);
        Assert.Equal(1, doc.Indicators["PI.TOT"].Value);
        await AssertVerified(2024, 2025);
    }

    [Fact]
    public async Task Changing_kind_stores_the_new_record_and_the_deletion_together_so_a_conflict_leaves_no_second_record()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var gruppo = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-tipo");
        await gruppo.Execute(new RegisterActivity(Gruppo), 0);
        await gruppo.Execute(new UpdateYearFigures(2024, new YearFigures { Meetings = 4, Operators = new Dictionary<string, int> { ["sst"] = 2 } }), 1);

        // Someone stores the gruppo behind its grain's back: the change of kind conflicts, and no progetto is stored either.
        var stored = (await cluster.Store.LoadAsync("bologna", ActivityKind.Gruppo, "g-tipo"))!;
        await cluster.Store.SaveAsync(stored with { Version = 3 }, 2, new Storage.AuditEntry("bologna", ActivityKind.Gruppo, "g-tipo", 3,
            DateTimeOffset.UtcNow, new Actor("system", "ActorWelfare"), "RecordMeeting", "{}", stored, stored with { Version = 3 }), []);
        Assert.Equal(CommandOutcome.Conflict, (await gruppo.Execute(new ChangeKind(ActivityKind.Progetto), 2)).Outcome);
        Assert.Null(await cluster.Store.LoadAsync("bologna", ActivityKind.Progetto, "g-tipo"));
        Assert.False((await cluster.Grains.Activity("bologna", ActivityKind.Progetto, "g-tipo").Get()).Exists);

        // Against the stored version it goes through: the progetto with the figures, the gruppo deleted, one audit entry for the progetto.
        Assert.Equal(CommandOutcome.Accepted, (await gruppo.Execute(new ChangeKind(ActivityKind.Progetto), 3)).Outcome);
        var progetto = (await cluster.Store.LoadAsync("bologna", ActivityKind.Progetto, "g-tipo"))!;
        Assert.False(progetto.Deleted);
        Assert.Equal(2, progetto.FiguresFor(2024).Operators!["sst"]); // a progetto keeps the operators, not the meetings
        Assert.True((await cluster.Store.LoadAsync("bologna", ActivityKind.Gruppo, "g-tipo"))!.Deleted);
        Assert.Equal("ChangeKind", Assert.Single(await cluster.Store.HistoryAsync("bologna", ActivityKind.Progetto, "g-tipo")).Command);
        // The progetto's grain reads what was stored, and the figures moved with it.
        Assert.Equal(progetto.Version, (await cluster.Grains.Activity("bologna", ActivityKind.Progetto, "g-tipo").Get()).Version);
        // The gruppo's withdrawal and the progetto's contribution reach the aggregator before the change is acknowledged.
        Assert.Equal(1, (await Year(2024)).Indicators["PI.TOT"].Value);
        await AssertVerified(2024, 2025);
    }
}
