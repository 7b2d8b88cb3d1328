using ActorWelfare.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ActorWelfare.Silo.Mail;

/// <summary>
/// The installation's SMTP server, through MailKit: <c>Mail:Host</c>, <c>Mail:Port</c> (25), <c>Mail:From</c>,
/// optional <c>Mail:UserName</c>/<c>Mail:Password</c>, <c>Mail:Security</c> (Auto, None, StartTls, SslOnConnect).
/// One connection per message: mails are few (new alerts, weekly summaries).
/// </summary>
public sealed class MailKitSender(IConfiguration configuration) : IMailSender
{
    public async Task<string?> SendAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(configuration["Mail:From"] ?? "actorwelfare@localhost"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        using var client = new SmtpClient { Timeout = 15_000 };
        var security = Enum.TryParse<SecureSocketOptions>(configuration["Mail:Security"], ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
        await client.ConnectAsync(configuration["Mail:Host"] ?? throw new InvalidOperationException("Mail:Host is not set"), configuration.GetValue("Mail:Port", 25), security, ct);
        if (configuration["Mail:UserName"] is { Length: > 0 } user) await client.AuthenticateAsync(user, configuration["Mail:Password"] ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        return null;
    }
}
