using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Notifications;

/// <summary>
/// What a person asked to be told of, in their inbox and by e-mail to their own account's address: the alerts (as
/// they are raised) or the weekly summary, of a district or of the whole city ("*"), in the language they chose.
/// </summary>
[GenerateSerializer, Immutable, Alias("Subscription")]
public sealed record Subscription(
    [property: Id(0)] string Topic,
    [property: Id(1)] string Scope,
    [property: Id(2)] string Email,
    [property: Id(3)] string Language = Subscription.Italian)
{
    public const string Alerts = "alerts", Weekly = "weekly";
    public const string Italian = "it", English = "en";
    public static readonly IReadOnlyList<string> Topics = [Alerts, Weekly];
    public static readonly IReadOnlyList<string> Languages = [Italian, English];
}

/// <summary>Where a message's e-mail is: waiting for the mail server, sent, or not sent (and why, in the message).</summary>
public enum MailStatus { Pending, Sent, NotSent }

/// <summary>
/// One message of a person's inbox, in both languages (the page shows the person's; the mail went in the language
/// they subscribed in), and what became of its e-mail.
/// </summary>
[GenerateSerializer, Immutable, Alias("InboxMessage")]
public sealed record InboxMessage(
    [property: Id(0)] Guid Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Topic,
    [property: Id(3)] IReadOnlyList<string> Scopes,
    [property: Id(4)] LocalizedText Subject,
    [property: Id(5)] LocalizedText Body,
    [property: Id(6)] string Email,
    [property: Id(7)] string Language,
    [property: Id(8)] MailStatus Mail = MailStatus.Pending,
    [property: Id(9)] string? Problem = null)
{
    /// <summary>Why a message was not mailed on an installation without SMTP.</summary>
    public const string NoSmtp = "no-smtp";
}

/// <summary>A person's subscriptions in a city, and the address their mails go to (their account's).</summary>
[GenerateSerializer, Immutable, Alias("MySubscriptions")]
public sealed record MySubscriptions(
    [property: Id(0)] IReadOnlyList<Subscription> Subscriptions,
    [property: Id(1)] string? Email);

[GenerateSerializer, Alias("NotificationResult")]
public sealed record NotificationResult(
    [property: Id(0)] CommandOutcome Outcome,
    [property: Id(1)] IReadOnlyList<ValidationError> Errors,
    [property: Id(2)] MySubscriptions? Mine = null)
{
    public bool Succeeded => Outcome is CommandOutcome.Accepted or CommandOutcome.Unchanged;
}

/// <summary>
/// A city's subscriptions (key: the city). New alerts are gathered for a short while and written, one message per
/// person, to the people's inboxes (<see cref="IInboxGrain"/>), which mail them; the weekly summary comes from a
/// durable reminder. No message carries personal data of beneficiaries: alerts name activities and figures,
/// summaries count.
/// </summary>
[Alias("INotificationsGrain")]
public interface INotificationsGrain : IGrainWithStringKey
{
    /// <summary>The caller subscribes (a role in the city), to their account's address; the same topic and scope is replaced.</summary>
    [Alias("Subscribe")]
    Task<NotificationResult> Subscribe(string topic, string scope, string language);

    /// <summary>The caller ends one of their subscriptions (signed in; no role needed: a person can always stop their mail).</summary>
    [Alias("Unsubscribe")]
    Task<NotificationResult> Unsubscribe(string topic, string scope);

    /// <summary>The caller's subscriptions and address.</summary>
    [Alias("Mine")]
    Task<MySubscriptions> Mine();

    /// <summary>
    /// A nudge from the alerts grain: alerts were raised; the grain looks at the city's alerts soon and tells the
    /// subscribers of the ones it has not told yet (a lost nudge loses nothing: the next look finds them).
    /// </summary>
    [Alias("AlertsRaised")]
    Task AlertsRaised();

    /// <summary>Writes the weekly summaries now (the reminder's work; an amministratore may ask too, once an hour).</summary>
    [Alias("SendWeeklySummaries")]
    Task<int> SendWeeklySummaries();

    /// <summary>Ends every subscription of a person in the city (the person themselves, as when their role there ends; or its amministratori).</summary>
    [Alias("Revoke")]
    Task<int> Revoke(string userId);

    /// <summary>Makes sure the weekly summary is scheduled (the cluster's own work, at silo start).</summary>
    [Alias("Start")]
    Task Start();
}

/// <summary>
/// A person's inbox in a city (key: "city/userId"): the newest messages, each with what became of its e-mail.
/// Only its person reads it; only the cluster writes it.
/// </summary>
[Alias("IInboxGrain")]
public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>The caller's own messages, newest first.</summary>
    [Alias("Read")]
    Task<IReadOnlyList<InboxMessage>> Read();

    /// <summary>Keeps a message and hands its e-mail to the silo's outbox (the cluster's own work).</summary>
    [Alias("Deliver")]
    Task Deliver(InboxMessage message);

    /// <summary>What the outbox made of a message's e-mail: null when it went out, else why not (the cluster's own work).</summary>
    [Alias("MailResult")]
    Task MailResult(Guid messageId, string? problem);
}
