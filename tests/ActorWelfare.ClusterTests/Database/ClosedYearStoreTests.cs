using ActorWelfare.Activities;
using ActorWelfare.Silo.Storage;
using ActorWelfare.Storage;
using ActorWelfare.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ActorWelfare.Tests.Database;

/// <summary>The closed-year check and the save agree in PostgreSQL: an edit never lands in a year closed while it was being saved.</summary>
public sealed class ClosedYearStoreTests
{
    private static ActivityRecord Tavolo(long version) => new()
    {
        City = "bologna", Kind = ActivityKind.Tavolo, Id = "tavolo-chiusura", Version = version, UpdatedAt = DateTimeOffset.UtcNow,
        Profile = new() { Name = "Tavolo della chiusura", Quartieri = ["navile"], StartYear = 2018, Status = "attivo" },
    };

    private static AuditEntry Audit(ActivityRecord r) =>
        new(r.City, r.Kind, r.Id, r.Version, DateTimeOffset.UtcNow, new Actor("anna", "Anna Rossi"), "RecordMeeting", "{}", null, r);

    [Fact]
    public async Task A_save_waits_for_a_close_of_its_year_under_way_and_is_then_refused_and_other_years_stay_free()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        var store = new PostgresActivityStore(db.Records);
        Assert.Equal(SaveOutcome.Saved, (await store.SaveAsync(Tavolo(1), 0, Audit(Tavolo(1)), [2019])).Outcome);

        // A close of 2019 under way (it holds the year's lock): the save waits for it, then sees the year closed.
        await using (var closing = await db.DataSource.OpenConnectionAsync())
        {
            await using var transaction = await closing.BeginTransactionAsync();
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('aw-year:' || 'bologna'), 2019)", closing, transaction))
                await take.ExecuteNonQueryAsync();
            var save = store.SaveAsync(Tavolo(2), 1, Audit(Tavolo(2)), [2019, 2020]);
            await Task.Delay(700);
            Assert.False(save.IsCompleted, "the save waits for the close under way");
            await using (var close = new NpgsqlCommand("INSERT INTO closed_year (city, year) VALUES ('bologna', 2019)", closing, transaction))
                await close.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            Assert.Equal((SaveOutcome.YearClosed, 2019), await save.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT version FROM activity WHERE id = 'tavolo-chiusura'"));
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM activity_audit WHERE id = 'tavolo-chiusura'"));

        // A change that alters only open years is stored; reopening 2019 frees it again.
        Assert.Equal(SaveOutcome.Saved, (await store.SaveAsync(Tavolo(2), 1, Audit(Tavolo(2)), [2020])).Outcome);
        Assert.Equal((SaveOutcome.YearClosed, 2019), await store.SaveAsync(Tavolo(3), 2, Audit(Tavolo(3)), [2019]));
        await store.SetYearClosedAsync("bologna", 2019, false);
        Assert.Equal(SaveOutcome.Saved, (await store.SaveAsync(Tavolo(3), 2, Audit(Tavolo(3)), [2019])).Outcome);
        // Closing through the store waits for nobody when no save is under way, and takes effect at once.
        await store.SetYearClosedAsync("bologna", 2019, true);
        Assert.Equal((SaveOutcome.YearClosed, 2019), await store.SaveAsync(Tavolo(4), 3, Audit(Tavolo(4)), [2019]));
        // Both refusals at once (a closed year, and another version stored meanwhile): the closed year is the one told.
        Assert.Equal((SaveOutcome.YearClosed, 2019), await store.SaveAsync(Tavolo(4), 1, Audit(Tavolo(4)), [2019]));
        // A new activity in a closed year is refused too, and nothing of it stays.
        Assert.Equal((SaveOutcome.YearClosed, 2019), await store.SaveAsync(Tavolo(1) with { Id = "tavolo-nuovo" }, 0, Audit(Tavolo(1) with { Id = "tavolo-nuovo" }), [2019]));
        Assert.Equal(0, await db.ScalarAsync<int>("SELECT count(*) FROM activity_audit WHERE id = 'tavolo-nuovo'") + await db.ScalarAsync<int>("SELECT count(*) FROM activity WHERE id = 'tavolo-nuovo'"));
        Assert.Equal(SaveOutcome.Conflict, (await store.SaveAsync(Tavolo(4), 1, Audit(Tavolo(4)), [2021])).Outcome);
    }
}
