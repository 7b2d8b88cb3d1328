using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Storage;
using ActorWelfare.Territories;
using ActorWelfare.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace ActorWelfare.Alerts;

[GenerateSerializer, Alias("AlertsState")]
public sealed class AlertsState
{
    /// <summary>The alerts of each activity ("kind/id") that has any.</summary>
    [Id(0)] public Dictionary<string, List<Alert>> ByActivity { get; set; } = [];
    /// <summary>The answers, by alert id (dropped with their alert).</summary>
    [Id(1)] public Dictionary<string, AlertAnswer> Answers { get; set; } = [];
    /// <summary>The city's rules; null: the defaults.</summary>
    [Id(2)] public AlertRules? Rules { get; set; }
    [Id(3)] public long Version { get; set; }
    [Id(4)] public DateTimeOffset? EvaluatedAt { get; set; }
    [Id(5)] public DateOnly? EvaluatedFor { get; set; }
}

/// <summary>
/// A city's alerts. Each stored change of an activity is evaluated at once (the activity grain tells this grain);
/// a durable reminder (Orleans reminders, in PostgreSQL) applies the rules to the whole city every day, since days
/// without a meeting grow with no change at all. Alerts are worked out again from the records at any time, so a
/// change's evaluation is stored within a second rather than with every change; answers are stored at once, and
/// audited as an act of the person who gave them.
/// </summary>
public sealed partial class AlertsGrain(
    [PersistentState("alerts", StorageNames.Alerts)] IPersistentState<AlertsState> state,
    IActivityStore activities, IAdminActLog adminActs, TerritoryCatalog territories, CalendarClock clock,
    SystemKey systemKey, IConfiguration configuration, ILogger<AlertsGrain> logger)
    : Grain, IAlertsGrain, IRemindable
{
    public const string ReminderName = "evaluate";
    private ObserverManager<IAlertsObserver> observers = null!;
    private IGrainTimer? storeSoon;

    private string City => this.GetPrimaryKeyString();
    private AlertRules Rules => state.State.Rules ?? AlertRules.Default;
    private DateOnly Today => clock.Today(City);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        observers = new ObserverManager<IAlertsObserver>(TimeSpan.FromMinutes(5), logger);
        // While active, a new day is seen within minutes (days without a meeting grow, snoozes run out); the
        // reminder does the same for a grain nobody has activated.
        this.RegisterGrainTimer(async () => { if (state.State.EvaluatedFor != Today) await EvaluateCityAsync(); },
            TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (storeSoon is not null) await state.WriteStateAsync(cancellationToken);
    }

    public async Task Start()
    {
        if (!CallerContext.Current.IsSystem) throw new UnauthorizedAccessException("Alerts are scheduled by the cluster's own work only.");
        // Registered once: the reminder is durable, so a restarted silo finds it in the table and it fires by itself.
        if (await this.GetReminder(ReminderName) is not null) return;
        var period = TimeSpan.FromSeconds(configuration.GetValue("Alerts:EvaluateSeconds", 86_400));
        var first = TimeSpan.FromSeconds(configuration.GetValue("Alerts:FirstEvaluationSeconds", 60));
        await this.RegisterOrUpdateReminder(ReminderName, first, period);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName) return;
        await EvaluateCityAsync();
    }

    public async Task Changed(ActivityRecord record)
    {
        if (!CallerContext.Current.IsSystem) throw new UnauthorizedAccessException("Alerts hear of changes from the activity grains only.");
        ArgumentNullException.ThrowIfNull(record);
        if (record.City != City) return;
        var key = $"{Keys.GrainKeys.KindId(record.Kind)}/{record.Id}";
        var now = AlertEvaluation.For(record, Today, Rules);
        var before = state.State.ByActivity.GetValueOrDefault(key) ?? [];
        if (Signature(before) == Signature(now)) return;
        if (now.Count == 0) state.State.ByActivity.Remove(key);
        else state.State.ByActivity[key] = [.. now];
        foreach (var gone in before.Select(a => a.Id).Except(now.Select(a => a.Id))) state.State.Answers.Remove(gone);
        state.State.Version++;
        StoreSoon();
        await NotifyAsync();
        TellRaised([.. now.Where(a => before.All(b => b.Id != a.Id))]);
    }

    public async Task<AlertList> List()
    {
        CityAccess.RequireReader(City);
        // The list is always of today: a day that has moved on since the last evaluation is evaluated first.
        if (state.State.EvaluatedFor != Today) await EvaluateCityAsync();
        return Current();
    }

    public async Task<AlertResult> Respond(string alertId, string answer, DateOnly? until)
    {
        var caller = CallerContext.Current;
        if (!caller.Holds(Roles.Operatore, City)) return new(CommandOutcome.Forbidden, [NotTheirs()]);
        var today = Today;
        var alert = state.State.ByActivity.Values.SelectMany(a => a).FirstOrDefault(a => a.Id == alertId);
        if (alert is null) return new(CommandOutcome.NotFound, [Errors.Of("alertId", "exists", "avviso inesistente o già risolto.", "no such alert, or it is already resolved.")]);
        // The operatori of the activity's districts answer for it; anybody else is told why not.
        if (!alert.Quartieri.Any(q => caller.Quartieri.Contains($"{City}/{q}")))
            return new(CommandOutcome.Forbidden, [NotTheirs()]);
        var errors = AlertRulesCheck.CheckAnswer(answer, until, today);
        if (errors.Count > 0) return new(CommandOutcome.Invalid, errors);
        var given = new AlertAnswer(answer, answer == AlertAnswer.Snoozed ? until : null, caller.Name, clock.Now);
        var previous = state.State.Answers.GetValueOrDefault(alertId);
        if (previous is not null && previous.Answer == given.Answer && previous.Until == given.Until) return new(CommandOutcome.Unchanged, [], Current());
        await adminActs.RecordAsync(AdminAct.By(caller, answer == AlertAnswer.Snoozed ? AdminActions.AlertSnoozed : AdminActions.AlertAcknowledged,
            City, alertId, previous is null ? "open" : Describe(previous), Describe(given)));
        state.State.Answers[alertId] = given;
        state.State.Version++;
        await state.WriteStateAsync();
        await NotifyAsync();
        return new(CommandOutcome.Accepted, [], Current());
    }

    public async Task<AlertList> Evaluate()
    {
        CityAccess.Require(City, "Only the city's amministratori and analisti ask for a new evaluation.", Roles.Amministratore, Roles.Analista);
        await EvaluateCityAsync();
        return Current();
    }

    public Task<AlertRules> GetRules()
    {
        CityAccess.RequireReader(City);
        return Task.FromResult(Rules);
    }

    public async Task<AlertResult> SetRules(AlertRules rules)
    {
        var caller = CallerContext.Current;
        var territory = territories.Get(City);
        if (!caller.Holds(Roles.Amministratore, City))
            return new(CommandOutcome.Forbidden, [Errors.Of("role", "amministratore", $"solo gli amministratori di {territory.Name} ne cambiano le regole degli avvisi.",
                $"only administrators of {territory.Name} change its alert rules.")]);
        var errors = AlertRulesCheck.Check(rules, territory);
        if (errors.Count > 0) return new(CommandOutcome.Invalid, errors);
        if (ActivityJson.Write(rules) == ActivityJson.Write(Rules)) return new(CommandOutcome.Unchanged, [], Current());
        await adminActs.RecordAsync(AdminAct.By(caller, AdminActions.AlertRulesChanged, City, "alert-rules", ActivityJson.Write(Rules), ActivityJson.Write(rules)));
        state.State.Rules = rules;
        await EvaluateCityAsync();
        return new(CommandOutcome.Accepted, [], Current());
    }

    public Task<long> Subscribe(IAlertsObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.FromResult(state.State.Version);
    }

    public Task Unsubscribe(IAlertsObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>The rules applied to every stored activity of this year and the last (an ended project is flagged the year after).</summary>
    private async Task EvaluateCityAsync()
    {
        var today = Today;
        var records = (await activities.LoadCityYearAsync(City, today.Year)).Concat(await activities.LoadCityYearAsync(City, today.Year - 1))
            .GroupBy(r => (r.Kind, r.Id)).Select(g => g.MaxBy(r => r.Version)!).Where(r => AlertEvaluation.InScope(r, today));
        var byActivity = AlertEvaluation.ForCity(records, today, Rules).GroupBy(a => a.ActivityKey)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ids = byActivity.Values.SelectMany(a => a).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var known = state.State.ByActivity.Values.SelectMany(a => a).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        state.State.ByActivity = byActivity;
        foreach (var gone in state.State.Answers.Keys.Where(id => !ids.Contains(id)).ToList()) state.State.Answers.Remove(gone);
        state.State.EvaluatedAt = clock.Now;
        state.State.EvaluatedFor = today;
        state.State.Version++;
        await state.WriteStateAsync();
        storeSoon?.Dispose();
        storeSoon = null;
        LogEvaluated(City, today, ids.Count);
        await NotifyAsync();
        TellRaised([.. byActivity.Values.SelectMany(a => a).Where(a => !known.Contains(a.Id))]);
    }

    /// <summary>The alerts as people see them today: a snooze that has run out puts its alert back among the open ones.</summary>
    private AlertList Current()
    {
        var today = Today;
        var all = state.State.ByActivity.Values.SelectMany(a => a)
            .OrderBy(a => AlertRule.All.ToList().IndexOf(a.Rule)).ThenBy(a => a.ActivityName, StringComparer.InvariantCulture).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        bool Answered(Alert a) => AlertEvaluation.Holds(state.State.Answers.GetValueOrDefault(a.Id), today);
        return new AlertList(City, state.State.Version, today, [.. all.Where(a => !Answered(a))],
            [.. all.Where(Answered).Select(a => new AnsweredAlert(a, state.State.Answers[a.Id]))], state.State.EvaluatedAt, state.State.EvaluatedFor);
    }

    private void StoreSoon() =>
        storeSoon ??= this.RegisterGrainTimer(async () =>
        {
            storeSoon?.Dispose();
            storeSoon = null;
            await state.WriteStateAsync();
        }, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

    /// <summary>
    /// Nudges the city's notifications: alerts were raised. Not awaited (the notifications grain reads this grain's
    /// list, and neither may wait on the other); a lost nudge loses nothing, the next look finds what is new.
    /// </summary>
    private void TellRaised(IReadOnlyList<Alert> raised)
    {
        if (raised.Count == 0) return;
        foreach (var rule in raised.GroupBy(a => a.Rule)) Telemetry.GrainTelemetry.AlertsRaised.Add(rule.Count(), new KeyValuePair<string, object?>("rule", rule.Key));
        SystemIdentity.HandDown(systemKey);
        _ = GrainFactory.GetGrain<Notifications.INotificationsGrain>(City).AlertsRaised()
            .ContinueWith(t => LogTellFailed(t.Exception!, City), TaskContinuationOptions.OnlyOnFaulted);
    }

    private async Task NotifyAsync()
    {
        observers.ClearExpired();
        var version = state.State.Version;
        await observers.Notify(o => o.OnAlertsChanged(City, version));
    }

    // What people see of an activity's alerts: a new signature is a new version of the list.
    private static string Signature(IEnumerable<Alert> alerts) =>
        string.Join("\n", alerts.Select(a => $"{a.Id}|{a.Days}|{a.Usual}|{a.Status}|{a.ActivityName}|{string.Join(',', a.Quartieri)}"));

    private static ValidationError NotTheirs() => Errors.Of("role", "operatore",
        "solo gli operatori assegnati dove si svolge l'attività rispondono ai suoi avvisi.", "only operators assigned where the activity takes place answer its alerts.");

    private static string Describe(AlertAnswer a) => a.Until is { } until ? $"{a.Answer} {until:yyyy-MM-dd}" : a.Answer;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alerts of {City}: the notifications could not be told of new alerts")]
    private partial void LogTellFailed(Exception e, string city);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts of {City} evaluated for {Day}: {Count} alerts")]
    private partial void LogEvaluated(string city, DateOnly day, int count);
}
