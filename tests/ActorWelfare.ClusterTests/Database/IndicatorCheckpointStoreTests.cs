using ActorWelfare.Domain;
using ActorWelfare.Silo.Database;
using ActorWelfare.Silo.Storage;
using ActorWelfare.Storage;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ActorWelfare.Tests.Database;

/// <summary>Aggregators' checkpoints in PostgreSQL: one row per city-year, each write replacing the last, the bytes kept as written.</summary>
public sealed class IndicatorCheckpointStoreTests
{
    [Fact]
    public async Task A_checkpoint_is_kept_per_city_year_and_replaced_by_the_next_write()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new SchemaMigrator(db.DataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync(Migration.Embedded());
        var store = new PostgresIndicatorCheckpoints(db.DataSource);
        Assert.Null(await store.LoadAsync("bologna", 2019));

        var at = new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.Zero);
        var first = new IndicatorCheckpoint("bologna", 2019, "rules-1", at, 1,
            ContributionCheckpoint.Encode([new("bologna/gruppo/g1", 4, [new("city|GC.TOT|v", 1)])]));
        await store.SaveAsync(first);
        await store.SaveAsync(first with { Year = 2020, Activities = 0, Contributions = ContributionCheckpoint.Encode([]) });
        var read = await store.LoadAsync("bologna", 2019);
        Assert.NotNull(read);
        Assert.Equal((first.Rules, first.AsOf, first.Activities), (read.Rules, read.AsOf, read.Activities));
        Assert.Equal(first.Contributions, read.Contributions);

        var second = first with { Rules = "rules-2", AsOf = at.AddMinutes(5), Activities = 2, Contributions = ContributionCheckpoint.Encode(
            [new("bologna/gruppo/g1", 5, [new("city|GC.TOT|v", 1)]), new("bologna/gruppo/g2", 1, null)]) };
        await store.SaveAsync(second);
        read = await store.LoadAsync("bologna", 2019);
        Assert.Equal((second.Rules, second.AsOf, 2), (read!.Rules, read.AsOf, read.Activities));
        Assert.Equal(2, ContributionCheckpoint.Decode(read.Contributions, k => k).Count);
        Assert.Equal(0, (await store.LoadAsync("bologna", 2020))!.Activities);
        Assert.Equal(2, await db.ScalarAsync<long>("SELECT count(*) FROM indicator_checkpoint"));
    }
}
