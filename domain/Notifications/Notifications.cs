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
