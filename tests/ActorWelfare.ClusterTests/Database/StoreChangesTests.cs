using ActorWelfare.Activities;
using ActorWelfare.Silo.Storage;
using ActorWelfare.Storage;
using ActorWelfare.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ActorWelfare.Tests.Database;

/// <summary>
/// What changed in a city since a horizon (what a restarted or reconciling aggregator reads instead of every version of
/// its city-year), in PostgreSQL and in memory alike: the activities saved since, with their version and whether they
/// touch the year; nothing of other cities; horizons that only grow. In PostgreSQL, a transaction still running when a
/// horizon is given is read again from that horizon once it commits.
/// </summary>
public sealed class StoreChangesTests
{
    private static ActivityRecord Gruppo(string city, string id, long version, int startYear) => new()
    {
        City = city, Kind = ActivityKind.Gruppo, Id = id, Version = version, UpdatedAt = DateTimeOffset.UtcNow,
        Profile = new() { Name = $"Gruppo {id} {version}", Quartieri = ["navile"], StartYear = startYear, Status = "attivo" },
    };

    private static async Task SaveAsync(IActivityStore store, string city, string id, long version, int startYear = 2030)
    {
        var record = Gruppo(city, id, version, startYear);
        var audit = new AuditEntry(city, ActivityKind.Gruppo, id, version, DateTimeOffset.UtcNow, new Actor("anna", "Anna Rossi"), "EditProfile", "{}",
            version == 1 ? null : Gruppo(city, id, version - 1, startYear), record);
        Assert.Equal(SaveOutcome.Saved, (await store.SaveAsync(record, version - 1, audit, [startYear])).Outcome);
    }

    [Fact]
    public async Task Changes_since_a_horizon_in_postgres()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        await ChangesSinceAHorizon(new PostgresActivityStore(db.Records));
    }

    [Fact]
    public Task Changes_since_a_horizon_in_memory() => ChangesSinceAHorizon(new MemoryActivityStore());

    private static async Task ChangesSinceAHorizon(IActivityStore store)
    {
        await SaveAsync(store, "bologna", "g-old", 1);
        var first = await store.ChangesAsync("bologna", 2030, since: null);
        Assert.Empty(first.Changed); // without a horizon to start from, the horizon alone

        await SaveAsync(store, "bologna", "g-new", 1);
        await SaveAsync(store, "bologna", "g-new", 2);
        await SaveAsync(store, "bologna", "g-later", 1, startYear: 2040); // saved, but its span does not reach 2030
        await SaveAsync(store, "crema", "g-new", 1); // another city
        var second = await store.ChangesAsync("bologna", 2030, first.Horizon);
        Assert.Equal(
            [new("bologna/gruppo/g-later", 1, false), new("bologna/gruppo/g-new", 2, true)],
            second.Changed.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.True(second.Horizon > first.Horizon);

        // Nothing since: nothing changed, and the horizon stays where it was or grows.
        var third = await store.ChangesAsync("bologna", 2030, second.Horizon);
        Assert.Empty(third.Changed);
        Assert.True(third.Horizon >= second.Horizon);
        await SaveAsync(store, "bologna", "g-old", 2);
        Assert.Equal([new("bologna/gruppo/g-old", 2, true)], (await store.ChangesAsync("bologna", 2030, third.Horizon)).Changed);
    }

    [Fact]
    public async Task A_transaction_running_when_the_horizon_is_given_is_read_again_after_it_commits()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        var store = new PostgresActivityStore(db.Records);
        await SaveAsync(store, "bologna", "g-slow", 1);
        var before = await store.ChangesAsync("bologna", 2030, since: null);

        // A save under way (its transaction has begun writing) while an aggregator asks what changed.
        await using var slow = await db.DataSource.OpenConnectionAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        await Execute(slow, "UPDATE activity SET version = 2 WHERE city = 'bologna' AND id = 'g-slow'");
        var during = await store.ChangesAsync("bologna", 2030, before.Horizon);
        Assert.Empty(during.Changed); // not committed: not seen
        await Execute(slow, """
            INSERT INTO activity_audit (city, kind, id, version, at, actor_id, actor_name, command, change, after)
            SELECT city, kind, id, version, now(), 'anna', 'Anna Rossi', 'EditProfile', '{}', record FROM activity WHERE id = 'g-slow'
            """);
        await transaction.CommitAsync();

        // Asked from the horizon given while it ran: the save is there, though its transaction began before that answer.
        var after = await store.ChangesAsync("bologna", 2030, during.Horizon);
        Assert.Equal([new("bologna/gruppo/g-slow", 2, true)], after.Changed);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
