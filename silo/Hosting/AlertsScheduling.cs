using ActorWelfare.Access;
using ActorWelfare.Alerts;
using ActorWelfare.Notifications;
using ActorWelfare.Territories;
using ActorWelfare.Time;

namespace ActorWelfare.Silo.Hosting;

public static class AlertsHosting
{
    /// <summary>
    /// The calendar the rules read (<see cref="CalendarClock"/>), and each city's daily evaluation scheduled once the
    /// silo is up. <c>Alerts:MinimumReminderSeconds</c> lowers Orleans' one-minute floor for reminder periods (tests).
    /// </summary>
    public static ISiloBuilder AddActorWelfareAlerts(this ISiloBuilder silo, bool schedule = true)
    {
        silo.Services.AddSingleton(sp => new CalendarClock(sp.GetRequiredService<IConfiguration>()));
        // Mail goes out through the installation's SMTP server when one is configured (its settings checked now, so a
        // wrong one stops the silo at start with the key's name); without, messages stay in the inboxes.
        if (ActorWelfare.Silo.Mail.MailSettings.Read(silo.Configuration) is { } mail)
            silo.Services.AddSingleton<IMailSender>(new ActorWelfare.Silo.Mail.MailKitSender(mail));
        else silo.Services.AddSingleton<IMailSender, NoMailSender>();
        silo.Services.AddSingleton<MailOutbox>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<MailOutbox>());
        if (schedule) silo.Services.AddHostedService<AlertsScheduling>();
        if (silo.Configuration["Alerts:MinimumReminderSeconds"] is { Length: > 0 } floor)
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(int.Parse(floor, System.Globalization.CultureInfo.InvariantCulture)));
        return silo;
    }
}

/// <summary>
/// Makes sure every city's alerts grain has its daily reminder, and its notifications grain its weekly one. A reminder that exists is left alone (it is
/// durable: after a restart it fires from the table, on its own schedule), so this is work only on a first start.
/// </summary>
public sealed partial class AlertsScheduling(IGrainFactory grains, SystemKey systemKey, TerritoryCatalog territories, ILogger<AlertsScheduling> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Every city in turn, again and again until each has its reminder: a database that is down at start delays
        // the scheduling, it never stops the silo (an exception out of here would end the host).
        var pending = territories.Cities.Keys.ToList();
        for (var round = 1; pending.Count > 0 && !stoppingToken.IsCancellationRequested; round++)
        {
            foreach (var city in pending.ToList())
            {
                try
                {
                    SystemIdentity.HandDown(systemKey);
                    await grains.GetGrain<IAlertsGrain>(city).Start();
                    await grains.GetGrain<INotificationsGrain>(city).Start();
                    pending.Remove(city);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRetry(city, e.Message);
                }
            }
            if (pending.Count > 0)
                try { await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, round * 2)), stoppingToken); }
                catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alerts of {City}: scheduling failed ({Reason}); trying again")]
    private partial void LogRetry(string city, string reason);
}
