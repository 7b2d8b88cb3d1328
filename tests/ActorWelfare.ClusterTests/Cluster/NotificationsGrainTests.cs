using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Keys;
using ActorWelfare.Notifications;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>
/// Subscriptions and inboxes in a cluster without SMTP (the messages stay in the inbox, saying why): new alerts
/// gathered into one message per person, to their own account's address, only for the scopes they chose, and only
/// while they subscribe and hold a role.
/// </summary>
public sealed class NotificationsGrainTests : IAsyncLifetime
{
    // A cluster per test: they count the messages each person receives, which another test's alerts would add to.
    private InProcessCluster cluster = null!;
    private static readonly Caller Navile = Caller.InCity("op-navile", "bologna", [Roles.Operatore], "navile") with { Email = "navile@comune.local" };
    private static readonly Caller Director = Caller.InCity("dir-bologna", "bologna", [Roles.Direttore]) with { Email = "direzione@comune.local" };

    public async Task InitializeAsync() => cluster = await InProcessCluster.StartAsync(silos: 1, settings: new Dictionary<string, string>
    {
        ["Clock:Now"] = "2026-05-01T10:00:00+02:00",
        ["Mail:DigestSeconds"] = "2",
    });

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private INotificationsGrain Notifications => cluster.Grains.GetGrain<INotificationsGrain>("bologna");

    private IInboxGrain InboxOf(Caller caller) => cluster.Grains.GetGrain<IInboxGrain>(GrainKeys.Inbox("bologna", caller.UserId));

    private static Task<T> As<T>(Caller caller, Func<Task<T>> call) => Task.Run(async () => { CallerContext.HandDown(caller); return await call(); });

    private Task<IReadOnlyList<InboxMessage>> InboxAsync(Caller caller) => As(caller, () => InboxOf(caller).Read());

    /// <summary>A project of the district with nothing reported, four months into 2026: "missing figures" at once.</summary>
    private Task AddProjectAsync(string id, string name, string quartiere) => Task.Run(async () =>
    {
        InProcessCluster.AsSystem();
        var made = await cluster.Grains.Activity("bologna", ActivityKind.Progetto, id).Execute(new RegisterActivity(
            new ActivityProfile { Name = name, Quartieri = [quartiere], StartYear = 2026, Status = "attivo" }), 0);
        Assert.True(made.Succeeded);
    });

    private async Task<IReadOnlyList<InboxMessage>> InboxWhenAsync(Caller caller, Func<IReadOnlyList<InboxMessage>, bool> done)
    {
        var inbox = await Eventually.LastAsync(() => InboxAsync(caller), done, TimeSpan.FromSeconds(15));
        return done(inbox) ? inbox
            : throw new TimeoutException($"the inbox of {caller.UserId} holds {inbox.Count} messages: {string.Join(" | ", inbox.Select(m => m.Body.It))}");
    }

    [Fact]
    public async Task Subscriptions_are_checked_by_field_all_at_once_and_go_to_the_account_s_own_address()
    {
        var bad = await As(Navile with { Email = null }, () => Notifications.Subscribe("daily", "atlantide", "fr"));
        Assert.Equal(CommandOutcome.Invalid, bad.Outcome);
        Assert.Equal(["topic:unknown-id", "scope:unknown-id", "language:unknown-id", "email:account-email"], bad.Errors.Select(e => $"{e.Field}:{e.Rule}"));
        Assert.Empty((await As(Navile, Notifications.Mine)).Subscriptions);

        Assert.Equal(CommandOutcome.Forbidden, (await As(Caller.Anonymous, () => Notifications.Subscribe("alerts", "*", "it"))).Outcome);
        var cremasco = Caller.InCity("dir-crema", "crema", [Roles.Direttore]) with { Email = "crema@comune.local" };
        Assert.Equal(CommandOutcome.Forbidden, (await As(cremasco, () => Notifications.Subscribe("alerts", "*", "it"))).Outcome);

        var made = await As(Navile, () => Notifications.Subscribe("alerts", "navile", "it"));
        Assert.Equal(CommandOutcome.Accepted, made.Outcome);
        Assert.Equal(new Subscription("alerts", "navile", "navile@comune.local", "it"), Assert.Single(made.Mine!.Subscriptions));
        Assert.Equal(CommandOutcome.Unchanged, (await As(Navile, () => Notifications.Subscribe("alerts", "navile", "it"))).Outcome);

        // Unsubscribing is checked too, and an unknown pair changes nothing.
        var wrong = await As(Navile, () => Notifications.Unsubscribe("daily", "atlantide"));
        Assert.Equal(["topic:unknown-id", "scope:unknown-id"], wrong.Errors.Select(e => $"{e.Field}:{e.Rule}"));
        Assert.Equal(CommandOutcome.Unchanged, (await As(Navile, () => Notifications.Unsubscribe("weekly", "navile"))).Outcome);
        Assert.Single((await As(Navile, Notifications.Mine)).Subscriptions);

        // An inbox is its person's only: not another's, not an amministratore's.
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(Director, () => InboxOf(Navile).Read()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(Caller.InCity("admin", "bologna", [Roles.Amministratore]), () => InboxOf(Navile).Read()));
        // The summaries by hand: amministratori only, once an hour.
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(Navile, Notifications.SendWeeklySummaries));
        var admin = Caller.InCity("admin", "bologna", [Roles.Amministratore]);
        await As(admin, Notifications.SendWeeklySummaries);
        await Assert.ThrowsAsync<InvalidOperationException>(() => As(admin, Notifications.SendWeeklySummaries));
    }

    [Fact]
    public async Task A_burst_of_new_alerts_is_one_message_per_person_in_their_scopes_in_the_language_they_chose()
    {
        Assert.True((await As(Navile, () => Notifications.Subscribe("alerts", "navile", "it"))).Succeeded);
        // The whole city as well as Navile: still one message per look, not one per subscription.
        Assert.True((await As(Navile, () => Notifications.Subscribe("alerts", "*", "it"))).Succeeded);
        Assert.True((await As(Director, () => Notifications.Subscribe("alerts", "savena", "en"))).Succeeded);

        await Task.WhenAll(AddProjectAsync("p-navile-1", "Primo progetto di Navile", "navile"),
            AddProjectAsync("p-navile-2", "Secondo progetto di Navile", "navile"), AddProjectAsync("p-savena", "Progetto di Savena", "savena"));

        await InboxWhenAsync(Navile, i => i.Count > 0 && i[0].Mail != MailStatus.Pending);
        await Task.Delay(2500); // a second look (one per subscription, one per alert) would have written by now
        var message = Assert.Single(await InboxAsync(Navile));
        Assert.Equal("ActorWelfare · Bologna: 3 nuovi avvisi", message.Subject.It);
        Assert.Contains("Primo progetto di Navile", message.Body.It);
        Assert.Contains("Secondo progetto di Navile", message.Body.It);
        Assert.Contains("Progetto di Savena", message.Body.It); // through the whole city's subscription
        Assert.Equal(("navile@comune.local", MailStatus.NotSent, InboxMessage.NoSmtp), (message.Email, message.Mail, message.Problem));

        var director = Assert.Single(await InboxWhenAsync(Director, i => i.Count > 0 && i[0].Mail != MailStatus.Pending));
        Assert.Equal("en", director.Language);
        Assert.Equal("ActorWelfare · Bologna: one new alert", director.Subject.En);
        Assert.Contains("Progetto di Savena", director.Body.En);
        Assert.DoesNotContain("Navile", director.Body.En);
    }

    [Fact]
    public async Task Unsubscribing_or_losing_the_role_stops_the_messages()
    {
        Assert.True((await As(Navile, () => Notifications.Subscribe("alerts", "navile", "it"))).Succeeded);
        Assert.True((await As(Director, () => Notifications.Subscribe("alerts", "*", "it"))).Succeeded);
        await AddProjectAsync("p-primo", "Primo progetto", "navile");
        await InboxWhenAsync(Navile, i => i.Count == 1);
        await InboxWhenAsync(Director, i => i.Count == 1);

        Assert.Equal(CommandOutcome.Accepted, (await As(Navile, () => Notifications.Unsubscribe("alerts", "navile"))).Outcome);
        await AddProjectAsync("p-secondo", "Secondo progetto", "navile");
        // The director, still subscribed, is told: the look happened, and Navile was left out of it.
        await InboxWhenAsync(Director, i => i.Count == 2);
        Assert.Single(await InboxAsync(Navile));

        // The director's role in Bologna ends: the web tier ends their subscriptions, as themselves.
        var withoutRole = new Caller(Director.UserId, Director.Name, new HashSet<string>(), new HashSet<string>());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(Navile, () => Notifications.Revoke(Director.UserId)));
        Assert.Equal(1, await As(withoutRole, () => Notifications.Revoke(Director.UserId)));
        Assert.Empty((await As(withoutRole, Notifications.Mine)).Subscriptions);
        Assert.True((await As(Navile, () => Notifications.Subscribe("alerts", "*", "it"))).Succeeded);
        await AddProjectAsync("p-terzo", "Terzo progetto", "navile");
        await InboxWhenAsync(Navile, i => i.Count == 2);
        Assert.Equal(2, (await InboxAsync(Director)).Count);
    }
}
