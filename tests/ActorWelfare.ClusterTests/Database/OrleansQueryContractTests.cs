using System.Globalization;
using ActorWelfare.Silo.Database;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ActorWelfare.Tests.Database;

/// <summary>
/// Runs the stored Orleans queries the way the ADO.NET providers do (named parameters, result
/// columns read by name) and checks the semantics the providers rely on.
/// </summary>
public sealed class OrleansQueryContractTests : IAsyncLifetime
{
    private const int Active = 3, Dead = 6;
    // A database per test: the queries are checked on empty tables with the same deployment and service ids.
    private TestDatabase db = null!;

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        await new SchemaMigrator(db.DataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync(Migration.Embedded());
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    private async Task<List<Dictionary<string, object?>>> RunAsync(string key, params (string Name, object? Value)[] parameters)
    {
        var sql = await db.ScalarAsync<string>($"SELECT QueryText FROM OrleansQuery WHERE QueryKey = '{key}'")
            ?? throw new InvalidOperationException($"No query {key}");
        await using var command = db.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var rows = new List<Dictionary<string, object?>>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
        } while (await reader.NextResultAsync());
        return rows;
    }

    private static int Single(List<Dictionary<string, object?>> rows) => Convert.ToInt32(Assert.Single(rows).Values.First(), CultureInfo.InvariantCulture);

    private Task<List<Dictionary<string, object?>>> InsertSiloAsync(int port, int version, int status = Active, DateTime? alive = null) =>
        RunAsync("InsertMembershipKey", ("DeploymentId", "c1"), ("Address", "127.0.0.1"), ("Port", port), ("Generation", 7),
            ("SiloName", $"silo-{port}"), ("HostName", "host"), ("Status", status), ("ProxyPort", port + 1),
            ("StartTime", DateTime.UtcNow), ("IAmAliveTime", alive ?? DateTime.UtcNow), ("Version", version));

    [Fact]
    public async Task Membership_version_row_is_created_once_and_read_even_without_silos()
    {
        Assert.Equal(1, Single(await RunAsync("InsertMembershipVersionKey", ("DeploymentId", "c1"))));
        Assert.Equal(0, Single(await RunAsync("InsertMembershipVersionKey", ("DeploymentId", "c1"))));

        var all = Assert.Single(await RunAsync("MembershipReadAllKey", ("DeploymentId", "c1")));
        Assert.Null(all["StartTime"]);
        Assert.Equal(0, all["Version"]);
    }

    [Fact]
    public async Task Membership_writes_with_a_stale_version_change_nothing()
    {
        await RunAsync("InsertMembershipVersionKey", ("DeploymentId", "c1"));
        Assert.Equal(1, Single(await InsertSiloAsync(11111, version: 0)));
        Assert.Equal(0, Single(await InsertSiloAsync(11112, version: 0))); // stale: table is at version 1

        var rows = await RunAsync("MembershipReadAllKey", ("DeploymentId", "c1"));
        var row = Assert.Single(rows);
        Assert.Equal(11111, row["Port"]);
        Assert.Equal(1, row["Version"]);

        (string, object?)[] update(int version) =>
        [
            ("DeploymentId", "c1"), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", 7),
            ("Status", Dead), ("SuspectTimes", null), ("IAmAliveTime", DateTime.UtcNow), ("Version", version),
        ];
        Assert.Equal(0, Single(await RunAsync("UpdateMembershipKey", update(0))));
        Assert.Equal(Active, (await RunAsync("MembershipReadAllKey", ("DeploymentId", "c1")))[0]["Status"]);
        Assert.Equal(1, Single(await RunAsync("UpdateMembershipKey", update(1))));
        var after = Assert.Single(await RunAsync("MembershipReadRowKey", ("DeploymentId", "c1"), ("Address", "127.0.0.1"), ("Port", 11111), ("Generation", 7)));
        Assert.Equal(Dead, after["Status"]);
        Assert.Equal(2, after["Version"]);
    }

    [Fact]
    public async Task Gateways_and_defunct_silo_cleanup_follow_silo_status_and_heartbeat()
    {
        await RunAsync("InsertMembershipVersionKey", ("DeploymentId", "c1"));
        var old = DateTime.UtcNow.AddHours(-2);
        await InsertSiloAsync(11111, 0, Active);
        await InsertSiloAsync(11113, 1, Dead, alive: old);
        await InsertSiloAsync(11115, 2, Dead);

        var gateways = await RunAsync("GatewaysQueryKey", ("DeploymentId", "c1"), ("Status", Active));
        Assert.Equal(11112, Assert.Single(gateways)["ProxyPort"]);

        await RunAsync("CleanupDefunctSiloEntriesKey", ("DeploymentId", "c1"), ("IAmAliveTime", DateTime.UtcNow.AddHours(-1)));
        var ports = (await RunAsync("MembershipReadAllKey", ("DeploymentId", "c1"))).Select(r => r["Port"]).Order();
        Assert.Equal([11111, 11115], ports.Cast<int>());
    }

    private (string, object?)[] GrainKey(int? version, byte[]? payload = null, string? ext = null) =>
    [
        ("ServiceId", "svc"), ("GrainIdHash", 42), ("GrainIdN0", 1L), ("GrainIdN1", 2L), ("GrainTypeHash", 9),
        ("GrainTypeString", "quartiere"), ("GrainIdExtensionString", ext), ("GrainStateVersion", version),
        ("PayloadBinary", payload),
    ];

    [Fact]
    public async Task Grain_state_versions_grow_and_a_stale_write_is_reported_as_a_conflict()
    {
        Assert.Equal(1, Single(await RunAsync("WriteToStorageKey", GrainKey(null, [1]))));
        Assert.Equal(2, Single(await RunAsync("WriteToStorageKey", GrainKey(1, [2]))));
        // Stale version: the old version comes back, which the provider reports as inconsistent state.
        Assert.Equal(1, Single(await RunAsync("WriteToStorageKey", GrainKey(1, [3]))));
        // "Never stored" while a row exists: no version comes back.
        Assert.Null(Assert.Single(await RunAsync("WriteToStorageKey", GrainKey(null, [4])))["NewGrainStateVersion"]);

        var read = Assert.Single(await RunAsync("ReadFromStorageKey", GrainKey(null)[..7]));
        Assert.Equal(new byte[] { 2 }, read["PayloadBinary"]);
        Assert.Equal(2, read["Version"]);

        // The string key extension tells grains apart.
        Assert.Empty(await RunAsync("ReadFromStorageKey", GrainKey(null, ext: "other")[..7]));
    }

    [Fact]
    public async Task Clearing_and_deleting_grain_state_check_the_version()
    {
        await RunAsync("WriteToStorageKey", GrainKey(null, [1]));
        Assert.Empty(await RunAsync("ClearStorageKey", GrainKey(5)[..8]));
        Assert.Equal(2, Single(await RunAsync("ClearStorageKey", GrainKey(1)[..8])));
        Assert.Null(Assert.Single(await RunAsync("ReadFromStorageKey", GrainKey(null)[..7]))["PayloadBinary"]);

        Assert.Equal(3, Single(await RunAsync("DeleteStorageKey", GrainKey(2)[..8])));
        Assert.Empty(await RunAsync("ReadFromStorageKey", GrainKey(null)[..7]));
    }

    private (string, object?)[] Reminder(string grain, string name, int hash) =>
    [
        ("ServiceId", "svc"), ("GrainId", grain), ("ReminderName", name), ("StartTime", DateTime.UtcNow),
        ("Period", 60_000L), ("GrainHash", hash),
    ];

    [Fact]
    public async Task Reminders_upsert_read_by_ring_range_and_delete_by_version()
    {
        Assert.Equal(0, Single(await RunAsync("UpsertReminderRowKey", Reminder("g1", "r", -100))));
        Assert.Equal(1, Single(await RunAsync("UpsertReminderRowKey", Reminder("g1", "r", -100))));
        await RunAsync("UpsertReminderRowKey", Reminder("g2", "r", 500));
        await RunAsync("UpsertReminderRowKey", Reminder("g3", "r", 2_000_000_000));

        var one = Assert.Single(await RunAsync("ReadReminderRowKey", ("ServiceId", "svc"), ("GrainId", "g1"), ("ReminderName", "r")));
        Assert.Equal(60_000L, one["Period"]);
        Assert.Single(await RunAsync("ReadReminderRowsKey", ("ServiceId", "svc"), ("GrainId", "g2")));

        var inside = await RunAsync("ReadRangeRows1Key", ("ServiceId", "svc"), ("BeginHash", 0), ("EndHash", 1000));
        Assert.Equal(["g2"], inside.Select(r => (string)r["GrainId"]!));
        var wrapped = await RunAsync("ReadRangeRows2Key", ("ServiceId", "svc"), ("BeginHash", 1000), ("EndHash", 0));
        Assert.Equal(["g1", "g3"], wrapped.Select(r => (string)r["GrainId"]!).Order());

        var delete = (int version) => RunAsync("DeleteReminderRowKey", ("ServiceId", "svc"), ("GrainId", "g1"), ("ReminderName", "r"), ("Version", version));
        Assert.Equal(0, Single(await delete(0)));
        Assert.Equal(1, Single(await delete(1)));

        await RunAsync("DeleteReminderRowsKey", ("ServiceId", "svc"));
        Assert.Equal(0, await db.ScalarAsync<int>("SELECT count(*) FROM orleans_reminder"));
    }
}
