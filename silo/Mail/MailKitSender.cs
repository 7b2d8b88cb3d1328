using ActorWelfare.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ActorWelfare.Silo.Mail;

/// <summary>
/// The installation's SMTP server: <c>Mail:Host</c>, <c>Mail:Port</c> (25), <c>Mail:From</c>, optional
/// <c>Mail:UserName</c>/<c>Mail:Password</c>, <c>Mail:Security</c> (StartTls, SslOnConnect, None; by default StartTls
/// when the server offers it, and required when a password is sent).
/// </summary>
public sealed record MailSettings(string Host, int Port, MailboxAddress From, SecureSocketOptions Security, string? UserName, string? Password)
{
    /// <summary>The settings, or null without <c>Mail:Host</c>; a wrong value is refused with its key.</summary>
    public static MailSettings? Read(IConfiguration configuration)
    {
        if (configuration["Mail:Host"] is not { Length: > 0 } host) return null;
        var problems = new List<string>();
        var port = 25;
        if (configuration["Mail:Port"] is { Length: > 0 } p && (!int.TryParse(p, out port) || port is < 1 or > 65535))
            problems.Add($"Mail:Port: '{p}' is not a port (1–65535)");
        MailboxAddress? from = null;
        var fromText = configuration["Mail:From"] ?? "ActorWelfare <actorwelfare@localhost>";
        if (!MailboxAddress.TryParse(fromText, out from)) problems.Add($"Mail:From: '{fromText}' is not an address");
        var user = configuration["Mail:UserName"] is { Length: > 0 } u ? u : null;
        var security = SecureSocketOptions.StartTlsWhenAvailable;
        if (configuration["Mail:Security"] is { Length: > 0 } s)
        {
            if (!Enum.TryParse(s, ignoreCase: true, out security) || security == SecureSocketOptions.Auto || !Enum.IsDefined(security))
                problems.Add($"Mail:Security: '{s}' is not one of StartTls, StartTlsWhenAvailable, SslOnConnect, None");
        }
        // A password never travels in clear: with credentials the connection must be encrypted.
        if (user is not null && security == SecureSocketOptions.None)
            problems.Add("Mail:Security: None is refused with Mail:UserName (the password would travel in clear)");
        if (user is not null && security == SecureSocketOptions.StartTlsWhenAvailable) security = SecureSocketOptions.StartTls;
        if (problems.Count > 0) throw new InvalidOperationException("Mail settings: " + string.Join("; ", problems) + ".");
        return new(host, port, from!, security, user, configuration["Mail:Password"]);
    }
}

/// <summary>Sends through MailKit, one connection per mail (mails are few: a digest of new alerts, a weekly summary).</summary>
public sealed class MailKitSender(MailSettings settings) : IMailSender
{
    public async Task<string?> SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        var message = new MimeMessage();
        message.From.Add(settings.From);
        message.To.Add(MailboxAddress.Parse(mail.To));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };
        if (mail.Unsubscribe is { } page) message.Headers.Add("List-Unsubscribe", $"<{page}>");
        using var client = new SmtpClient { Timeout = 15_000 };
        await client.ConnectAsync(settings.Host, settings.Port, settings.Security, ct);
        if (settings.UserName is { } user) await client.AuthenticateAsync(user, settings.Password ?? "", ct);
        await client.SendAsync(message, ct);
        // Sent is sent: a failure to say goodbye does not make the mail fail (and be sent again).
        try { await client.DisconnectAsync(quit: true, ct); }
        catch (Exception e) when (e is not OperationCanceledException) { }
        return null;
    }
}
