using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace ActorWelfare.Tests.Access;

public sealed class AccessStackFixture() : StackFixture(null);

/// <summary>API tokens: issued and revoked by administrators, refused when bad, and the same rule as for people.</summary>
public sealed class ApiTokenTests(AccessStackFixture fixture) : IClassFixture<AccessStackFixture>
{
    private LiveStack Stack => fixture.Stack;

    private static object Gruppo(string quartiere) => new
    {
        type = "register",
        profile = new { name = "Gruppo del token", quartieri = new[] { quartiere }, zones = Array.Empty<string>(), startYear = 2025, status = "attivo" },
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task<HttpStatusCode> StatusOfRecordAsync(string id)
    {
        using var reader = await Stack.SignedInClientAsync("direttore.crema@actorwelfare.local");
        using var response = await reader.GetAsync($"/api/v1/cities/crema/activities/gruppo/{id}");
        return response.StatusCode;
    }

    [Fact]
    public async Task An_operatore_token_writes_its_quartieri_only_and_is_refused_once_revoked()
    {
        using var admin = await Stack.SignedInClientAsync("amministratore@actorwelfare.local");
        using var issue = await admin.PostAsJsonAsync("/api/v1/admin/tokens",
            new { name = "gestionale zona 1", role = "operatore", quartieri = new[] { "crema/zona-1" }, days = 30 });
        Assert.Equal(HttpStatusCode.Created, issue.StatusCode);
        var issued = await Json(issue);
        var secret = issued.GetProperty("secret").GetString()!;
        Assert.StartsWith("awt_", secret);
        using var http = Stack.WithToken(secret);

        using (var own = await http.PostAsJsonAsync("/api/v1/cities/crema/activities/gruppo/g-token-own/commands", new { expectedVersion = 0, command = Gruppo("zona-1") }))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal("token:" + issued.GetProperty("token").GetProperty("id").GetString(),
                (await Json(own)).GetProperty("record").GetProperty("updatedBy").GetString());
        }
        using (var other = await http.PostAsJsonAsync("/api/v1/cities/crema/activities/gruppo/g-token-other/commands", new { expectedVersion = 0, command = Gruppo("zona-2") }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            Assert.Equal("assigned", (await Json(other)).GetProperty("errors")[0].GetProperty("rule").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfRecordAsync("g-token-other"));

        // The audit names the integration.
        using (var history = await http.GetAsync("/api/v1/cities/crema/activities/gruppo/g-token-own/history"))
            Assert.Contains("gestionale zona 1", await history.Content.ReadAsStringAsync());

        var id = issued.GetProperty("token").GetProperty("id").GetString();
        using (var revoke = await admin.DeleteAsync($"/api/v1/admin/tokens/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using (var again = await admin.DeleteAsync($"/api/v1/admin/tokens/{id}"))
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        using var refused = await http.PostAsJsonAsync("/api/v1/cities/crema/activities/gruppo/g-token-own/commands",
            new { expectedVersion = 1, command = new { type = "recordMeeting", year = 2025 } });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("revoked", (await Json(refused)).GetProperty("rule").GetString());
        using var record = await (await Stack.SignedInClientAsync("direttore.crema@actorwelfare.local")).GetAsync("/api/v1/cities/crema/activities/gruppo/g-token-own");
        Assert.Equal(1, (await Json(record)).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Expired_and_unknown_tokens_get_401_naming_the_reason_even_where_no_sign_in_is_needed()
    {
        using var admin = await Stack.SignedInClientAsync("amministratore@actorwelfare.local");
        var secret = await LiveStack.IssueTokenAsync(admin, "scaduto", "direttore", []);
        await using (var db = NpgsqlDataSource.Create(Stack.Db.ConnectionString))
        await using (var expire = db.CreateCommand("UPDATE api_token SET issued_at = now() - interval '2 days', expires_at = now() - interval '1 day' WHERE name = 'scaduto'"))
            Assert.Equal(1, await expire.ExecuteNonQueryAsync());

        using var expired = Stack.WithToken(secret);
        using var unknown = Stack.WithToken("awt_" + new string('x', 43));
        foreach (var (client, rule) in new[] { (expired, "expired"), (unknown, "unknown") })
        {
            foreach (var path in new[] { "/api/v1/cities/crema/activities", "/api/v1/cities/crema/years/2025/indicators" })
            {
                using var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
                var problem = await Json(response);
                Assert.Equal("Authorization", problem.GetProperty("field").GetString());
                Assert.Equal(rule, problem.GetProperty("rule").GetString());
            }
            using var write = await client.PostAsJsonAsync("/api/v1/cities/crema/activities/gruppo/g-bad-token/commands", new { expectedVersion = 0, command = Gruppo("zona-3") });
            Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfRecordAsync("g-bad-token"));
    }

    [Fact]
    public async Task Only_administrators_issue_tokens_and_a_bad_request_names_the_field_and_the_rule()
    {
        using (var anonymous = await Stack.Http.PostAsJsonAsync("/api/v1/admin/tokens", new { name = "x", role = "direttore", days = 1 }))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        foreach (var person in new[] { "direttore@actorwelfare.local", "operatore.navile@actorwelfare.local", "analista@actorwelfare.local" })
        {
            using var client = await Stack.SignedInClientAsync(person);
            using var response = await client.PostAsJsonAsync("/api/v1/admin/tokens", new { name = "x", role = "direttore", days = 1 });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using var admin = await Stack.SignedInClientAsync("amministratore@actorwelfare.local");
        // A token cannot administer, even when an administrator's token asks.
        using var reader = Stack.WithToken(await LiveStack.IssueTokenAsync(admin, "lettore", "direttore", []));
        using (var byToken = await reader.GetAsync("/api/v1/admin/tokens")) Assert.Equal(HttpStatusCode.Forbidden, byToken.StatusCode);

        var cases = new (object Body, string Field, string Rule)[]
        {
            (new { name = "x", role = "amministratore", days = 1 }, "role", "token-role"),
            (new { name = "", role = "direttore", days = 1, cities = new[] { "bologna" } }, "name", "length"),
            (new { name = "x", role = "direttore", days = 0, cities = new[] { "bologna" } }, "days", "range"),
            (new { name = "x", role = "direttore", days = 100000, cities = new[] { "bologna" } }, "days", "range"),
            (new { name = "x", role = "direttore", days = 1 }, "cities", "required-for-role"),
            (new { name = "x", role = "direttore", days = 1, cities = new[] { "bologna" }, quartieri = new[] { "bologna/navile" } }, "quartieri", "operatore-only"),
            (new { name = "x", role = "analista", days = 1, cities = new[] { "atlantide" } }, "cities", "configured"),
            (new { name = "x", role = "operatore", quartieri = Array.Empty<string>(), days = 1 }, "quartieri", "required-for-operatore"),
            (new { name = "x", role = "operatore", quartieri = new[] { "crema/atlantide" }, days = 1 }, "quartieri", "configured"),
        };
        var before = (await Json(await admin.GetAsync("/api/v1/admin/tokens"))).GetArrayLength();
        foreach (var (body, field, rule) in cases)
        {
            using var response = await admin.PostAsJsonAsync("/api/v1/admin/tokens", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await Json(response);
            Assert.Equal(field, problem.GetProperty("field").GetString());
            Assert.Equal(rule, problem.GetProperty("rule").GetString());
        }
        Assert.Equal(before, (await Json(await admin.GetAsync("/api/v1/admin/tokens"))).GetArrayLength());
    }

    [Fact]
    public async Task A_token_reads_only_the_cities_it_was_issued_for()
    {
        var admin = await Stack.PersonAsync("amministratore@actorwelfare.local");
        using var crema = Stack.WithToken(await LiveStack.IssueTokenAsync(admin, "lettore di Crema", "direttore", [], cities: ["crema"]));
        using (var own = await crema.GetAsync("/api/v1/cities/crema/activities")) Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var other = await crema.GetAsync("/api/v1/cities/bologna/activities");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(("city", "role-in-city"), ((await Json(other)).GetProperty("field").GetString(), (await Json(other)).GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task Activity_records_and_commands_need_credentials()
    {
        foreach (var path in new[] { "/api/v1/cities/crema/activities", "/api/v1/cities/crema/activities/gruppo/g-any", "/api/v1/cities/crema/organisations" })
        {
            using var response = await Stack.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using var write = await Stack.Http.PostAsJsonAsync("/api/v1/cities/crema/activities/gruppo/g-anonymous/commands", new { expectedVersion = 0, command = Gruppo("zona-1") });
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfRecordAsync("g-anonymous"));
    }

    [Fact]
    public async Task Administrators_export_the_audit_log_with_who_when_and_what()
    {
        await Stack.CommandAsync("crema", "gruppo", "g-audit", 0, new
        {
            type = "register",
            profile = new { name = "Gruppo verificato", quartieri = new[] { "zona-5" }, zones = Array.Empty<string>(), startYear = 2025, status = "attivo" },
        });
        using var director = await Stack.SignedInClientAsync("direttore@actorwelfare.local");
        using (var refused = await director.GetAsync("/api/v1/admin/audit")) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var admin = await Stack.SignedInClientAsync("amministratore@actorwelfare.local");
        using var csv = await admin.GetAsync("/api/v1/admin/audit?city=crema");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("seq,city,kind,id,version,at,actor_id,actor_name,command,change", lines[0]);
        var row = Assert.Single(lines, l => l.Contains("\"g-audit\""));
        Assert.Contains("\"test integration (token awt_", row);
        Assert.Contains("\"RegisterActivity\"", row);
        Assert.DoesNotContain(lines, l => l.Contains("\"bologna\""));

        var json = await Json(await admin.GetAsync("/api/v1/admin/audit?city=crema&format=json"));
        Assert.Contains(json.EnumerateArray(), e => e.GetProperty("id").GetString() == "g-audit" && e.GetProperty("version").GetInt64() == 1);
        using var bad = await admin.GetAsync("/api/v1/admin/audit?from=ieri");
        Assert.Equal("from", (await Json(bad)).GetProperty("field").GetString());
        // The file's name is made of validated values only: a city that is not one of ours is refused, naming it.
        using var forged = await admin.GetAsync("/api/v1/admin/audit?city=" + Uri.EscapeDataString("crema\"\r\nX-Evil: 1"));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal("city", (await Json(forged)).GetProperty("field").GetString());
        Assert.False(forged.Headers.Contains("X-Evil"));
    }
}
