using ActorWelfare.Silo.Database;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace ActorWelfare.Tests.Database;

public sealed class SchemaMigratorTests
{
    /// <summary>Every key the Orleans ADO.NET clustering, grain storage and reminder providers ask for.</summary>
    public static readonly string[] RequiredQueryKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static SchemaMigrator Migrator(TestDatabase db) => new(db.DataSource, NullLogger<SchemaMigrator>.Instance);

    [Fact]
    public async Task Migration_12_makes_stored_records_dated_with_their_profile_for_every_year_and_keeps_the_figures()
    {
        await using var db = await TestDatabase.CreateAsync();
        var all = Migration.Embedded();
        await Migrator(db).ApplyAsync([.. all.Where(m => m.Version < 12)]);
        // A record as stored before dated profiles: no "profilesUntil".
        var record = new ActorWelfare.Activities.ActivityRecord
        {
            City = "bologna", Kind = ActorWelfare.Activities.ActivityKind.Tavolo, Id = "tavolo-vecchio", Version = 3,
            Profile = new() { Name = "Tavolo vecchio", Quartieri = ["navile"], StartYear = 2014, Status = "attivo", Coordination = "sst", Themes = ["anziani"] },
            Years = new Dictionary<int, ActorWelfare.Activities.YearFigures> { [2019] = new() { Meetings = 7 } },
        };
        var old = System.Text.Json.Nodes.JsonNode.Parse(ActorWelfare.Storage.ActivityJson.Write(record))!.AsObject();
        old.Remove("profilesUntil");
        await using (var insert = db.DataSource.CreateCommand("""
            INSERT INTO activity (city, kind, id, version, deleted, start_year, end_year, quartieri, record, updated_at)
            VALUES ('bologna', 'tavolo', 'tavolo-vecchio', 3, false, 2014, NULL, '{navile}', $1::jsonb, now())
            """))
        {
            insert.Parameters.Add(new() { Value = old.ToJsonString() });
            await insert.ExecuteNonQueryAsync();
        }

        Assert.Equal(all.Count(m => m.Version >= 12), await Migrator(db).ApplyAsync(all));

        Assert.Equal("{}", await db.ScalarAsync<string>("SELECT record->>'profilesUntil' FROM activity WHERE id = 'tavolo-vecchio'"));
        var stored = await new ActorWelfare.Silo.Storage.PostgresActivityStore(db.DataSource).LoadAsync("bologna", ActorWelfare.Activities.ActivityKind.Tavolo, "tavolo-vecchio");
        Assert.NotNull(stored);
        Assert.Empty(stored.ProfilesUntil);
        Assert.All(new[] { 2014, 2019, 2030 }, y => Assert.Equal(["anziani"], stored.ProfileFor(y).Themes));
        Assert.Equal(7, stored.FiguresFor(2019).Meetings);
        Assert.Equal(ActorWelfare.Storage.ActivityJson.Write(record), ActorWelfare.Storage.ActivityJson.Write(stored));
    }

    [Fact]
    public async Task Migration_22_carries_the_aggregators_reserved_versions_over_from_their_orleans_state()
    {
        await using var db = await TestDatabase.CreateAsync();
        var all = Migration.Embedded();
        await Migrator(db).ApplyAsync([.. all.Where(m => m.Version < 22)]);
        // Rows as the Orleans ADO.NET provider wrote them (state name, string key, write count): an aggregator written
        // three times, one written once under another service, and a year grain's state under the same key.
        await using (var insert = db.DataSource.CreateCommand("""
            INSERT INTO orleans_grain_state (service_id, grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type, grain_key_ext, payload, version)
            VALUES ('aw', 1, 0, 0, 7, 'indicators', 'bologna/2019', '\x00', 3), ('other', 2, 0, 0, 7, 'indicators', 'bologna/2019', '\x00', 1),
                   ('aw', 3, 0, 0, 8, 'indicators', 'crema/2014', '\x00', 1), ('aw', 1, 0, 0, 9, 'year', 'bologna/2019', '\x00', 9)
            """))
            await insert.ExecuteNonQueryAsync();

        await Migrator(db).ApplyAsync(all);

        Assert.Equal(3000, await db.ScalarAsync<long>("SELECT reserved FROM indicator_version WHERE city = 'bologna' AND year = 2019"));
        Assert.Equal(1000, await db.ScalarAsync<long>("SELECT reserved FROM indicator_version WHERE city = 'crema' AND year = 2014"));
        Assert.Equal("year", await db.ScalarAsync<string>("SELECT string_agg(grain_type, ',') FROM orleans_grain_state"));
        // The next activation's block begins past every version the old state may have handed out.
        var start = await new ActorWelfare.Silo.Storage.PostgresIndicatorCheckpoints(db.DataSource).ReserveAndLoadAsync("bologna", 2019, 1000);
        Assert.Equal((4000L, (ActorWelfare.Storage.IndicatorCheckpoint?)null), (start.ReservedUpTo, start.Checkpoint));
    }

    [Fact]
    public async Task Applies_every_migration_once_and_a_second_run_changes_nothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var migrations = Migration.Embedded();
        Assert.Equal([1, 2, 3, 4], migrations.Take(4).Select(m => m.Version));

        Assert.Equal(migrations.Count, await Migrator(db).ApplyAsync(migrations));
        var appliedAt = await db.ScalarAsync<DateTime>("SELECT max(applied_at) FROM schema_version");

        Assert.Equal(0, await Migrator(db).ApplyAsync(migrations));
        Assert.Equal(migrations.Count, await db.ScalarAsync<int>("SELECT count(*) FROM schema_version"));
        Assert.Equal(appliedAt, await db.ScalarAsync<DateTime>("SELECT max(applied_at) FROM schema_version"));
    }

    [Fact]
    public async Task Provides_every_query_key_the_orleans_providers_require()
    {
        await using var db = await TestDatabase.CreateAsync();
        await Migrator(db).ApplyAsync(Migration.Embedded());

        var keys = new List<string>();
        await using (var command = db.DataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) keys.Add(reader.GetString(0));

        Assert.Empty(RequiredQueryKeys.Except(keys));
    }

    [Fact]
    public async Task Refuses_a_migration_that_was_edited_after_it_was_applied()
    {
        await using var db = await TestDatabase.CreateAsync();
        var original = Migration.FromFile("0001-first.sql", "CREATE TABLE first_table (id int);");
        await Migrator(db).ApplyAsync([original]);

        var edited = Migration.FromFile("0001-first.sql", "CREATE TABLE first_table (id bigint);");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Migrator(db).ApplyAsync([edited]));
        Assert.Contains("0001-first", error.Message);
    }

    [Fact]
    public async Task A_failing_migration_leaves_no_trace_and_later_ones_are_not_applied()
    {
        await using var db = await TestDatabase.CreateAsync();
        Migration[] migrations =
        [
            Migration.FromFile("0001-good.sql", "CREATE TABLE good_table (id int);"),
            Migration.FromFile("0002-bad.sql", "CREATE TABLE half_table (id int); SELECT no_such_function();"),
            Migration.FromFile("0003-later.sql", "CREATE TABLE later_table (id int);"),
        ];
        await Assert.ThrowsAsync<PostgresException>(() => Migrator(db).ApplyAsync(migrations));

        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM schema_version"));
        Assert.Null(await db.ScalarAsync<string>("SELECT to_regclass('half_table')::text"));
        Assert.Null(await db.ScalarAsync<string>("SELECT to_regclass('later_table')::text"));
    }

    [Fact]
    public async Task Silos_starting_together_apply_each_migration_once()
    {
        await using var db = await TestDatabase.CreateAsync();
        var migrations = Migration.Embedded();

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator(db).ApplyAsync(migrations))));

        Assert.Equal(migrations.Count, applied.Sum());
        Assert.Equal(migrations.Count, await db.ScalarAsync<int>("SELECT count(*) FROM schema_version"));
    }

    [Theory]
    [InlineData("1-short.sql")]
    [InlineData("0001_underscore.sql")]
    [InlineData("0001-Upper.sql")]
    public void Rejects_badly_named_migration_files(string fileName) =>
        Assert.Throws<FormatException>(() => Migration.FromFile(fileName, "SELECT 1"));
}
