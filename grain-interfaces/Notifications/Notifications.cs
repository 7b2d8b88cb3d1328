using ActorWelfare.Activities;
using ActorWelfare.Alerts;

namespace ActorWelfare.Notifications;

/// <summary>
/// What a person asked to be told of, by e-mail and in their inbox: the alerts (as they are raised) or the weekly
/// summary, of a district or of the whole city ("*").
/// </summary>
[GenerateSerializer, Immutable, Alias("Subscription")]
public sealed record Subscription(
    [property: Id(0)] string Topic,
    [property: Id(1)] string Scope,
    [property: Id(2)] string Email)
{
    public const string Alerts = "alerts", Weekly = "weekly";
    public static readonly IReadOnlyList<string> Topics = [Alerts, Weekly];
}

/// <summary>One message of a person's inbox, and whether its e-mail went out (and why not).</summary>
[GenerateSerializer, Immutable, Alias("InboxMessage")]
public sealed record InboxMessage(
    [property: Id(0)] Guid Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Topic,
    [property: Id(3)] string Scope,
    [property: Id(4)] string Subject,
    [property: Id(5)] string Body,
    [property: Id(6)] string? MailedTo,
    [property: Id(7)] string? MailProblem)
{
    /// <summary>Why a message was not mailed on an installation without SMTP.</summary>
    public const string NoSmtp = "no SMTP server is configured (Mail:Host)";
}

/// <summary>A person's subscriptions in a city and their inbox, newest first.</summary>
[GenerateSerializer, Immutable, Alias("MyNotifications")]
public sealed record MyNotifications(
    [property: Id(0)] IReadOnlyList<Subscription> Subscriptions,
    [property: Id(1)] IReadOnlyList<InboxMessage> Inbox);

[GenerateSerializer, Alias("NotificationResult")]
public sealed record NotificationResult(
    [property: Id(0)] CommandOutcome Outcome,
    [property: Id(1)] IReadOnlyList<ValidationError> Errors,
    [property: Id(2)] MyNotifications? Mine = null)
{
    public bool Succeeded => Outcome is CommandOutcome.Accepted or CommandOutcome.Unchanged;
}

/// <summary>
/// A city's notifications (key: the city): people's subscriptions and inboxes; new alerts and the weekly summary are
/// written to the inboxes and mailed (SMTP configured per installation). No message carries personal data of
/// beneficiaries: alerts name activities and figures, summaries count.
/// </summary>
[Alias("INotificationsGrain")]
public interface INotificationsGrain : IGrainWithStringKey
{
    /// <summary>The caller subscribes (a role in the city); a subscription to the same topic and scope is replaced.</summary>
    [Alias("Subscribe")]
    Task<NotificationResult> Subscribe(Subscription subscription);

    [Alias("Unsubscribe")]
    Task<NotificationResult> Unsubscribe(string topic, string scope);

    /// <summary>The caller's subscriptions and inbox.</summary>
    [Alias("Mine")]
    Task<MyNotifications> Mine();

    /// <summary>Alerts just raised (the cluster's own work: the alerts grain).</summary>
    [Alias("AlertsRaised")]
    Task AlertsRaised(IReadOnlyList<Alert> alerts);

    /// <summary>Writes and mails the weekly summaries now (the reminder's work; an amministratore may ask too).</summary>
    [Alias("SendWeeklySummaries")]
    Task<int> SendWeeklySummaries();

    /// <summary>Makes sure the weekly summary is scheduled (the cluster's own work, at silo start).</summary>
    [Alias("Start")]
    Task Start();
}
