namespace ActorWelfare.Notifications;

/// <summary>One plain-text e-mail; <paramref name="Unsubscribe"/> is the page where its person stops such mail (List-Unsubscribe).</summary>
public sealed record OutgoingMail(string To, string Subject, string Body, string? Unsubscribe);

/// <summary>Sends one e-mail; answers null when it went out, else why not (the inbox keeps the message either way).</summary>
public interface IMailSender
{
    Task<string?> SendAsync(OutgoingMail mail, CancellationToken ct = default);
}

/// <summary>An installation without SMTP (<c>Mail:Host</c> unset): messages stay in the inbox.</summary>
public sealed class NoMailSender : IMailSender
{
    public Task<string?> SendAsync(OutgoingMail mail, CancellationToken ct = default) => Task.FromResult<string?>(InboxMessage.NoSmtp);
}
