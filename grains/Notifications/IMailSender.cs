namespace ActorWelfare.Notifications;

/// <summary>Sends one plain-text e-mail; answers null when it went out, else why not (the inbox keeps it either way).</summary>
public interface IMailSender
{
    Task<string?> SendAsync(string to, string subject, string body, CancellationToken ct = default);
}

/// <summary>An installation without SMTP (<c>Mail:Host</c> unset): messages stay in the inbox.</summary>
public sealed class NoMailSender : IMailSender
{
    public Task<string?> SendAsync(string to, string subject, string body, CancellationToken ct = default) =>
        Task.FromResult<string?>(InboxMessage.NoSmtp);
}
