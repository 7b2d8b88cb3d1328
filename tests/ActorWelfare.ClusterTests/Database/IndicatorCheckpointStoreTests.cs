using ActorWelfare.Domain;
using ActorWelfare.Silo.Storage;
using ActorWelfare.Storage;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Database;

/// <summary>
/// Aggregators' checkpoints in PostgreSQL: one row per city-year, each write replacing the last, the bytes kept as
/// written; and the versions each city-year reserves, block after block, read with its checkpoint.
/// </summary>
public sealed class IndicatorCheckpointStoreTests
{
    [Fact]
    public async Task A_checkpoint_is_kept_per_city_year_and_replaced_by_the_next_write()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        var store = new PostgresIndicatorCheckpoints(db.Records);
        Assert.Null(await store.LoadAsync("bologna", 2019));

        var at = new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.Zero);
        var first = Checkpoint("bologna", 2019, "rules-1", at, ContributionCheckpoint.Encode([new("bologna/gruppo/g1", 4, [new("city|GC.TOT|v", 1)])]), 1);
        await store.SaveAsync(first);
        await store.SaveAsync(Checkpoint("bologna", 2020, "rules-1", at, ContributionCheckpoint.Encode([]), 0));
        var read = await store.LoadAsync("bologna", 2019);
        Assert.NotNull(read);
        Assert.Equal((first.Rules, first.AsOf, first.Activities), (read.Rules, read.AsOf, read.Activities));
        Assert.Equal(first.Head, read.Head);
        Assert.Equal(first.Contributions, read.Contributions);
        Assert.Equal(first.Contributions, await store.LoadContributionsAsync("bologna", 2019));
        Assert.Null(await store.LoadContributionsAsync("crema", 2019));

        var second = Checkpoint("bologna", 2019, "rules-2", at.AddMinutes(5), ContributionCheckpoint.Encode(
            [new("bologna/gruppo/g1", 5, [new("city|GC.TOT|v", 1)]), new("bologna/gruppo/g2", 1, null)]), 2);
        await store.SaveAsync(second);
        read = await store.LoadAsync("bologna", 2019);
        Assert.Equal((second.Rules, second.AsOf, 2), (read!.Rules, read.AsOf, read.Activities));
        Assert.Equal(2, ContributionCheckpoint.Decode(new(read.Head, read.Contributions!), k => k).Contributions.Count);
        Assert.Equal(0, (await store.LoadAsync("bologna", 2020))!.Activities);
        Assert.Equal(2, await db.ScalarAsync<long>("SELECT count(*) FROM indicator_checkpoint"));
    }

    [Fact]
    public async Task Each_reservation_of_a_city_year_begins_past_the_last_and_comes_with_its_checkpoint()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        var store = new PostgresIndicatorCheckpoints(db.Records);
        Assert.Equal(new AggregatorStart(1000, null), await store.ReserveAndLoadAsync("bologna", 2019, 1000));
        Assert.Equal(2000, await store.ReserveAsync("bologna", 2019, 1000));
        Assert.Equal(1000, await store.ReserveAsync("bologna", 2020, 1000)); // each city-year its own
        Assert.Equal(50, await store.ReserveAsync("crema", 2019, 50));

        var written = Checkpoint("bologna", 2019, "rules-1", new DateTimeOffset(2026, 12, 5, 9, 30, 0, TimeSpan.Zero),
            ContributionCheckpoint.Encode([new("bologna/gruppo/g1", 4, [new("city|GC.TOT|v", 1)])], horizon: 12), 1);
        await store.SaveAsync(written);
        var start = await store.ReserveAndLoadAsync("bologna", 2019, 1000);
        Assert.Equal(3000, start.ReservedUpTo);
        Assert.Equal((written.Rules, written.AsOf, written.Activities), (start.Checkpoint!.Rules, start.Checkpoint.AsOf, start.Checkpoint.Activities));
        Assert.Equal(written.Head, start.Checkpoint.Head);
        Assert.Null(start.Checkpoint.Contributions); // the head alone: the contributions are read when needed
        // Emptying the checkpoints (a cache) leaves the reservations.
        await using (var empty = db.DataSource.CreateCommand("DELETE FROM indicator_checkpoint")) await empty.ExecuteNonQueryAsync();
        Assert.Equal(new AggregatorStart(4000, null), await store.ReserveAndLoadAsync("bologna", 2019, 1000));
    }

    private static IndicatorCheckpoint Checkpoint(string city, int year, string rules, DateTimeOffset asOf, EncodedCheckpoint encoded, int activities) =>
        new(city, year, rules, asOf, activities, encoded.Head, encoded.Contributions);
}
