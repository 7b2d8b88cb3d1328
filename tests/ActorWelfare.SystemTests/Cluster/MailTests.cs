using System.Globalization;
using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Keys;
using ActorWelfare.Notifications;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>
/// Mail that reaches people: a silo on PostgreSQL with a real SMTP server process beside it (smtp4dev). A person
/// subscribed to their district's alerts gets the mail of a new alert there, the same message is in their inbox,
/// a subscriber of another district gets nothing, and a weekly summary goes out too. A mail server that is down
/// holds nobody up: the inbox says the mail did not go out.
/// </summary>
public sealed class MailTests
{
    [Fact]
    public async Task A_new_alert_is_mailed_to_the_district_s_subscriber_through_smtp_and_kept_in_their_inbox()
    {
        await using var smtp = await SmtpCapture.StartAsync();
        await using var db = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString, extra: new Dictionary<string, string>
        {
            ["Clock__Now"] = "2026-05-01T09:00:00+02:00",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = smtp.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail__Security"] = "None",
            ["Mail__From"] = "ActorWelfare <actorwelfare@comune.local>",
            ["Mail__DigestSeconds"] = "1",
            ["Mail__DashboardUrl"] = "http://127.0.0.1:5080",
        });
        var key = await db.SystemKeyAsync();
        await using var client = await TestClient.ViaMembershipAsync(db.ConnectionString);
        var notifications = client.Grains.GetGrain<INotificationsGrain>("bologna");
        var navile = Caller.InCity("op-navile", "bologna", [Roles.Operatore], "navile") with { Email = "navile@comune.local" };
        var savena = Caller.InCity("op-savena", "bologna", [Roles.Operatore], "savena") with { Email = "savena@comune.local" };
        var admin = Caller.InCity("admin", "bologna", [Roles.Amministratore]) with { Email = "direzione@comune.local" };
        Task<T> As<T>(Caller caller, Func<Task<T>> call) => Task.Run(async () => { CallerContext.HandDown(caller); return await call(); });

        Assert.True((await As(navile, () => notifications.Subscribe("alerts", "navile", "it"))).Succeeded);
        Assert.True((await As(savena, () => notifications.Subscribe("alerts", "savena", "it"))).Succeeded);
        Assert.True((await As(admin, () => notifications.Subscribe("weekly", "*", "en"))).Succeeded);

        // A project of Navile with nothing reported, 121 days into 2026: "missing figures".
        await Task.Run(async () =>
        {
            SystemIdentity.HandDown(key);
            var made = await client.Grains.Activity("bologna", ActivityKind.Progetto, "progetto-senza-dati")
                .Execute(new RegisterActivity(new ActivityProfile { Name = "Progetto senza dati", Quartieri = ["navile"], StartYear = 2026, Status = "attivo" }), 0);
            Assert.True(made.Succeeded);
        });

        var mails = await EventuallyAsync(smtp, m => m.Any(x => x.To.Contains("navile@comune.local")));
        var mail = mails.Single(x => x.To.Contains("navile@comune.local"));
        Assert.Equal("ActorWelfare · Bologna: un nuovo avviso", mail.Subject);
        Assert.Contains("Dati dell'anno mancanti (2026): Progetto senza dati (Navile)", mail.Body);
        Assert.Contains("http://127.0.0.1:5080/citta/bologna/notifiche", mail.Body);

        // The outbox writes back once the server has taken it.
        var inbox = await EventuallyAsync(() => As(navile, () => client.Grains.GetGrain<IInboxGrain>(GrainKeys.Inbox("bologna", navile.UserId)).Read()),
            i => i.Count == 1 && i[0].Mail != MailStatus.Pending);
        var kept = Assert.Single(inbox);
        Assert.Equal((mail.Subject, "navile@comune.local", MailStatus.Sent), (kept.Subject.It, kept.Email, kept.Mail));

        // The weekly summary, sent by hand by an amministratore (the reminder's work otherwise), in English as asked.
        Assert.Equal(1, await As(admin, notifications.SendWeeklySummaries));
        mails = await EventuallyAsync(smtp, m => m.Any(x => x.To.Contains("direzione@comune.local")));
        var summary = mails.Single(x => x.To.Contains("direzione@comune.local"));
        Assert.Equal("ActorWelfare · Bologna: summary of the week", summary.Subject);
        Assert.Contains("Open alerts: 1.", summary.Body);
        Assert.Contains("Completeness of 2026: 0 of 1 activities have entered every figure", summary.Body);
        // Every mail that was due has arrived: Savena's subscriber, whose district has no alert, got none.
        Assert.DoesNotContain(mails, x => x.To.Contains("savena@comune.local"));
        Assert.Empty(await As(savena, () => client.Grains.GetGrain<IInboxGrain>(GrainKeys.Inbox("bologna", savena.UserId)).Read()));
    }

    [Fact]
    public async Task A_mail_server_that_is_down_holds_nobody_up_and_the_inbox_says_the_mail_did_not_go_out()
    {
        await using var cluster = await InProcessCluster.StartAsync(silos: 1, settings: new Dictionary<string, string>
        {
            ["Clock:Now"] = "2026-05-01T10:00:00+02:00",
            ["Mail:DigestSeconds"] = "0.5",
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture), // nobody listens there
            ["Mail:Security"] = "None",
            ["Mail:RetrySeconds"] = "1,1",
        });
        var navile = Caller.InCity("op-navile", "bologna", [Roles.Operatore], "navile") with { Email = "navile@comune.local" };
        Task<T> As<T>(Caller caller, Func<Task<T>> call) => Task.Run(async () => { CallerContext.HandDown(caller); return await call(); });
        var notifications = cluster.Grains.GetGrain<INotificationsGrain>("bologna");
        var inbox = cluster.Grains.GetGrain<IInboxGrain>(GrainKeys.Inbox("bologna", navile.UserId));
        Assert.True((await As(navile, () => notifications.Subscribe("alerts", "navile", "it"))).Succeeded);
        await Task.Run(async () =>
        {
            InProcessCluster.AsSystem();
            await cluster.Grains.Activity("bologna", ActivityKind.Progetto, "p-giu").Execute(new RegisterActivity(
                new ActivityProfile { Name = "Progetto senza posta", Quartieri = ["navile"], StartYear = 2026, Status = "attivo" }), 0);
        });

        // The message is kept first; while the outbox tries again, it says so and the grains answer.
        var first = await EventuallyAsync(() => As(navile, inbox.Read), i => i.Count == 1);
        Assert.Equal(MailStatus.Pending, first[0].Mail);
        Assert.Single((await As(navile, notifications.Mine)).Subscriptions);
        var settled = await EventuallyAsync(() => As(navile, inbox.Read), i => i.Count == 1 && i[0].Mail != MailStatus.Pending);
        Assert.Equal(MailStatus.NotSent, settled[0].Mail);
        Assert.NotNull(settled[0].Problem);
        Assert.NotEqual(InboxMessage.NoSmtp, settled[0].Problem);
    }

    [Fact]
    public void Wrong_mail_settings_stop_the_silo_at_start_naming_each_key()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:Host"] = "smtp.comune.local", ["Mail:Port"] = "0", ["Mail:From"] = "not an address", ["Mail:Security"] = "Auto",
        }).Build();
        var e = Assert.Throws<InvalidOperationException>(() => ActorWelfare.Silo.Mail.MailSettings.Read(settings));
        Assert.Contains("Mail:Port: '0' is not a port", e.Message);
        Assert.Contains("Mail:From: 'not an address' is not an address", e.Message);
        Assert.Contains("Mail:Security: 'Auto' is not one of", e.Message);

        var clear = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:Host"] = "smtp.comune.local", ["Mail:UserName"] = "aw", ["Mail:Security"] = "None",
        }).Build();
        Assert.Contains("the password would travel in clear", Assert.Throws<InvalidOperationException>(() => ActorWelfare.Silo.Mail.MailSettings.Read(clear)).Message);
        // With credentials and no choice, STARTTLS is required (never "if offered").
        var quiet = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mail:Host"] = "smtp.comune.local", ["Mail:UserName"] = "aw",
        }).Build();
        Assert.Equal(MailKit.Security.SecureSocketOptions.StartTls, ActorWelfare.Silo.Mail.MailSettings.Read(quiet)!.Security);
        Assert.Null(ActorWelfare.Silo.Mail.MailSettings.Read(new ConfigurationBuilder().Build()));
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await Eventually.LastAsync(read, done, TimeSpan.FromSeconds(20));
        return done(value) ? value : throw new TimeoutException($"not so in 20 s: {value}");
    }

    private static async Task<IReadOnlyList<(string[] To, string Subject, string Body)>> EventuallyAsync(SmtpCapture smtp,
        Func<IReadOnlyList<(string[] To, string Subject, string Body)>, bool> arrived)
    {
        var mails = await Eventually.LastAsync(smtp.MessagesAsync, arrived, TimeSpan.FromSeconds(30));
        return arrived(mails) ? mails
            : throw new TimeoutException($"no such mail in 30 s; received: {string.Join("; ", mails.Select(m => $"{string.Join(",", m.To)}: {m.Subject}"))}");
    }
}
