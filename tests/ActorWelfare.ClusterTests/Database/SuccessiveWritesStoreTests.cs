using ActorWelfare.Activities;
using ActorWelfare.Silo.Storage;
using ActorWelfare.Storage;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Database;

/// <summary>
/// Successive versions of one activity in one save (ExecuteAll's commands), in PostgreSQL and in memory alike: each
/// expects the version the one before leaves, all are stored with an audit record each, or none when one expects wrong.
/// </summary>
public sealed class SuccessiveWritesStoreTests
{
    private static ActivityRecord Tavolo(long version) => new()
    {
        City = "bologna", Kind = ActivityKind.Tavolo, Id = "tavolo-in-fila", Version = version, UpdatedAt = DateTimeOffset.UtcNow,
        Profile = new() { Name = $"Tavolo in fila {version}", Quartieri = ["navile"], StartYear = 2018, Status = "attivo" },
    };

    private static ActivityWrite Write(long version, long expected) => new(Tavolo(version), expected,
        new(Tavolo(version).City, ActivityKind.Tavolo, "tavolo-in-fila", version, DateTimeOffset.UtcNow, new Actor("anna", "Anna Rossi"), "EditProfile", "{}",
            version == 1 ? null : Tavolo(version - 1), Tavolo(version)));

    [Fact]
    public async Task Successive_versions_are_stored_together_or_not_at_all_in_postgres()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        await StoresAllOrNone(new PostgresActivityStore(db.Records));
    }

    [Fact]
    public Task Successive_versions_are_stored_together_or_not_at_all_in_memory() => StoresAllOrNone(new MemoryActivityStore());

    private static async Task StoresAllOrNone(IActivityStore store)
    {
        Assert.Equal(SaveOutcome.Saved, (await store.SaveTogetherAsync([Write(1, 0), Write(2, 1), Write(3, 2)], [2018])).Outcome);
        Assert.Equal(3, (await store.LoadAsync("bologna", ActivityKind.Tavolo, "tavolo-in-fila"))!.Version);
        Assert.Equal([1L, 2L, 3L], (await store.HistoryAsync("bologna", ActivityKind.Tavolo, "tavolo-in-fila")).Select(a => a.Version));

        // The second of two expects a version the first does not leave: neither is stored.
        Assert.Equal(SaveOutcome.Conflict, (await store.SaveTogetherAsync([Write(4, 3), Write(5, 3)], [2018])).Outcome);
        Assert.Equal("Tavolo in fila 3", (await store.LoadAsync("bologna", ActivityKind.Tavolo, "tavolo-in-fila"))!.Profile.Name);
        Assert.Equal(3, (await store.HistoryAsync("bologna", ActivityKind.Tavolo, "tavolo-in-fila")).Count);

        // Two activities together, the second's stored version moved since: the first, a new one that could be written,
        // is not written either (in PostgreSQL the refusal comes from the database, inside the save's one transaction).
        var beside = Tavolo(1) with { Id = "tavolo-accanto" };
        var besideWrite = new ActivityWrite(beside, 0, new("bologna", ActivityKind.Tavolo, beside.Id, 1, DateTimeOffset.UtcNow,
            new Actor("anna", "Anna Rossi"), "RegisterActivity", "{}", null, beside));
        Assert.Equal(SaveOutcome.Conflict, (await store.SaveTogetherAsync([besideWrite, Write(4, 2)], [2018])).Outcome);
        Assert.Null(await store.LoadAsync("bologna", ActivityKind.Tavolo, beside.Id));
        Assert.Empty(await store.HistoryAsync("bologna", ActivityKind.Tavolo, beside.Id));
        Assert.Equal(3, (await store.LoadAsync("bologna", ActivityKind.Tavolo, "tavolo-in-fila"))!.Version);

        Assert.Equal(SaveOutcome.Saved, (await store.SaveTogetherAsync([besideWrite, Write(4, 3)], [2018])).Outcome);
        Assert.Equal(("Tavolo in fila 1", "Tavolo in fila 4"), ((await store.LoadAsync("bologna", ActivityKind.Tavolo, beside.Id))!.Profile.Name,
            (await store.LoadAsync("bologna", ActivityKind.Tavolo, "tavolo-in-fila"))!.Profile.Name));
    }
}
