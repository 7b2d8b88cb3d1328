using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Alerts;
using ActorWelfare.Domain;
using ActorWelfare.Keys;
using ActorWelfare.Territories;
using ActorWelfare.Time;
using ActorWelfare.Years;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorWelfare.Notifications;

[GenerateSerializer, Alias("NotificationsState")]
public sealed class NotificationsState
{
    /// <summary>Subscriptions by the person's user id.</summary>
    [Id(0)] public Dictionary<string, List<Subscription>> People { get; set; } = [];

    /// <summary>The alerts the subscribers were told of (null until the first alerts subscription: nothing older is news).</summary>
    [Id(1)] public HashSet<string>? Told { get; set; }

    /// <summary>When an amministratore last sent the summaries by hand (once an hour at most).</summary>
    [Id(2)] public DateTimeOffset? SentByHandAt { get; set; }

    /// <summary>The period the weekly reminder was registered with (registered again when the configuration changes it).</summary>
    [Id(3)] public TimeSpan? SummaryPeriod { get; set; }
}

/// <summary>
/// A city's subscriptions. New alerts are not pushed one by one: a nudge from the alerts grain makes this grain look
/// at the city's alerts a little later (<c>Mail:DigestSeconds</c>) and write one message per person of what it had
/// not told yet, so an import of a thousand activities is one message, and a lost nudge only waits for the next look.
/// Messages go to each person's <see cref="IInboxGrain"/>, which mails them without holding anyone up.
/// </summary>
public sealed partial class NotificationsGrain(
    [PersistentState("notifications", StorageNames.Notifications)] IPersistentState<NotificationsState> state,
    TerritoryCatalog territories, CalendarClock clock, SystemKey systemKey, IConfiguration configuration,
    ILogger<NotificationsGrain> logger)
    : Grain, INotificationsGrain, IRemindable
{
    public const string ReminderName = "weekly-summary";
    private static readonly TimeSpan ByHandEvery = TimeSpan.FromHours(1);

    private IGrainTimer? lookSoon;

    private string City => this.GetPrimaryKeyString();
    private Territory Territory => territories.Get(City);
    private string? DashboardUrl => configuration["Mail:DashboardUrl"];
    private TimeSpan DigestWindow => TimeSpan.FromSeconds(configuration.GetValue("Mail:DigestSeconds", 60.0));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A nudge lost with a silo is made good here: an activation looks once, after the window.
        if (HasAlertSubscribers) LookSoon();
        return Task.CompletedTask;
    }

    public async Task<NotificationResult> Subscribe(string topic, string scope, string language)
    {
        var caller = CallerContext.Current;
        if (caller.IsSystem || !caller.MayRead(City)) return Refused();
        var errors = Check(topic, scope, language, caller.Email);
        if (errors.Count > 0) return new(CommandOutcome.Invalid, errors);
        var given = new Subscription(topic, scope, caller.Email!, language);
        var mine = state.State.People.GetValueOrDefault(caller.UserId) ?? [];
        var same = mine.FindIndex(s => s.Topic == topic && s.Scope == scope);
        if (same >= 0 && mine[same] == given) return new(CommandOutcome.Unchanged, [], Of(caller));
        if (topic == Subscription.Alerts && state.State.Told is null)
        {
            // The first alerts subscription of the city: the alerts open today are not news.
            SystemIdentity.HandDown(systemKey);
            var list = await GrainFactory.GetGrain<IAlertsGrain>(City).List();
            state.State.Told = [.. list.Open.Concat(list.Answered.Select(a => a.Alert)).Select(a => a.Id)];
        }
        if (same >= 0) mine[same] = given;
        else mine.Add(given);
        // The person's address follows their account: every subscription of theirs goes to it.
        state.State.People[caller.UserId] = [.. mine.Select(s => s with { Email = given.Email })];
        await ScheduleAsync();
        await state.WriteStateAsync();
        return new(CommandOutcome.Accepted, [], Of(caller));
    }

    public async Task<NotificationResult> Unsubscribe(string topic, string scope)
    {
        var caller = CallerContext.Current;
        if (caller.IsSystem || caller.UserId == Caller.Anonymous.UserId) return Refused();
        var errors = new List<ValidationError>();
        if (!Subscription.Topics.Contains(topic)) errors.Add(Errors.Unknown("topic", topic));
        if (scope != ActivityRecord.WholeCity && Territory.FindQuartiere(scope) is null) errors.Add(Errors.Unknown("scope", scope, Territory));
        if (errors.Count > 0) return new(CommandOutcome.Invalid, errors);
        if (!state.State.People.TryGetValue(caller.UserId, out var mine) || mine.RemoveAll(s => s.Topic == topic && s.Scope == scope) == 0)
            return new(CommandOutcome.Unchanged, [], Of(caller));
        if (mine.Count == 0) state.State.People.Remove(caller.UserId);
        await ScheduleAsync();
        await state.WriteStateAsync();
        return new(CommandOutcome.Accepted, [], Of(caller));
    }

    public Task<MySubscriptions> Mine()
    {
        var caller = CallerContext.Current;
        if (caller.IsSystem || caller.UserId == Caller.Anonymous.UserId) throw new UnauthorizedAccessException("A person reads their own subscriptions.");
        return Task.FromResult(Of(caller));
    }

    public Task AlertsRaised()
    {
        if (!CallerContext.Current.IsSystem) throw new UnauthorizedAccessException("Alerts are told by the alerts grain only.");
        if (HasAlertSubscribers) LookSoon();
        return Task.CompletedTask;
    }

    public async Task<int> Revoke(string userId)
    {
        // The person themselves (the web tier, when their role in the city ends) or the city's amministratori.
        if (CallerContext.Current.UserId != userId || CallerContext.Current.UserId == Caller.Anonymous.UserId)
            CityAccess.Require(City, "Only the person or the city's amministratori end a person's subscriptions.", Roles.Amministratore);
        if (!state.State.People.Remove(userId, out var gone)) return 0;
        await ScheduleAsync();
        await state.WriteStateAsync();
        LogRevoked(City, gone.Count);
        return gone.Count;
    }

    public async Task<int> SendWeeklySummaries()
    {
        CityAccess.Require(City, "Only the city's amministratori send the weekly summaries by hand.", Roles.Amministratore);
        if (state.State.SentByHandAt is { } at && clock.Now - at < ByHandEvery)
            throw new InvalidOperationException($"The summaries were sent by hand at {at:u}: once an hour at most.");
        state.State.SentByHandAt = clock.Now;
        return await SendWeeklyAsync();
    }

    public async Task Start()
    {
        if (!CallerContext.Current.IsSystem) throw new UnauthorizedAccessException("Summaries are scheduled by the cluster's own work only.");
        if (await ScheduleAsync()) await state.WriteStateAsync();
    }

    /// <summary>
    /// The weekly reminder exists while someone subscribes to the summary (a city nobody asked has no reminder and no
    /// stored row); it is registered again when the configured period has changed. True when the state changed.
    /// </summary>
    private async Task<bool> ScheduleAsync()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (!state.State.People.Values.Any(p => p.Any(s => s.Topic == Subscription.Weekly)))
        {
            if (reminder is not null) await this.UnregisterReminder(reminder);
            if (state.State.SummaryPeriod is null) return false;
            state.State.SummaryPeriod = null;
            return true;
        }
        var period = TimeSpan.FromSeconds(configuration.GetValue("Mail:SummarySeconds", 7 * 86_400));
        if (reminder is not null && state.State.SummaryPeriod == period) return false;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
        state.State.SummaryPeriod = period;
        return true;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName) await SendWeeklyAsync();
    }

    private bool HasAlertSubscribers => state.State.People.Values.Any(p => p.Any(s => s.Topic == Subscription.Alerts));

    private void LookSoon() =>
        lookSoon ??= this.RegisterGrainTimer(async () =>
        {
            lookSoon?.Dispose();
            lookSoon = null;
            await TellNewAlertsAsync();
        }, DigestWindow, Timeout.InfiniteTimeSpan);

    /// <summary>One message per person of the alerts raised since the last look, in the scopes they subscribed to.</summary>
    private async Task TellNewAlertsAsync()
    {
        SystemIdentity.HandDown(systemKey);
        var list = await GrainFactory.GetGrain<IAlertsGrain>(City).List();
        var told = state.State.Told ?? [];
        var fresh = list.Open.Where(a => !told.Contains(a.Id)).ToList();
        var now = clock.Now;
        foreach (var (userId, subscriptions) in state.State.People)
        {
            var mine = subscriptions.Where(s => s.Topic == Subscription.Alerts).ToList();
            var theirs = fresh.Where(a => mine.Any(s => NotificationText.InScope(a, s.Scope))).ToList();
            if (theirs.Count == 0) continue;
            var scopes = mine.Select(s => s.Scope).ToList();
            var (subject, body) = NotificationText.NewAlerts(Territory, scopes, theirs, DashboardUrl);
            await DeliverAsync(userId, new InboxMessage(Guid.NewGuid(), now, Subscription.Alerts, scopes, subject, body, mine[0].Email, mine[0].Language));
        }
        // Told: what is still there (answered or open), so the set does not grow without end.
        state.State.Told = [.. list.Open.Concat(list.Answered.Select(a => a.Alert)).Select(a => a.Id)];
        await state.WriteStateAsync();
        if (fresh.Count > 0) LogTold(City, fresh.Count);
    }

    private async Task<int> SendWeeklyAsync()
    {
        var weekly = state.State.People
            .Select(p => (UserId: p.Key, Subscriptions: p.Value.Where(s => s.Topic == Subscription.Weekly).ToList()))
            .Where(p => p.Subscriptions.Count > 0).ToList();
        if (weekly.Count == 0) return 0;
        // The figures are read as the cluster's own work; what goes out is counts and activity names only.
        SystemIdentity.HandDown(systemKey);
        var alerts = await GrainFactory.GetGrain<IAlertsGrain>(City).List();
        var completeness = await GrainFactory.GetGrain<IYearGrain>(GrainKeys.CityYear(City, alerts.Today.Year)).GetCompleteness();
        foreach (var (userId, subscriptions) in weekly)
        {
            var scopes = subscriptions.Select(s => s.Scope).ToList();
            var (subject, body) = NotificationText.WeeklySummary(Territory, scopes, alerts.Today, alerts.Open, completeness, DashboardUrl);
            await DeliverAsync(userId, new InboxMessage(Guid.NewGuid(), clock.Now, Subscription.Weekly, scopes, subject, body,
                subscriptions[0].Email, subscriptions[0].Language));
        }
        await state.WriteStateAsync();
        LogWeekly(City, weekly.Count);
        return weekly.Count;
    }

    private Task DeliverAsync(string userId, InboxMessage message)
    {
        SystemIdentity.HandDown(systemKey);
        return GrainFactory.GetGrain<IInboxGrain>(GrainKeys.Inbox(City, userId)).Deliver(message);
    }

    private List<ValidationError> Check(string topic, string scope, string language, string? email)
    {
        var errors = new List<ValidationError>();
        if (!Subscription.Topics.Contains(topic)) errors.Add(Errors.Unknown("topic", topic));
        if (scope != ActivityRecord.WholeCity && Territory.QuartieriIn(clock.Today(City).Year).All(q => q.Id != scope)) errors.Add(Errors.Unknown("scope", scope, Territory));
        if (!Subscription.Languages.Contains(language)) errors.Add(Errors.Unknown("language", language));
        if (email is null || !System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email)
            errors.Add(Errors.Of("email", "account-email", "il tuo account non ha un indirizzo e-mail: chiedi a un amministratore di aggiungerlo.",
                "your account has no e-mail address: ask an administrator to add it."));
        return errors;
    }

    private MySubscriptions Of(Caller caller) => new([.. state.State.People.GetValueOrDefault(caller.UserId) ?? []], caller.Email);

    private static NotificationResult Refused() => new(CommandOutcome.Forbidden, [Errors.Of("role", "role-in-city",
        "per ricevere notifiche di una città occorre un ruolo in quella città.", "you need a role in the city to be notified of it.")]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly summaries of {City}: {Count} written")]
    private partial void LogWeekly(string city, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifications of {City}: {Count} new alerts told")]
    private partial void LogTold(string city, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifications of {City}: {Count} subscriptions ended with the person's role")]
    private partial void LogRevoked(string city, int count);
}
