namespace ActorWelfare.Notifications;

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
