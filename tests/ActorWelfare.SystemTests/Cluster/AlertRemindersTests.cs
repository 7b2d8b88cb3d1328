using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Alerts;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>
/// The daily evaluation is a durable Orleans reminder, kept in PostgreSQL: a silo killed in January and started
/// again with its calendar in May (a test clock, not 90 days of waiting) finds the reminder in the table, and the
/// reminder fires by itself and flags the tavolo that has not met since January.
/// </summary>
public sealed class AlertRemindersTests
{
    private static readonly Dictionary<string, string> Fast = new()
    {
        ["Alerts__FirstEvaluationSeconds"] = "2",
        ["Alerts__EvaluateSeconds"] = "6",
        ["Alerts__MinimumReminderSeconds"] = "5",
    };

    [Fact]
    public async Task The_reminder_survives_a_killed_silo_and_fires_by_itself_with_the_calendar_months_later()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString,
            extra: new Dictionary<string, string>(Fast) { ["Clock__Now"] = "2026-01-20T09:00:00+01:00" });
        var key = await db.SystemKeyAsync();
        var direttore = Caller.InCity("dir", "bologna", [Roles.Direttore]);

        await using (var client = await TestClient.ViaMembershipAsync(db.ConnectionString))
        {
            await Task.Run(async () =>
            {
                SystemIdentity.HandDown(key);
                var tavolo = client.Grains.Activity("bologna", ActivityKind.Tavolo, "t-ricordo");
                var made = await tavolo.Execute(new RegisterActivity(new ActivityProfile
                {
                    Name = "Tavolo del ricordo", Quartieri = ["navile"], StartYear = 2026, Status = "attivo",
                }), 0);
                Assert.True((await tavolo.Execute(new RecordEvent(new MeetingEvent { Date = new DateOnly(2026, 1, 10) }), made.Record.Version)).Succeeded);
            });
            await silo.Process.WaitForOutputAsync("Alerts of bologna evaluated", TimeSpan.FromSeconds(60));
            var january = await Task.Run(async () => { CallerContext.HandDown(direttore); return await client.Grains.GetGrain<IAlertsGrain>("bologna").List(); });
            Assert.Equal(new DateOnly(2026, 1, 20), january.EvaluatedFor);
            Assert.DoesNotContain(january.Open, a => a.ActivityId == "t-ricordo");
        }
        var scheduled = await db.ScalarAsync<DateTime>("SELECT start_time FROM orleans_reminder WHERE grain_id LIKE '%alerts%bologna%' AND reminder_name = 'evaluate'");

        await silo.Process.KillAsync();
        await silo.RestartAsync(new Dictionary<string, string> { ["Clock__Now"] = "2026-05-01T09:00:00+02:00" });

        // Nothing calls the alerts of Bologna: the evaluation is the reminder's, from the table.
        var line = await silo.Process.WaitForOutputAsync("Alerts of bologna evaluated", TimeSpan.FromSeconds(90));
        Assert.Equal(scheduled, await db.ScalarAsync<DateTime>("SELECT start_time FROM orleans_reminder WHERE grain_id LIKE '%alerts%bologna%' AND reminder_name = 'evaluate'"));
        await using var again = await TestClient.ViaMembershipAsync(db.ConnectionString);
        var may = await Task.Run(async () => { CallerContext.HandDown(direttore); return await again.Grains.GetGrain<IAlertsGrain>("bologna").List(); });
        Assert.True(may.EvaluatedFor == new DateOnly(2026, 5, 1), $"evaluated for {may.EvaluatedFor} ({line})");
        var quiet = Assert.Single(may.Open, a => a.ActivityId == "t-ricordo");
        Assert.Equal((AlertRule.NoMeeting, 111, new DateOnly(2026, 1, 10)), (quiet.Rule, quiet.Days, quiet.Since));
    }
}
