using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Access;

/// <summary>
/// What the dashboard does at start with rights stored before roles belonged to cities, and with rights in a
/// city that no longer has a territory file. No silo is needed: the account tables are the migrations'.
/// </summary>
public sealed class CityRightsAtStartTests
{
    [Fact]
    public async Task Old_accounts_get_the_installations_city_once_and_rights_in_a_missing_city_are_reported_account_by_account()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        await using (var first = DashboardProcess.Start(db.ConnectionString))
        {
            await first.Process.WaitForOutputAsync("Demo accounts ready", TimeSpan.FromSeconds(90));
            await first.Process.StopAsync();
        }

        // An analista from before cities (a role, no grant); a Crema direttore who also held Milano; a token of Milano.
        await ExecuteAsync(db, """
            DELETE FROM "AspNetUserClaims" WHERE "ClaimType" = 'aw:grant'
                AND "UserId" = (SELECT "Id" FROM "AspNetUsers" WHERE "Email" = 'analista@actorwelfare.local');
            INSERT INTO "AspNetUserClaims" ("UserId", "ClaimType", "ClaimValue")
                SELECT "Id", 'aw:grant', 'milano/direttore' FROM "AspNetUsers" WHERE "Email" = 'direttore.crema@actorwelfare.local';
            INSERT INTO api_token (id, name, prefix, secret_sha256, role, issued_by, expires_at, cities)
                VALUES (gen_random_uuid(), 'Export Milano', 'awt_x', 'not-a-real-hash', 'analista', 'test', now() + interval '30 days', '{milano}');
            """);

        await using var second = DashboardProcess.Start(db.ConnectionString, extra: new Dictionary<string, string>
        {
            ["Access__DemoUsers"] = "false",
            ["Dashboard__City"] = "bologna",
        });
        var account = await second.Process.WaitForOutputAsync("Account direttore.crema@actorwelfare.local holds", TimeSpan.FromSeconds(90));
        Assert.Contains("milano/direttore", account);
        Assert.DoesNotContain("crema/direttore", account); // its Crema right is fine
        Assert.Contains("field grants/quartieri", account);
        var token = await second.Process.WaitForOutputAsync("API token 'Export Milano' holds", TimeSpan.FromSeconds(30));
        Assert.Contains("milano", token);
        Assert.Contains("not configured", token);
        await second.Process.WaitForOutputAsync("analista@actorwelfare.local was given bologna/analista", TimeSpan.FromSeconds(30));
        // Only those: every other account holds rights in cities that exist.
        Assert.DoesNotContain(second.Process.Output(400).Split('\n'), l => l.Contains(" holds ") && !l.Contains("direttore.crema@") && !l.Contains("Export Milano"));

        Assert.Equal(["bologna/analista"], await ValuesAsync(db,
            """SELECT "ClaimValue" FROM "AspNetUserClaims" c JOIN "AspNetUsers" u ON u."Id" = c."UserId" WHERE u."Email" = 'analista@actorwelfare.local' AND "ClaimType" = 'aw:grant'"""));
        Assert.Equal(["bologna/analista"], await ValuesAsync(db, "SELECT after FROM admin_audit WHERE action = 'rights-given-cities' AND target = 'analista@actorwelfare.local'"));
        // The right in the missing city is reported, not removed: an amministratore decides.
        Assert.Equal(["crema/direttore", "milano/direttore"], await ValuesAsync(db,
            """SELECT "ClaimValue" FROM "AspNetUserClaims" c JOIN "AspNetUsers" u ON u."Id" = c."UserId" WHERE u."Email" = 'direttore.crema@actorwelfare.local' AND "ClaimType" = 'aw:grant' ORDER BY 1"""));
    }

    private static async Task ExecuteAsync(TestDatabase db, string sql)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> ValuesAsync(TestDatabase db, string sql)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
