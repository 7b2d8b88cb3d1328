using System.Threading.Channels;
using ActorWelfare.Access;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorWelfare.Notifications;

/// <summary>
/// The silo's mail queue: inboxes hand their messages here and go on; one worker sends them through
/// <see cref="IMailSender"/>, trying again when the server fails (after 30 seconds and after 5 minutes:
/// <c>Mail:RetrySeconds</c>), and tells the inbox what became of each. A slow or absent mail server therefore never
/// holds up a grain.
/// </summary>
public sealed partial class MailOutbox(IMailSender sender, IGrainFactory grains, SystemKey systemKey, IConfiguration configuration,
    ILogger<MailOutbox> logger) : BackgroundService
{
    private readonly TimeSpan[] retries = [.. (configuration["Mail:RetrySeconds"] ?? "30,300")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => TimeSpan.FromSeconds(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)))];
    private readonly Channel<(string Inbox, InboxMessage Message, int Attempt)> queue = Channel.CreateUnbounded<(string, InboxMessage, int)>();

    public void Enqueue(string inboxKey, InboxMessage message) => queue.Writer.TryWrite((inboxKey, message, 0));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try { await SendAllAsync(stoppingToken); }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { } // the silo stops; inboxes hand over again
    }

    private async Task SendAllAsync(CancellationToken stoppingToken)
    {
        await foreach (var (inbox, message, attempt) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            string? problem;
            try
            {
                problem = await sender.SendAsync(new OutgoingMail(message.Email, Domain.NotificationText.In(message.Subject, message.Language),
                    Domain.NotificationText.In(message.Body, message.Language), NotificationsPage(inbox)), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { problem = e.Message; }
            if (problem is not null && problem != InboxMessage.NoSmtp && attempt < retries.Length)
            {
                LogRetry(inbox, attempt + 1, problem);
                _ = RetryLaterAsync(inbox, message, attempt + 1, stoppingToken);
                continue;
            }
            Telemetry.GrainTelemetry.Mails.Add(1, new KeyValuePair<string, object?>("result",
                problem is null ? "sent" : problem == InboxMessage.NoSmtp ? "no-smtp" : "not-sent"));
            try
            {
                SystemIdentity.HandDown(systemKey);
                await grains.GetGrain<IInboxGrain>(inbox).MailResult(message.Id, problem);
            }
            catch (Exception e) { LogResultLost(e, inbox); }
        }
    }

    private async Task RetryLaterAsync(string inbox, InboxMessage message, int attempt, CancellationToken ct)
    {
        try { await Task.Delay(retries[attempt - 1], ct); }
        catch (OperationCanceledException) { return; } // the inbox hands it over again when it is next activated
        queue.Writer.TryWrite((inbox, message, attempt));
    }

    /// <summary>The person's notifications page in the city (where they unsubscribe), when the dashboard's address is known.</summary>
    private string? NotificationsPage(string inbox) => configuration["Mail:DashboardUrl"] is { Length: > 0 } url
        ? $"{url.TrimEnd('/')}/citta/{inbox[..inbox.IndexOf('/')]}/notifiche" : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail for {Inbox}: attempt {Attempt} failed ({Problem}); trying again later")]
    private partial void LogRetry(string inbox, int attempt, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail for {Inbox}: its result could not be written to the inbox")]
    private partial void LogResultLost(Exception e, string inbox);
}
