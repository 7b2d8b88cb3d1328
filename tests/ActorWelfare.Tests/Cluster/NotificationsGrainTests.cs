using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Notifications;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>Subscriptions and inboxes in a cluster without SMTP (the messages stay in the inbox, saying why).</summary>
public sealed class NotificationsGrainTests : IAsyncLifetime
{
    private InProcessCluster cluster = null!;
    private static readonly Caller Navile = Caller.InCity("op-navile", "bologna", [Roles.Operatore], "navile");

    public async Task InitializeAsync() =>
        cluster = await InProcessCluster.StartAsync(silos: 1, settings: new Dictionary<string, string> { ["Clock:Now"] = "2026-05-01T10:00:00+02:00" });

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private INotificationsGrain Notifications => cluster.Grains.GetGrain<INotificationsGrain>("bologna");

    private static Task<T> As<T>(Caller caller, Func<Task<T>> call) => Task.Run(async () => { Caller.HandDown(caller); return await call(); });

    [Fact]
    public async Task Subscriptions_are_checked_by_field_kept_per_person_and_new_alerts_land_in_the_inbox_of_their_district_only()
    {
        var bad = await As(Navile, () => Notifications.Subscribe(new Subscription("daily", "atlantide", "not an address")));
        Assert.Equal(["topic:unknown-id", "scope:unknown-id", "email:email"], bad.Errors.Select(e => $"{e.Field}:{e.Rule}"));
        Assert.Empty((await As(Navile, Notifications.Mine)).Subscriptions);
        Assert.Equal(CommandOutcome.Forbidden, (await As(Caller.Anonymous, () => Notifications.Subscribe(new Subscription("alerts", "*", "a@b.it")))).Outcome);
        Assert.Equal(CommandOutcome.Forbidden,
            (await As(Caller.InCity("dir-crema", "crema", [Roles.Direttore]), () => Notifications.Subscribe(new Subscription("alerts", "*", "a@b.it")))).Outcome);

        Assert.Equal(CommandOutcome.Accepted, (await As(Navile, () => Notifications.Subscribe(new Subscription("alerts", "navile", "navile@comune.local")))).Outcome);
        Assert.Equal(CommandOutcome.Unchanged, (await As(Navile, () => Notifications.Subscribe(new Subscription("alerts", "navile", "navile@comune.local")))).Outcome);

        await Task.Run(async () =>
        {
            InProcessCluster.AsSystem();
            await cluster.Grains.Activity("bologna", ActivityKind.Progetto, "p-savena").Execute(new RegisterActivity(
                new ActivityProfile { Name = "Progetto di Savena", Quartieri = ["savena"], StartYear = 2026, Status = "attivo" }), 0);
            await cluster.Grains.Activity("bologna", ActivityKind.Progetto, "p-navile").Execute(new RegisterActivity(
                new ActivityProfile { Name = "Progetto di Navile", Quartieri = ["navile"], StartYear = 2026, Status = "attivo" }), 0);
        });
        var until = DateTime.UtcNow.AddSeconds(10);
        MyNotifications mine;
        while ((mine = await As(Navile, Notifications.Mine)).Inbox.Count == 0 && DateTime.UtcNow < until) await Task.Delay(100);
        var message = Assert.Single(mine.Inbox);
        Assert.Contains("Progetto di Navile", message.Body);
        Assert.DoesNotContain("Savena", message.Body);
        Assert.Null(message.MailedTo);
        Assert.Equal("no SMTP server is configured (Mail:Host)", message.MailProblem);

        // Another person sees their own, not this one's; unsubscribing stops it.
        Assert.Empty((await As(Caller.InCity("dir", "bologna", [Roles.Direttore]), Notifications.Mine)).Inbox);
        Assert.Equal(CommandOutcome.Accepted, (await As(Navile, () => Notifications.Unsubscribe("alerts", "navile"))).Outcome);
        Assert.Empty((await As(Navile, Notifications.Mine)).Subscriptions);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(Navile, Notifications.SendWeeklySummaries));
    }
}
