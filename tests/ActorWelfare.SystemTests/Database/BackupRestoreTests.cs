using System.Net.Http.Json;
using ActorWelfare.Access;
using ActorWelfare.Indicators;
using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Years;
using Npgsql;
using Xunit;

namespace ActorWelfare.Tests.Database;

/// <summary>
/// The local installation's backup (deploy/scripts/backup.sh, docs/operations.md): a dump taken while everything runs,
/// restored into a fresh database, holds every activity, the audit, the accounts and tokens, and the snapshots with
/// their hashes; a silo started on it serves figures equal to verify.
/// </summary>
public sealed class BackupRestoreTests
{
    /// <summary>What each table holds, as one comparable line: its rows and a digest of their text.</summary>
    private static readonly string[] Tables =
        ["activity", "activity_audit", "\"AspNetUsers\"", "\"AspNetUserClaims\"", "\"AspNetUserRoles\"", "api_token", "snapshot", "admin_audit", "closed_year"];

    [Fact]
    public async Task A_backup_restored_into_a_fresh_database_holds_everything_and_its_figures_equal_verify()
    {
        await using var stack = await LiveStack.StartAsync("crema-2014");
        // Accounts (the demo people) and a token, and a snapshot of Crema 2014, as an analista takes it.
        await stack.IntegrationAsync();
        using var analista = await stack.SignedInClientAsync("analista.crema@actorwelfare.local");
        using var taken = await analista.PostAsJsonAsync("/api/v1/cities/crema/years/2014/snapshots", new { label = "provvisorio" });
        Assert.True(taken.IsSuccessStatusCode, await taken.Content.ReadAsStringAsync());
        var before = await FingerprintAsync(stack.Db.ConnectionString);
        Assert.All(before.Where(t => t.Key is "activity" or "activity_audit" or "\"AspNetUsers\"" or "api_token" or "snapshot"),
            t => Assert.False(t.Value.StartsWith("0 ", StringComparison.Ordinal), $"{t.Key} is empty: nothing would be tested"));

        var server = new NpgsqlConnectionStringBuilder(stack.Db.ConnectionString);
        var file = Path.Combine(Path.GetTempPath(), $"aw-backup-{Guid.NewGuid():N}.dump");
        var restoredName = stack.Db.Name + "_restored";
        var options = $"--host {server.Host} --port {server.Port} --user {server.Username}";
        try
        {
            await RunAsync($"deploy/scripts/backup.sh dump {file} --database {server.Database} {options}");
            await RunAsync($"deploy/scripts/backup.sh restore {file} {restoredName} {options}");
            await using var restored = TestDatabase.Existing(restoredName);
            // A second restore into the same name is refused: a restore never writes over a database.
            Assert.NotEqual(0, await RunAsync($"deploy/scripts/backup.sh restore {file} {restoredName} {options}", expectFailure: true));

            Assert.Equal(before, await FingerprintAsync(restored.ConnectionString));

            // A silo of its own cluster on the restored database: the live figures equal verify, the snapshot its hash.
            await using var silo = await SiloProcess.StartAsync(restored.ConnectionString, clusterId: "aw-restored");
            await using var client = await TestClient.ViaMembershipAsync(restored.ConnectionString, "aw-restored");
            var reader = Caller.InCity("analista.crema", "crema", [Roles.Analista]);
            var report = await Task.Run(async () => { CallerContext.HandDown(reader); return await client.Grains.GetGrain<IVerifyGrain>("crema/2014").Verify(); });
            Assert.True(report.Equal, string.Join("; ", report.Differences));
            Assert.True(report.Activities > 0);
            var year = client.Grains.GetGrain<IYearGrain>("crema/2014");
            var info = Assert.Single(await Task.Run(async () => { CallerContext.HandDown(reader); return await year.ListSnapshots(); }));
            var snapshot = (await Task.Run(async () => { CallerContext.HandDown(reader); return await year.GetSnapshot(info.Id); }))!;
            Assert.Equal(info.Sha256, ActorWelfare.Years.YearGrain.ContentHash(snapshot.Document, snapshot.Records, snapshot.Commentary));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<Dictionary<string, string>> FingerprintAsync(string connectionString)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        var result = new Dictionary<string, string>();
        foreach (var table in Tables)
        {
            await using var command = data.CreateCommand($"SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t");
            result[table] = (string)(await command.ExecuteScalarAsync())!;
        }
        return result;
    }

    private static async Task<int> RunAsync(string command, bool expectFailure = false)
    {
        var env = new Dictionary<string, string> { ["PGCONNECT_TIMEOUT"] = "10" };
        await using var process = ManagedProcess.StartCommand("backup.sh", "bash", ["-c", command], RepoPaths.Root, env);
        var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(3));
        if (!expectFailure) Assert.True(code == 0, $"{command}: exit {code}\n{process.Output()}");
        return code;
    }
}
