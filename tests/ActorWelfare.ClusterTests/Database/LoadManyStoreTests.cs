using ActorWelfare.Activities;
using ActorWelfare.Quartieri;
using ActorWelfare.Silo.Storage;
using ActorWelfare.Storage;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Database;

/// <summary>
/// The records an import checks its file against, read in one go (PostgreSQL and memory alike): each named activity as
/// last stored, of the named kind and city only; the ones never stored left out.
/// </summary>
public sealed class LoadManyStoreTests
{
    [Fact]
    public async Task Named_activities_in_postgres()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        await NamedActivities(new PostgresActivityStore(db.Records));
    }

    [Fact]
    public Task Named_activities_in_memory() => NamedActivities(new MemoryActivityStore());

    private static async Task NamedActivities(IActivityStore store)
    {
        await SaveAsync(store, "bologna", ActivityKind.Gruppo, "orti", 1);
        await SaveAsync(store, "bologna", ActivityKind.Gruppo, "orti", 2);
        await SaveAsync(store, "bologna", ActivityKind.Tavolo, "orti", 1); // same id, another kind
        await SaveAsync(store, "crema", ActivityKind.Gruppo, "lettura", 1); // same id as asked, another city

        var read = await store.LoadManyAsync("bologna",
            [new ActivityRef(ActivityKind.Gruppo, "orti"), new ActivityRef(ActivityKind.Gruppo, "lettura"), new ActivityRef(ActivityKind.Progetto, "mai-salvato")]);

        var only = Assert.Single(read);
        Assert.Equal(("bologna", ActivityKind.Gruppo, "orti", 2L, "Orti 2"), (only.City, only.Kind, only.Id, only.Version, only.Profile.Name));
        Assert.Empty(await store.LoadManyAsync("bologna", []));
    }

    private static async Task SaveAsync(IActivityStore store, string city, ActivityKind kind, string id, long version)
    {
        ActivityRecord Version(long v) => new()
        {
            City = city, Kind = kind, Id = id, Version = v, UpdatedAt = DateTimeOffset.UtcNow,
            Profile = new() { Name = $"Orti {v}", Quartieri = ["navile"], StartYear = 2030, Status = "attivo" },
        };
        var audit = new AuditEntry(city, kind, id, version, DateTimeOffset.UtcNow, new Actor("anna", "Anna Rossi"), "EditProfile", "{}",
            version == 1 ? null : Version(version - 1), Version(version));
        Assert.Equal(SaveOutcome.Saved, (await store.SaveAsync(Version(version), version - 1, audit, [2030])).Outcome);
    }
}
