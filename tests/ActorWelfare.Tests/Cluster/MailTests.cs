using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Notifications;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>
/// Mail that reaches people: a silo on PostgreSQL with a real SMTP server process beside it (smtp4dev). A person
/// subscribed to their district's alerts gets the mail of a new alert there, the same message is in their inbox,
/// a subscriber of another district gets nothing, and a weekly summary goes out too.
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
            ["Mail__Port"] = smtp.SmtpPort.ToString(),
            ["Mail__Security"] = "None",
            ["Mail__From"] = "ActorWelfare <actorwelfare@comune.local>",
        });
        var key = await db.SystemKeyAsync();
        await using var client = await TestClient.ViaMembershipAsync(db.ConnectionString);
        var notifications = client.Grains.GetGrain<INotificationsGrain>("bologna");
        var navile = Caller.InCity("op-navile", "bologna", [Roles.Operatore], "navile");
        var savena = Caller.InCity("op-savena", "bologna", [Roles.Operatore], "savena");
        var admin = Caller.InCity("admin", "bologna", [Roles.Amministratore]);
        Task<T> As<T>(Caller caller, Func<Task<T>> call) => Task.Run(async () => { Caller.HandDown(caller); return await call(); });

        Assert.True((await As(navile, () => notifications.Subscribe(new Subscription("alerts", "navile", "navile@comune.local")))).Succeeded);
        Assert.True((await As(savena, () => notifications.Subscribe(new Subscription("alerts", "savena", "savena@comune.local")))).Succeeded);
        Assert.True((await As(admin, () => notifications.Subscribe(new Subscription("weekly", "*", "direzione@comune.local")))).Succeeded);

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
        Assert.DoesNotContain(mails, x => x.To.Contains("savena@comune.local"));

        var inbox = (await As(navile, notifications.Mine)).Inbox;
        var kept = Assert.Single(inbox);
        Assert.Equal((mail.Subject, "navile@comune.local", (string?)null), (kept.Subject, kept.MailedTo, kept.MailProblem));

        // The weekly summary, sent by hand by an amministratore (the reminder's work otherwise).
        Assert.Equal(1, await As(admin, notifications.SendWeeklySummaries));
        mails = await EventuallyAsync(smtp, m => m.Any(x => x.To.Contains("direzione@comune.local")));
        var summary = mails.Single(x => x.To.Contains("direzione@comune.local"));
        Assert.Equal("ActorWelfare · Bologna: riepilogo della settimana", summary.Subject);
        Assert.Contains("Avvisi aperti: 1.", summary.Body);
        Assert.Contains("Completezza del 2026: 0 attività su 1 hanno inserito tutti i dati", summary.Body);
    }

    private static async Task<IReadOnlyList<(string[] To, string Subject, string Body)>> EventuallyAsync(SmtpCapture smtp,
        Func<IReadOnlyList<(string[] To, string Subject, string Body)>, bool> arrived)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var mails = await smtp.MessagesAsync();
            if (arrived(mails)) return mails;
            if (DateTime.UtcNow > until) throw new TimeoutException($"no such mail in 30 s; received: {string.Join("; ", mails.Select(m => $"{string.Join(",", m.To)}: {m.Subject}"))}");
            await Task.Delay(250);
        }
    }
}
