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
