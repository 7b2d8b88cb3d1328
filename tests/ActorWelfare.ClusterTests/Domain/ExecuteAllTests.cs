using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Storage;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>Several commands as one change (an import's rows for one activity): checked one by one, stored all or none.</summary>
public sealed class ExecuteAllTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    // One cluster for the class: each test writes its own activity and checks only it, and figures against verify.
    private InProcessCluster cluster => fixture.Cluster;

    private static ActivityProfile Gruppo(string name) => new()
    {
        Name = name, Quartieri = ["navile"], StartYear = 2024, EndYear = 2025, Status = "attivo", Themes = ["anziani"], Purposes = ["socializzazione"],
    };

    [Fact]
    public async Task A_grain_behind_its_store_reads_it_again_when_asked_for_the_stored_version()
    {
        InProcessCluster.AsSystem();
        var gruppo = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-indietro");
        Assert.Equal(CommandOutcome.Accepted, (await gruppo.ExecuteAll([new RegisterActivity(Gruppo("Gruppo indietro"))], 0)).Outcome);
        // A version stored behind the active grain's back (as when a save's answer is lost after its commit).
        var stored = (await cluster.Store.LoadAsync("bologna", ActivityKind.Gruppo, "g-indietro"))!;
        var newer = stored with { Version = 2, Profile = stored.Profile with { Name = "Gruppo ripreso" } };
        Assert.Equal(SaveOutcome.Saved, (await cluster.Store.SaveAsync(newer, 1, new AuditEntry("bologna", ActivityKind.Gruppo, "g-indietro", 2,
            DateTimeOffset.UtcNow, new Actor("anna", "Anna Rossi"), "EditProfile", "{}", stored, newer), [2024])).Outcome);
        Assert.Equal(1, (await gruppo.Get()).Version); // the grain still holds version 1

        // An import plans from the store: it expects version 2, and the grain takes it from there.
        var result = await gruppo.ExecuteAll([new UpdateYearFigures(2024, new YearFigures { Meetings = 2, Citizens = 5 })], 2);
        Assert.Equal(CommandOutcome.Accepted, result.Outcome);
        Assert.Equal((3L, "Gruppo ripreso"), (result.Record.Version, result.Record.Profile.Name));
        Assert.Equal(3, (await cluster.Store.LoadAsync("bologna", ActivityKind.Gruppo, "g-indietro"))!.Version);
    }

    [Fact]
    public async Task The_commands_are_stored_together_with_an_audit_record_each_and_the_figures_follow()
    {
        InProcessCluster.AsSystem();
        var gruppo = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-insieme");
        var result = await gruppo.ExecuteAll(
            [new RegisterActivity(Gruppo("Gruppo insieme")), new UpdateYearFigures(2024, new YearFigures { Meetings = 3, Citizens = 9 }), new RecordMeeting(2024)], 0);

        Assert.Equal(CommandOutcome.Accepted, result.Outcome);
        Assert.Equal(3, result.Record.Version);
        Assert.Equal(4, result.Record.FiguresFor(2024).Meetings);
        Assert.Equal(ActivityJson.Write(result.Record), ActivityJson.Write((await cluster.Store.LoadAsync("bologna", ActivityKind.Gruppo, "g-insieme"))!));
        var history = await cluster.Store.HistoryAsync("bologna", ActivityKind.Gruppo, "g-insieme");
        Assert.Equal([(1L, "RegisterActivity"), (2L, "UpdateYearFigures"), (3L, "RecordMeeting")], history.Select(a => (a.Version, a.Command)));
        Assert.Equal(ActivityJson.Write(history[1].After), ActivityJson.Write(history[2].Before!)); // each audit record starts where the one before ended
        // The contribution went to the aggregator once, with the last record's figures.
        var report = await cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", 2024)).Verify();
        Assert.True(report.Equal, string.Join("\n", report.Differences));
        Assert.Equal(3, (await gruppo.Get()).Version);
    }

    [Fact]
    public async Task A_refused_command_among_them_stores_none_and_answers_its_problem()
    {
        InProcessCluster.AsSystem();
        var gruppo = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-rifiutato");
        var result = await gruppo.ExecuteAll(
            [new RegisterActivity(Gruppo("Gruppo rifiutato")), new UpdateYearFigures(2024, new YearFigures { Meetings = 2 }), new UpdateYearFigures(2031, new YearFigures { Meetings = 1 })], 0);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.NotEmpty(result.Errors);
        Assert.Equal(0, result.Record.Version);
        Assert.Null(await cluster.Store.LoadAsync("bologna", ActivityKind.Gruppo, "g-rifiutato"));
        Assert.Empty(await cluster.Store.HistoryAsync("bologna", ActivityKind.Gruppo, "g-rifiutato"));
        Assert.False((await gruppo.Get()).Exists);
        // The grain is as stored: the same commands without the bad one go through from version 0.
        Assert.Equal(CommandOutcome.Accepted, (await gruppo.ExecuteAll([new RegisterActivity(Gruppo("Gruppo rifiutato"))], 0)).Outcome);
    }

    [Fact]
    public async Task A_change_of_kind_is_sent_on_its_own_and_a_stale_version_conflicts()
    {
        InProcessCluster.AsSystem();
        var gruppo = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-da-solo");
        await gruppo.Execute(new RegisterActivity(Gruppo("Gruppo da solo")), 0);

        var kind = await gruppo.ExecuteAll([new RecordMeeting(2024), new ChangeKind(ActivityKind.Progetto)], 1);
        Assert.Equal(CommandOutcome.Invalid, kind.Outcome);
        Assert.Equal("no-change-kind", Assert.Single(kind.Errors).Rule);
        Assert.Equal(CommandOutcome.Conflict, (await gruppo.ExecuteAll([new RecordMeeting(2024)], 0)).Outcome);
        Assert.Equal(1, (await cluster.Store.LoadAsync("bologna", ActivityKind.Gruppo, "g-da-solo"))!.Version);
    }
}
