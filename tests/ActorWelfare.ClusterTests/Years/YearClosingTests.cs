using System.Text.Json;
using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Years;
using Xunit;

namespace ActorWelfare.Tests.Years;

/// <summary>Closing a year, reopening it, and snapshots, on an in-process cluster.</summary>
public sealed class YearClosingTests : IAsyncLifetime
{
    private InProcessCluster cluster = null!;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static Caller Person(string role, params string[] quartieri) =>
        Caller.InCity($"user-{role}", "bologna", [role], quartieri);

    private static readonly Caller Operatore = Person(Roles.Operatore, "navile");
    private static readonly Caller Analista = Person(Roles.Analista);
    private static readonly Caller Amministratore = Person(Roles.Amministratore);

    // A cluster per test: closing, reopening and snapshots change the year every test here reads.
    public async Task InitializeAsync() => cluster = await InProcessCluster.StartAsync(silos: 1);

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    /// <summary>Runs a call as this person (in its own flow, so the caller does not leak into the test's).</summary>
    private static Task<T> As<T>(Caller caller, Func<Task<T>> call) => Task.Run(async () =>
    {
        CallerContext.HandDown(caller);
        return await call();
    });

    private IYearGrain Year(int year) => cluster.Grains.GetGrain<IYearGrain>(GrainKeys.CityYear("bologna", year));
    private IActivityGrain Gruppo(string id) => cluster.Grains.Activity("bologna", ActivityKind.Gruppo, id);

    private async Task<long> RegisterAsync(string id, int start)
    {
        var result = await Gruppo(id).Execute(new RegisterActivity(new ActivityProfile
        {
            Name = id, Quartieri = ["navile"], StartYear = start, EndYear = 2025, Status = "attivo", Themes = ["anziani"],
        }), 0);
        Assert.True(result.Succeeded);
        return result.Record.Version;
    }

    [Fact]
    public async Task After_2019_closes_changes_from_2020_on_are_accepted_and_only_a_change_that_alters_2019_is_refused()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var version = await RegisterAsync("g-lungo", 2016);
        var before2019 = await cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", 2019)).Verify();
        Assert.Equal(CommandOutcome.Accepted, (await As(Analista, () => Year(2019).Close())).Outcome);
        async Task<CommandResult> Run(ActivityCommand command)
        {
            var result = await As(Operatore, () => Gruppo("g-lungo").Execute(command, version));
            if (result.Succeeded) version = result.Record.Version;
            return result;
        }

        // Everyday work from 2020 on: a new theme, a new status, a move within the operatore's quartieri.
        Assert.Equal(CommandOutcome.Accepted, (await Run(new EditProfile((await Gruppo("g-lungo").Get()).Profile with { Themes = ["anziani", "abitare"] }, 2020))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await Run(new ChangeStatus("in-attivazione", 2020))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await Run(new MoveToQuartieri(["navile"], ["lame"], 2021))).Outcome);

        // A change that would alter 2019 names the year, the field and the rule, and changes nothing.
        var stored = await Gruppo("g-lungo").Get();
        var from2019 = await Run(new ChangeStatus("concluso", 2019));
        Assert.Equal(CommandOutcome.Invalid, from2019.Outcome);
        Assert.Equal(("fromYear", "closed"), (from2019.Errors[0].Field, from2019.Errors[0].Rule));
        Assert.Contains("2019", from2019.Errors[0].MessageEn);
        var wholeSpan = await Run(new ChangeStatus("concluso"));
        Assert.Equal(("year", "closed"), (wholeSpan.Errors[0].Field, wholeSpan.Errors[0].Rule));
        Assert.Equal(stored.Version, (await Gruppo("g-lungo").Get()).Version);

        // 2019 is what it was: the same record of that year, the same figures.
        Assert.Equal(["anziani"], stored.ProfileFor(2019).Themes);
        Assert.Equal(["anziani", "abitare"], stored.ProfileFor(2020).Themes);
        var after2019 = await cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", 2019)).Verify();
        Assert.True(after2019.Equal);
        Assert.Equal(JsonSerializer.Serialize(before2019.Recomputed.Indicators, Json), JsonSerializer.Serialize(after2019.Recomputed.Indicators, Json));
        var history = await As(Operatore, () => Gruppo("g-lungo").History());
        Assert.Equal(2020, history.Single(h => h.Command == nameof(ChangeStatus)).Years[0]);
        Assert.DoesNotContain(2019, history.Where(h => h.Version > 1).SelectMany(h => h.Years));

        // Reopened, the change from 2019 goes through.
        Assert.Equal(CommandOutcome.Accepted, (await As(Amministratore, () => Year(2019).Reopen("Correzione"))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await Run(new ChangeStatus("concluso", 2019))).Outcome);
    }

    [Fact]
    public async Task A_closed_year_refuses_changes_to_its_figures_only_and_reopening_needs_an_administrator_and_a_reason()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var version = await RegisterAsync("g-chiuso", 2024);
        Assert.Equal(CommandOutcome.Forbidden, (await As(Operatore, () => Year(2024).Close())).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await As(Analista, () => Year(2024).Close())).Outcome);

        var refused = await As(Operatore, () => Gruppo("g-chiuso").Execute(new RecordMeeting(2024), version));
        Assert.Equal(CommandOutcome.Invalid, refused.Outcome);
        Assert.Equal(("year", "closed"), (refused.Errors[0].Field, refused.Errors[0].Rule));
        Assert.Equal(version, (await Gruppo("g-chiuso").Get()).Version);
        // A meeting dated in the closed year: the date is what is refused.
        var dated = await As(Operatore, () => Gruppo("g-chiuso").Execute(new RecordEvent(new MeetingEvent { Date = new DateOnly(2024, 11, 5) }), version));
        Assert.Equal(("events.date", "closed"), (dated.Errors[0].Field, dated.Errors[0].Rule));
        Assert.StartsWith("Data dell'incontro: il 2024 è chiuso", dated.Errors[0].MessageIt);
        Assert.Equal(version, (await Gruppo("g-chiuso").Get()).Version);

        // 2025 is open: its figures change, 2024's do not.
        var open = await As(Operatore, () => Gruppo("g-chiuso").Execute(new RecordMeeting(2025), version));
        Assert.Equal(CommandOutcome.Accepted, open.Outcome);
        // A change of the profile would alter 2024's figures too (its themes are counted there): refused.
        var profile = open.Record.Profile with { Themes = ["salute"] };
        Assert.Equal("closed", (await As(Operatore, () => Gruppo("g-chiuso").Execute(new EditProfile(profile), open.Record.Version))).Errors[0].Rule);

        Assert.Equal(CommandOutcome.Forbidden, (await As(Analista, () => Year(2024).Reopen("errore"))).Outcome);
        Assert.Equal("reason", (await As(Amministratore, () => Year(2024).Reopen("  "))).Errors[0].Field);
        var reopened = await As(Amministratore, () => Year(2024).Reopen("Correzione dei beneficiari di Navile"));
        Assert.False(reopened.Status.Closed);
        Assert.Equal(["closed", "reopened"], reopened.Status.Events.Select(e => e.Kind));
        Assert.Equal("Correzione dei beneficiari di Navile", reopened.Status.Events[1].Reason);
        Assert.Equal(Amministratore.Name, reopened.Status.Events[1].By);
        // Both acts are in the administrative audit, by name, with the reason; the refused attempts are not.
        Assert.Equal(
            [("year-closed", Analista.Name, "2024", "open", "closed"), ("year-reopened", Amministratore.Name, "2024", "closed", "Correzione dei beneficiari di Navile")],
            cluster.AdminActs.Acts.Where(a => a.Action.StartsWith("year-", StringComparison.Ordinal)).Select(a => (a.Action, a.ActorName, a.Target, a.Before, a.After)!));
        Assert.True((await As(Operatore, () => Gruppo("g-chiuso").Execute(new RecordMeeting(2024), open.Record.Version))).Succeeded);
    }

    [Fact]
    public async Task A_snapshot_taken_after_closing_equals_the_live_document_and_stays_as_it_was()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        await cluster.LoadDatasetAsync("bologna-2019");
        Assert.True((await As(Analista, () => Year(2019).Close())).Succeeded);
        var live = await WaitForQuiescenceAsync(2019);

        var taken = await As(Analista, () => Year(2019).TakeSnapshot(SnapshotInfo.Final));
        var snapshot = (await As(Analista, () => Year(2019).GetSnapshot(taken.Snapshot!.Id)))!;
        Assert.True(snapshot.Info.YearClosed);
        Assert.Equal(JsonSerializer.Serialize(live.Indicators, Json), JsonSerializer.Serialize(snapshot.Document.Indicators, Json));
        Assert.Equal(JsonSerializer.Serialize(live.Quartieri, Json), JsonSerializer.Serialize(snapshot.Document.Quartieri, Json));
        Assert.Equal(130, snapshot.Records.Count);
        Assert.Equal(99, snapshot.Document.Indicators["PI.TOT"].Value);
        Assert.Equal(YearGrain.ContentHash(snapshot.Document, snapshot.Records), snapshot.Info.Sha256);

        // Reopened and changed, the year gets a different snapshot; the first one is as it was.
        await As(Amministratore, () => Year(2019).Reopen("Aggiunta di un gruppo"));
        await As(Operatore, () => Gruppo("g-tardivo").Execute(new RegisterActivity(new ActivityProfile
            { Name = "Gruppo tardivo", Quartieri = ["navile"], StartYear = 2019, Status = "attivo" }), 0));
        var second = await As(Analista, () => Year(2019).TakeSnapshot(SnapshotInfo.Provisional));
        Assert.NotEqual(taken.Snapshot!.Sha256, second.Snapshot!.Sha256);
        var again = (await As(Analista, () => Year(2019).GetSnapshot(taken.Snapshot.Id)))!;
        Assert.Equal(taken.Snapshot.Sha256, YearGrain.ContentHash(again.Document, again.Records));
        Assert.Equal(2, (await Year(2019).ListSnapshots()).Count);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(Caller.Anonymous, () => Year(2019).GetSnapshot(taken.Snapshot.Id)));
    }

    [Fact]
    public async Task The_analysts_words_are_versioned_and_a_snapshot_freezes_the_last_of_each_in_its_hash()
    {
        InProcessCluster.AsSystem();
        await RegisterAsync("g-parole", 2024);
        var year = Year(2024);
        Assert.Equal(CommandOutcome.Accepted, (await As(Analista, () => year.WriteCommentary(Commentary.General, "Prima stesura."))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await As(Analista, () => year.WriteCommentary(Commentary.General, "Tratti comuni: «reti» più solide.\n\nConclusioni."))).Outcome);
        Assert.Equal(CommandOutcome.Unchanged, (await As(Analista, () => year.WriteCommentary(Commentary.General, "  Tratti comuni: «reti» più solide.\r\n\r\nConclusioni. "))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await As(Analista, () => year.WriteCommentary("gruppi", "Un gruppo nuovo."))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await As(Analista, () => year.WriteCommentary("tavoli", "Da togliere."))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await As(Analista, () => year.WriteCommentary("tavoli", ""))).Outcome);

        // Every version kept, with who and when; only analisti of the city write, every problem named at once.
        var versions = await As(Analista, () => year.GetCommentary());
        Assert.Equal([1, 2], versions.Where(v => v.Section == Commentary.General).Select(v => v.Version));
        Assert.All(versions, v => Assert.Equal("user-analista", v.By));
        foreach (var other in new[] { Person(Roles.Direttore), Amministratore, Caller.InCity("crema-analista", "crema", [Roles.Analista], []) })
            Assert.Equal(CommandOutcome.Forbidden, (await As(other, () => year.WriteCommentary("gruppi", "Non mio."))).Outcome);
        var bad = await As(Analista, () => year.WriteCommentary("capitolo-9", new string('x', Commentary.MaxLength + 1) + "\u0007"));
        Assert.Equal(CommandOutcome.Invalid, bad.Outcome);
        Assert.Equal([("section", "unknown-id"), ("commentary", "max-length"), ("commentary", "plain-text")], bad.Errors.Select(e => (e.Field, e.Rule)));
        Assert.Equal(versions.Count, (await As(Analista, () => year.GetCommentary())).Count);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(Caller.Anonymous, () => year.GetCommentary()));

        // The snapshot keeps the last words of each section with words (the emptied tavoli have none), in its hash.
        var taken = await As(Analista, () => year.TakeSnapshot(SnapshotInfo.Provisional));
        var snapshot = (await As(Analista, () => year.GetSnapshot(taken.Snapshot!.Id)))!;
        Assert.Equal([(Commentary.General, 2), ("gruppi", 1)], snapshot.Commentary!.Select(c => (c.Section, c.Version)));
        Assert.Equal("Tratti comuni: «reti» più solide.\n\nConclusioni.", snapshot.Commentary![0].Text);
        Assert.Equal(YearGrain.ContentHash(snapshot.Document, snapshot.Records, snapshot.Commentary), snapshot.Info.Sha256);
        Assert.NotEqual(YearGrain.ContentHash(snapshot.Document, snapshot.Records), snapshot.Info.Sha256);
        // Words written later are the next snapshot's, not this one's.
        await As(Analista, () => year.WriteCommentary("gruppi", "Riveduto."));
        Assert.Equal("Un gruppo nuovo.", (await As(Analista, () => year.GetSnapshot(taken.Snapshot!.Id)))!.Commentary![1].Text);
    }

    [Fact]
    public async Task A_director_comments_on_a_live_figure_and_the_citys_staff_read_it()
    {
        var year = Year(2024);
        var direttore = Person(Roles.Direttore);
        Assert.Equal(CommandOutcome.Accepted, (await As(direttore, () => year.Annotate("TP.MEET", "*", "Pochi incontri a Navile: chiediamo perché."))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await As(direttore, () => year.Annotate("B3.07", "navile", "Un tavolo nuovo."))).Outcome);
        foreach (var other in new[] { Analista, Operatore, Caller.InCity("crema-direttore", "crema", [Roles.Direttore], []) })
            Assert.Equal(CommandOutcome.Forbidden, (await As(other, () => year.Annotate("TP.MEET", "*", "Non mio."))).Outcome);
        var bad = await As(direttore, () => year.Annotate("XX.1", "atlantide", " "));
        Assert.Equal([("figure", "unknown-id"), ("scope", "unknown-id"), ("commentary", "required")], bad.Errors.Select(e => (e.Field, e.Rule)));

        // Staff of the city read them (an operatore too); nobody else.
        var comments = await As(Operatore, () => year.GetAnnotations());
        Assert.Equal([("TP.MEET", "*"), ("B3.07", "navile")], comments.Select(c => (c.Code, c.Scope)));
        Assert.Equal("user-direttore", comments[0].By);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(Caller.Anonymous, () => year.GetAnnotations()));
        Assert.Equal(CommandOutcome.Forbidden, (await As(Analista, () => year.RemoveAnnotation(comments[0].Id))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await As(direttore, () => year.RemoveAnnotation(comments[0].Id))).Outcome);
        Assert.Single(await As(Operatore, () => year.GetAnnotations()));
    }

    [Fact]
    public async Task A_snapshot_taken_while_staff_save_is_a_consistent_cut()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var ids = Enumerable.Range(0, 12).Select(i => $"g-taglio-{i}").ToList();
        foreach (var id in ids) await RegisterAsync(id, 2025);
        using var stop = new CancellationTokenSource();
        var writers = ids.Select(id => Task.Run(async () =>
        {
            var version = (await Gruppo(id).Get()).Version;
            while (!stop.IsCancellationRequested)
                version = (await Gruppo(id).Execute(new RecordMeeting(2025), version)).Record.Version;
        })).ToList();
        var snapshots = new List<Snapshot>();
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(40);
            var info = (await As(Analista, () => Year(2025).TakeSnapshot(SnapshotInfo.Provisional))).Snapshot!;
            snapshots.Add((await As(Analista, () => Year(2025).GetSnapshot(info.Id)))!);
        }
        stop.Cancel();
        await Task.WhenAll(writers);

        foreach (var snapshot in snapshots)
        {
            // Each activity is in the snapshot exactly once, exactly as it was stored at one of its versions.
            Assert.Equal(ids.Order(), snapshot.Records.Select(r => r.Id).Order());
            foreach (var record in snapshot.Records)
            {
                var stored = (await cluster.Store.HistoryAsync("bologna", ActivityKind.Gruppo, record.Id)).Single(a => a.Version == record.Version).After;
                Assert.Equal(JsonSerializer.Serialize(stored, Json), JsonSerializer.Serialize(record, Json));
            }
            // And the document is the document of those records.
            var recomputed = IndicatorRecomputation.Compute(InProcessCluster.Territories["bologna"], 2025, snapshot.Records, snapshot.Document.Version);
            Assert.Equal(JsonSerializer.Serialize(recomputed.Indicators, Json), JsonSerializer.Serialize(snapshot.Document.Indicators, Json));
            Assert.Equal(snapshot.Records.Sum(r => r.Years[2025].Meetings ?? 0), snapshot.Document.Indicators["GC.MEET"].Value);
        }
        Assert.True(snapshots.Select(s => s.Info.Sha256).Distinct().Count() > 1, "the figures moved between snapshots while staff saved");
    }

    private async Task<IndicatorDocument> WaitForQuiescenceAsync(int year)
    {
        var verify = cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", year));
        var report = await Eventually.LastAsync(verify.Verify, r => r.Equal, TimeSpan.FromSeconds(10));
        Assert.True(report.Equal, "the live document did not settle:\n" + string.Join("\n", report.Differences));
        return await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", year)).GetDocument();
    }
}
