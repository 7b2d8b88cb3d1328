using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Alerts;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>
/// A city's alerts in a cluster whose calendar says 1 May 2026 (a test clock): raised and cleared by the changes
/// that cause them, answered only by the operatori of the activity's districts, the rules set only by an
/// amministratore, every answer and rule audited, and subscribers told of each new version.
/// </summary>
public sealed class AlertsGrainTests : IAsyncLifetime
{
    // A cluster per test: one test changes the city's alert rules, which apply to every activity of the others.
    private InProcessCluster cluster = null!;
    private static readonly Caller Direttore = Caller.InCity("dir", "bologna", [Roles.Direttore]);
    private static readonly Caller Navile = Caller.InCity("op-navile", "bologna", [Roles.Operatore], "navile") with { Name = "Operatore di Navile" };
    private static readonly Caller Savena = Caller.InCity("op-savena", "bologna", [Roles.Operatore], "savena");
    private static readonly Caller Admin = Caller.InCity("admin", "bologna", [Roles.Amministratore]);
    private static readonly Caller Analista = Caller.InCity("an", "bologna", [Roles.Analista]);

    public async Task InitializeAsync() =>
        cluster = await InProcessCluster.StartAsync(silos: 1, settings: new Dictionary<string, string> { ["Clock:Now"] = "2026-05-01T10:00:00+02:00" });

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private IAlertsGrain Alerts => cluster.Grains.GetGrain<IAlertsGrain>("bologna");

    private static Task<T> As<T>(Caller caller, Func<Task<T>> call) => Task.Run(async () => { CallerContext.HandDown(caller); return await call(); });

    private async Task<CommandResult> SystemDoes(ActivityKind kind, string id, ActivityCommand command) => await Task.Run(async () =>
    {
        InProcessCluster.AsSystem();
        var grain = cluster.Grains.Activity("bologna", kind, id);
        var current = await grain.Get();
        var result = await grain.Execute(command, current.Version);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.MessageEn)));
        return result;
    });

    private static ActivityProfile Profile(string name, params string[] quartieri) =>
        new() { Name = name, Quartieri = quartieri, StartYear = 2026, Status = "attivo" };

    private static IEnumerable<string> Open(AlertList list, string id) => list.Open.Where(a => a.ActivityId == id).Select(a => a.Rule);

    [Fact]
    public async Task A_change_raises_and_clears_alerts_at_once_and_subscribers_are_told()
    {
        var observer = new Versions();
        var reference = cluster.Cluster.Client.CreateObjectReference<IAlertsObserver>(observer);
        await Alerts.Subscribe(reference);

        await SystemDoes(ActivityKind.Tavolo, "t-quiet", new RegisterActivity(Profile("Tavolo silenzioso", "navile")));
        var list = await As(Direttore, Alerts.List);
        Assert.Equal(new DateOnly(2026, 5, 1), list.Today);
        Assert.Equal([AlertRule.NoMeeting, AlertRule.MissingFigures], Open(list, "t-quiet"));
        Assert.Equal(120, list.Open.First(a => a.Rule == AlertRule.NoMeeting && a.ActivityId == "t-quiet").Days);
        await observer.SeenAsync(list.Version);

        // A meeting in January: figures now, but still more than 90 days ago.
        await SystemDoes(ActivityKind.Tavolo, "t-quiet", new RecordEvent(new MeetingEvent { Date = new DateOnly(2026, 1, 20) }));
        list = await As(Direttore, Alerts.List);
        var quiet = Assert.Single(list.Open, a => a.ActivityId == "t-quiet");
        Assert.Equal((AlertRule.NoMeeting, 101, new DateOnly(2026, 1, 20)), (quiet.Rule, quiet.Days, quiet.Since));

        // A meeting in April clears it.
        await SystemDoes(ActivityKind.Tavolo, "t-quiet", new RecordEvent(new MeetingEvent { Date = new DateOnly(2026, 4, 20) }));
        list = await As(Direttore, Alerts.List);
        Assert.Empty(Open(list, "t-quiet"));
        await observer.SeenAsync(list.Version);

        // Deleting an activity takes its alerts away.
        await SystemDoes(ActivityKind.Progetto, "p-gone", new RegisterActivity(Profile("Progetto da eliminare", "savena")));
        Assert.Single(Open(await As(Direttore, Alerts.List), "p-gone"));
        await SystemDoes(ActivityKind.Progetto, "p-gone", new DeleteActivity());
        Assert.Empty(Open(await As(Direttore, Alerts.List), "p-gone"));

        // Records' alerts are for people with a role in the city.
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(Caller.Anonymous, Alerts.List));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(Caller.InCity("dir-crema", "crema", [Roles.Direttore]), Alerts.List));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Task.Run(async () =>
        {
            CallerContext.HandDown(Direttore); // only the activity grains tell the alerts of a change
            await Alerts.Changed(new ActivityRecord { City = "bologna" });
        }));
    }

    [Fact]
    public async Task Only_the_operatori_of_the_activity_s_districts_answer_an_alert_and_each_answer_is_audited()
    {
        await SystemDoes(ActivityKind.Progetto, "p-muto", new RegisterActivity(Profile("Progetto muto", "navile")));
        var alert = Assert.Single((await As(Direttore, Alerts.List)).Open, a => a.ActivityId == "p-muto");
        Assert.Equal(AlertRule.MissingFigures, alert.Rule);

        Assert.Equal(CommandOutcome.Forbidden, (await As(Savena, () => Alerts.Respond(alert.Id, "ack", null))).Outcome);
        Assert.Equal(CommandOutcome.Forbidden, (await As(Direttore, () => Alerts.Respond(alert.Id, "ack", null))).Outcome);
        Assert.Equal(CommandOutcome.NotFound, (await As(Navile, () => Alerts.Respond("no-such-alert", "ack", null))).Outcome);

        // Bad answers: every problem named by field, nothing changes.
        var bad = await As(Navile, () => Alerts.Respond(alert.Id, "snooze", new DateOnly(2026, 4, 30)));
        Assert.Equal((CommandOutcome.Invalid, "until", "after-today"), (bad.Outcome, bad.Errors.Single().Field, bad.Errors.Single().Rule));
        Assert.Contains(alert.Id, (await As(Direttore, Alerts.List)).Open.Select(a => a.Id));

        var snoozed = await As(Navile, () => Alerts.Respond(alert.Id, "snooze", new DateOnly(2026, 5, 15)));
        Assert.Equal(CommandOutcome.Accepted, snoozed.Outcome);
        var answered = Assert.Single(snoozed.List!.Answered, a => a.Alert.Id == alert.Id);
        Assert.Equal(("snooze", new DateOnly(2026, 5, 15), "Operatore di Navile"), (answered.Answer.Answer, answered.Answer.Until, answered.Answer.By));
        Assert.DoesNotContain(alert.Id, snoozed.List.Open.Select(a => a.Id));
        Assert.Equal(CommandOutcome.Accepted, (await As(Navile, () => Alerts.Respond(alert.Id, "ack", null))).Outcome);
        // A whole-city evaluation finds the same alert, with the same id: the answer holds.
        Assert.Contains((await As(Analista, Alerts.Evaluate)).Answered, a => a.Alert.Id == alert.Id && a.Answer.Answer == "ack");

        Assert.Equal(
            [(AdminActions.AlertSnoozed, "Operatore di Navile", alert.Id, "open", "snooze 2026-05-15"), (AdminActions.AlertAcknowledged, "Operatore di Navile", alert.Id, "snooze 2026-05-15", "ack")],
            cluster.AdminActs.Acts.Where(a => a.Action.StartsWith("alert-", StringComparison.Ordinal)).Select(a => (a.Action, a.ActorName, a.Target, a.Before, a.After)!));

        // Figures resolve it: the alert and its answer go.
        await SystemDoes(ActivityKind.Progetto, "p-muto", new UpdateYearFigures(2026, new YearFigures { Beneficiaries = 4 }));
        var list = await As(Direttore, Alerts.List);
        Assert.DoesNotContain(list.Open.Concat(list.Answered.Select(a => a.Alert)), a => a.ActivityId == "p-muto");
    }

    [Fact]
    public async Task Rules_are_an_amministratore_s_checked_by_field_and_applied_to_the_whole_city_at_once()
    {
        await SystemDoes(ActivityKind.Gruppo, "g-quiet", new RegisterActivity(Profile("Gruppo silenzioso", "navile")));
        await SystemDoes(ActivityKind.Gruppo, "g-quiet", new RecordEvent(new MeetingEvent { Date = new DateOnly(2026, 1, 20), Citizens = 5 }));
        Assert.Equal([AlertRule.NoMeeting], Open(await As(Direttore, Alerts.List), "g-quiet"));

        var rules = AlertRules.Default with { NoMeetingDays = 120 };
        Assert.Equal(CommandOutcome.Forbidden, (await As(Direttore, () => Alerts.SetRules(rules))).Outcome);
        var refused = await As(Admin, () => Alerts.SetRules(rules with { NoMeetingDays = -5, OutlierFactor = 0 }));
        Assert.Equal(["alerts.noMeetingDays", "alerts.outlierFactor"], refused.Errors.Select(e => e.Field));
        Assert.Equal(AlertRules.Default.NoMeetingDays, (await As(Direttore, Alerts.GetRules)).NoMeetingDays);

        var set = await As(Admin, () => Alerts.SetRules(rules));
        Assert.Equal(CommandOutcome.Accepted, set.Outcome);
        Assert.Empty(Open(set.List!, "g-quiet"));
        Assert.Equal(120, (await As(Direttore, Alerts.GetRules)).NoMeetingDays);
        Assert.Single(cluster.AdminActs.Acts, a => a.Action == AdminActions.AlertRulesChanged && a.ActorId == "admin");

        // A whole-city evaluation: an analista or amministratore may ask for one, nobody else.
        var evaluated = await As(Analista, Alerts.Evaluate);
        Assert.Equal(new DateOnly(2026, 5, 1), evaluated.EvaluatedFor);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(Navile, Alerts.Evaluate));
    }

    private sealed class Versions : IAlertsObserver
    {
        private long latest = -1;
        private readonly SemaphoreSlim told = new(0);

        public Task OnAlertsChanged(string city, long version)
        {
            Interlocked.Exchange(ref latest, version);
            told.Release();
            return Task.CompletedTask;
        }

        /// <summary>Waits (a few seconds at most) until a version at least <paramref name="version"/> was told.</summary>
        public async Task SeenAsync(long version)
        {
            var until = DateTime.UtcNow.AddSeconds(5);
            while (Interlocked.Read(ref latest) < version && DateTime.UtcNow < until) await told.WaitAsync(TimeSpan.FromMilliseconds(200));
            Assert.True(Interlocked.Read(ref latest) >= version, $"subscribers were told version {latest}, not {version}");
        }
    }
}
