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

[GenerateSerializer, Alias("PersonNotifications")]
public sealed class PersonNotifications
{
    [Id(0)] public List<Subscription> Subscriptions { get; set; } = [];
    [Id(1)] public List<InboxMessage> Inbox { get; set; } = [];
}

[GenerateSerializer, Alias("NotificationsState")]
public sealed class NotificationsState
{
    /// <summary>By the person's user id.</summary>
    [Id(0)] public Dictionary<string, PersonNotifications> People { get; set; } = [];
}

/// <summary>
/// A city's subscriptions and inboxes. New alerts come from the alerts grain; the weekly summary from a durable
/// reminder. Each message goes to the person's inbox and, when the installation has SMTP, by e-mail.
/// </summary>
public sealed partial class NotificationsGrain(
    [PersistentState("notifications", StorageNames.Notifications)] IPersistentState<NotificationsState> state,
    IMailSender mail, TerritoryCatalog territories, CalendarClock clock, SystemKey systemKey, IConfiguration configuration,
    ILogger<NotificationsGrain> logger)
    : Grain, INotificationsGrain, IRemindable
{
    public const string ReminderName = "weekly-summary";
    /// <summary>An inbox keeps this many messages, the newest.</summary>
    public const int InboxSize = 200;

    private string City => this.GetPrimaryKeyString();
    private Territory Territory => territories.Get(City);
    private string? DashboardUrl => configuration["Mail:DashboardUrl"];

    public async Task<NotificationResult> Subscribe(Subscription subscription)
    {
        var caller = Caller.Current;
        if (caller.IsSystem || !caller.MayRead(City)) return Refused();
        var errors = Check(subscription);
        if (errors.Count > 0) return new(CommandOutcome.Invalid, errors);
        var given = subscription with { Email = subscription.Email.Trim() };
        var person = Person(caller.UserId);
        var same = person.Subscriptions.FindIndex(s => s.Topic == given.Topic && s.Scope == given.Scope);
        if (same >= 0 && person.Subscriptions[same] == given) return new(CommandOutcome.Unchanged, [], Of(person));
        if (same >= 0) person.Subscriptions[same] = given;
        else person.Subscriptions.Add(given);
        await state.WriteStateAsync();
        return new(CommandOutcome.Accepted, [], Of(person));
    }

    public async Task<NotificationResult> Unsubscribe(string topic, string scope)
    {
        var caller = Caller.Current;
        if (caller.IsSystem || !caller.MayRead(City)) return Refused();
        var person = Person(caller.UserId);
        if (person.Subscriptions.RemoveAll(s => s.Topic == topic && s.Scope == scope) == 0) return new(CommandOutcome.Unchanged, [], Of(person));
        await state.WriteStateAsync();
        return new(CommandOutcome.Accepted, [], Of(person));
    }

    public Task<MyNotifications> Mine()
    {
        CityAccess.RequireReader(City);
        return Task.FromResult(Of(state.State.People.GetValueOrDefault(Caller.Current.UserId) ?? new PersonNotifications()));
    }

    public async Task AlertsRaised(IReadOnlyList<Alert> alerts)
    {
        if (!Caller.Current.IsSystem) throw new UnauthorizedAccessException("Alerts are told by the alerts grain only.");
        if (alerts.Count == 0) return;
        var sent = 0;
        foreach (var (_, person) in state.State.People)
            foreach (var subscription in person.Subscriptions.Where(s => s.Topic == Subscription.Alerts))
            {
                var theirs = alerts.Where(a => NotificationText.InScope(a, subscription.Scope)).ToList();
                if (theirs.Count == 0) continue;
                var (subject, body) = NotificationText.NewAlerts(Territory, subscription.Scope, theirs, DashboardUrl);
                await DeliverAsync(person, subscription, subject, body);
                sent++;
            }
        if (sent > 0) await state.WriteStateAsync();
    }

    public async Task<int> SendWeeklySummaries()
    {
        CityAccess.Require(City, "Only the city's amministratori send the weekly summaries by hand.", Roles.Amministratore);
        return await SendWeeklyAsync();
    }

    public async Task Start()
    {
        if (!Caller.Current.IsSystem) throw new UnauthorizedAccessException("Summaries are scheduled by the cluster's own work only.");
        if (await this.GetReminder(ReminderName) is not null) return;
        var period = TimeSpan.FromSeconds(configuration.GetValue("Mail:SummarySeconds", 7 * 86_400));
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName) await SendWeeklyAsync();
    }

    private async Task<int> SendWeeklyAsync()
    {
        var weekly = state.State.People.SelectMany(p => p.Value.Subscriptions.Where(s => s.Topic == Subscription.Weekly).Select(s => (Person: p.Value, Subscription: s))).ToList();
        if (weekly.Count == 0) return 0;
        // The figures are read as the cluster's own work; what goes out is counts and activity names only.
        SystemIdentity.HandDown(systemKey);
        var alerts = await GrainFactory.GetGrain<IAlertsGrain>(City).List();
        var completeness = await GrainFactory.GetGrain<IYearGrain>(GrainKeys.CityYear(City, alerts.Today.Year)).GetCompleteness();
        foreach (var (person, subscription) in weekly)
        {
            var (subject, body) = NotificationText.WeeklySummary(Territory, subscription.Scope, alerts.Today, alerts.Open, completeness, DashboardUrl);
            await DeliverAsync(person, subscription, subject, body);
        }
        await state.WriteStateAsync();
        LogWeekly(City, weekly.Count);
        return weekly.Count;
    }

    private async Task DeliverAsync(PersonNotifications person, Subscription subscription, string subject, string body)
    {
        string? problem;
        try { problem = await mail.SendAsync(subscription.Email, subject, body); }
        catch (Exception e) { problem = e.Message; }
        if (problem is not null) LogMailFailed(City, problem);
        person.Inbox.Insert(0, new InboxMessage(Guid.NewGuid(), clock.Now, subscription.Topic, subscription.Scope, subject, body,
            problem is null ? subscription.Email : null, problem));
        if (person.Inbox.Count > InboxSize) person.Inbox.RemoveRange(InboxSize, person.Inbox.Count - InboxSize);
    }

    private List<ValidationError> Check(Subscription? s)
    {
        var errors = new List<ValidationError>();
        if (s is null) return [Errors.Required("topic")];
        if (!Subscription.Topics.Contains(s.Topic)) errors.Add(Errors.Unknown("topic", s.Topic));
        if (s.Scope != ActivityRecord.WholeCity && Territory.QuartieriIn(clock.Today(City).Year).All(q => q.Id != s.Scope)) errors.Add(Errors.Unknown("scope", s.Scope, Territory));
        if (string.IsNullOrWhiteSpace(s.Email)) errors.Add(Errors.Required("email"));
        else if (s.Email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(s.Email.Trim(), out var address) || address.Address != s.Email.Trim())
            errors.Add(Errors.Of("email", "email", "non è un indirizzo e-mail valido.", "is not a valid e-mail address."));
        return errors;
    }

    private PersonNotifications Person(string userId)
    {
        if (!state.State.People.TryGetValue(userId, out var person)) state.State.People[userId] = person = new PersonNotifications();
        return person;
    }

    private static MyNotifications Of(PersonNotifications p) => new([.. p.Subscriptions], [.. p.Inbox]);

    private static NotificationResult Refused() => new(CommandOutcome.Forbidden, [Errors.Of("role", "role-in-city",
        "per ricevere notifiche di una città occorre un ruolo in quella città.", "you need a role in the city to be notified of it.")]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly summaries of {City}: {Count} written")]
    private partial void LogWeekly(string city, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifications of {City}: a mail did not go out ({Problem}); it stays in the inbox")]
    private partial void LogMailFailed(string city, string problem);
}
