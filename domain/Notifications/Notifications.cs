using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Notifications;

/// <summary>
/// What a person asked to be told of, in their inbox and by e-mail to their own account's address: the alerts (as
/// they are raised) or the weekly summary, of a district or of the whole city ("*"), in the language they chose.
/// </summary>
[DataContract(Name = "Subscription"), ImmutableObject(true)]
public sealed record Subscription(
    [property: DataMember(Order = 0)] string Topic,
    [property: DataMember(Order = 1)] string Scope,
    [property: DataMember(Order = 2)] string Email,
    [property: DataMember(Order = 3)] string Language = Subscription.Italian)
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
[DataContract(Name = "InboxMessage"), ImmutableObject(true)]
public sealed record InboxMessage(
    [property: DataMember(Order = 0)] Guid Id,
    [property: DataMember(Order = 1)] DateTimeOffset At,
    [property: DataMember(Order = 2)] string Topic,
    [property: DataMember(Order = 3)] IReadOnlyList<string> Scopes,
    [property: DataMember(Order = 4)] LocalizedText Subject,
    [property: DataMember(Order = 5)] LocalizedText Body,
    [property: DataMember(Order = 6)] string Email,
    [property: DataMember(Order = 7)] string Language,
    [property: DataMember(Order = 8)] MailStatus Mail = MailStatus.Pending,
    [property: DataMember(Order = 9)] string? Problem = null)
{
    /// <summary>Why a message was not mailed on an installation without SMTP.</summary>
    public const string NoSmtp = "no-smtp";
}

/// <summary>A person's subscriptions in a city, and the address their mails go to (their account's).</summary>
[DataContract(Name = "MySubscriptions"), ImmutableObject(true)]
public sealed record MySubscriptions(
    [property: DataMember(Order = 0)] IReadOnlyList<Subscription> Subscriptions,
    [property: DataMember(Order = 1)] string? Email);

[DataContract(Name = "NotificationResult")]
public sealed record NotificationResult(
    [property: DataMember(Order = 0)] CommandOutcome Outcome,
    [property: DataMember(Order = 1)] IReadOnlyList<ValidationError> Errors,
    [property: DataMember(Order = 2)] MySubscriptions? Mine = null)
{
    public bool Succeeded => Outcome is CommandOutcome.Accepted or CommandOutcome.Unchanged;
}
