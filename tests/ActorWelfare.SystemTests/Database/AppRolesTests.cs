using System.Net.Http.Json;
using ActorWelfare.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ActorWelfare.Tests.Database;

/// <summary>
/// Each app can run with a login of its own (migration 0015): the silo's cannot read people, token hashes
/// or the dashboards' keys; the dashboard's cannot read the cluster's secret or the grains' state; and
/// with those logins the whole system still works.
/// </summary>
public sealed class AppRolesTests
{
    private static readonly string[] SiloMayNotRead = ["\"AspNetUsers\"", "\"AspNetUserClaims\"", "api_token", "\"DataProtectionKeys\"", "admin_audit"];
    private static readonly string[] DashboardMayNotRead = ["cluster_secret", "orleans_grain_state", "activity", "snapshot", "orleans_reminder"];

    [Fact]
    public async Task The_silos_and_the_dashboards_logins_reach_only_their_own_tables_and_every_table_is_granted()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        await using var logins = await Logins.CreateAsync(db);

        await using (var silo = new NpgsqlConnection(logins.Silo))
        {
            await silo.OpenAsync();
            foreach (var table in SiloMayNotRead) await AssertRefusedAsync(silo, $"SELECT count(*) FROM {table}");
            await AssertAllowedAsync(silo, "SELECT count(*) FROM activity");
            await AssertAllowedAsync(silo, "INSERT INTO admin_audit (actor_id, actor_name, action, target) VALUES ('system', 'ActorWelfare', 'year-closed', '2019')");
        }
        await using (var dashboard = new NpgsqlConnection(logins.Dashboard))
        {
            await dashboard.OpenAsync();
            foreach (var table in DashboardMayNotRead) await AssertRefusedAsync(dashboard, $"SELECT count(*) FROM {table}");
            await AssertAllowedAsync(dashboard, "SELECT count(*) FROM \"AspNetUsers\"");
            await AssertAllowedAsync(dashboard, "SELECT count(*) FROM activity_audit");
            await AssertRefusedAsync(dashboard, "UPDATE activity_audit SET actor_name = 'x'");
        }

        // A later migration that adds a table must grant it to one of the apps.
        var ungranted = new List<string>();
        await using (var command = db.DataSource.CreateCommand(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' " +
            "AND c.relname <> 'schema_version' AND NOT has_table_privilege('actorwelfare_silo', c.oid, 'SELECT, INSERT') " +
            "AND NOT has_table_privilege('actorwelfare_dashboard', c.oid, 'SELECT, INSERT')"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) ungranted.Add(reader.GetString(0));
        Assert.Empty(ungranted);
    }

    [Fact]
    public async Task A_silo_and_a_dashboard_with_their_own_logins_serve_sign_in_and_staff_changes_and_the_key_ring_is_encrypted()
    {
        var folder = Directory.CreateTempSubdirectory("aw-dp-").FullName;
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=ActorWelfare key ring", rsa,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllText(Path.Combine(folder, "dp.crt"), certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(folder, "dp.key"), rsa.ExportPkcs8PrivateKeyPem());
        }
        await using var db = await TestDatabase.CreateAsync();
        // A silo that may not migrate refuses an out-of-date database, saying what to run.
        await using (var early = ManagedProcess.Start("silo:early", RepoPaths.SiloDll, new Dictionary<string, string>
        {
            ["ConnectionStrings__ActorWelfare"] = db.ConnectionString, ["Silo__Migrate"] = "false", ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
        }))
        {
            Assert.NotEqual(0, await early.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("--migrate", early.Output());
        }
        // The one-shot migration, as the tables' owner; then the silo runs with its own login only.
        await using (var migrate = ManagedProcess.StartCommand("migrate", "dotnet", [RepoPaths.SiloDll, "--migrate"], Path.GetDirectoryName(RepoPaths.SiloDll)!,
            new Dictionary<string, string> { ["ConnectionStrings__ActorWelfareOwner"] = db.ConnectionString }))
            Assert.Equal(0, await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await using var logins = await Logins.CreateAsync(db);
        await using var silo = await SiloProcess.StartAsync(logins.Silo, extra: new Dictionary<string, string> { ["Silo__Migrate"] = "false" });
        await using var dashboard = DashboardProcess.Start(logins.Dashboard, extra: new Dictionary<string, string>
        {
            ["DataProtection__Certificate"] = Path.Combine(folder, "dp.crt"), ["DataProtection__Key"] = Path.Combine(folder, "dp.key"),
        });
        await dashboard.WaitUntilHealthyAsync();

        using var operatore = await LiveStack.SignInAsync(dashboard, "operatore.navile@actorwelfare.local");
        using var registered = await operatore.PostAsJsonAsync("/api/v1/cities/bologna/activities/tavolo/tavolo-ruoli/commands",
            new { expectedVersion = 0, command = LiveStack.Tavolo("navile", 2019, "Tavolo dei ruoli") });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        using var admin = await LiveStack.SignInAsync(dashboard, "amministratore@actorwelfare.local");
        var audit = await admin.GetStringAsync("/api/v1/admin/audit?city=bologna");
        Assert.Contains("tavolo-ruoli", audit);
        using var closed = await (await LiveStack.SignInAsync(dashboard, "analista@actorwelfare.local")).PostAsync("/api/v1/cities/bologna/years/2011/close", null);
        Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());
        Assert.Contains("year-closed", await admin.GetStringAsync("/api/v1/admin/acts"));

        // The key that signs the cookies is stored encrypted with the certificate, never in clear.
        await using var keys = db.DataSource.CreateCommand("SELECT string_agg(\"Xml\", '') FROM \"DataProtectionKeys\"");
        var xml = (string)(await keys.ExecuteScalarAsync())!;
        Assert.Contains("EncryptedData", xml);
        Assert.DoesNotContain("<masterKey", xml);
        Directory.Delete(folder, recursive: true);
    }

    private static async Task AssertRefusedAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    private static async Task AssertAllowedAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A login in each app's group, for this test only (roles belong to the server: dropped after).</summary>
    private sealed class Logins : IAsyncDisposable
    {
        private readonly TestDatabase db;
        private readonly string siloRole, dashboardRole;

        private Logins(TestDatabase db, string suffix)
        {
            this.db = db;
            (siloRole, dashboardRole) = ($"aw_silo_{suffix}", $"aw_dashboard_{suffix}");
            Silo = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Username = siloRole }.ConnectionString;
            Dashboard = new NpgsqlConnectionStringBuilder(db.ConnectionString) { Username = dashboardRole }.ConnectionString;
        }

        public string Silo { get; }
        public string Dashboard { get; }

        public static async Task<Logins> CreateAsync(TestDatabase db)
        {
            var logins = new Logins(db, Guid.NewGuid().ToString("N")[..8]);
            await using var command = db.DataSource.CreateCommand(
                $"CREATE ROLE {logins.siloRole} LOGIN IN ROLE actorwelfare_silo; CREATE ROLE {logins.dashboardRole} LOGIN IN ROLE actorwelfare_dashboard");
            await command.ExecuteNonQueryAsync();
            return logins;
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var command = db.DataSource.CreateCommand($"DROP ROLE IF EXISTS {siloRole}; DROP ROLE IF EXISTS {dashboardRole}");
            await command.ExecuteNonQueryAsync();
        }
    }
}
