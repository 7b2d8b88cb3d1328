using System.Net;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Access;

public sealed class OidcFixture() : BrowserStackFixture(null);

/// <summary>OpenID Connect replaces local accounts by configuration: people sign in at the provider, which gives their rights.</summary>
public sealed class OpenIdConnectTests(OidcFixture fixture) : IClassFixture<OidcFixture>
{
    [Fact]
    public async Task A_person_signs_in_at_the_identity_provider_with_the_role_and_quartieri_it_gives_and_passwords_are_off()
    {
        await fixture.Stack.PersonAsync("direttore@actorwelfare.local"); // demo accounts made before a second host starts
        await using var idp = await FakeIdentityProvider.StartAsync();
        idp.Person = ("idp-0042", "m.rossi@comune.example", ["operatore"], ["bologna/savena"]);
        await using var dashboard = DashboardProcess.Start(fixture.Stack.Db.ConnectionString, extra: new Dictionary<string, string>
        {
            ["Access__DemoUsers"] = "false",
            ["Access__LocalAccounts"] = "false",
            ["Access__OpenIdConnect__Authority"] = idp.Authority,
            ["Access__OpenIdConnect__ClientId"] = "actorwelfare",
            ["Access__OpenIdConnect__ClientSecret"] = "segreto-di-prova",
            ["Access__OpenIdConnect__DisplayName"] = "IdP di prova",
        });
        await dashboard.WaitUntilHealthyAsync();

        var page = await fixture.Browser.OpenAsync(dashboard.BaseUrl + "/mio-quartiere");
        Assert.Contains("/accesso", page.Url);
        Assert.Equal(0, await page.GetByTestId("sign-in-form").CountAsync());
        await page.GetByTestId("sign-in-oidc").ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith("/mio-quartiere", StringComparison.Ordinal), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Savena", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("m.rossi@comune.example");

        // A password sign-in is refused: local accounts are off.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(dashboard.BaseUrl) };
        var form = await http.GetStringAsync("/accesso");
        Assert.DoesNotContain("name=\"password\"", form);

        // The provider is the source of truth: next time it says direttore, the person is a director.
        idp.Person = idp.Person with { Roles = ["bologna/direttore"], Quartieri = [] };
        var again = await fixture.Browser.OpenAsync(dashboard.BaseUrl + "/accesso");
        await again.GetByTestId("sign-in-oidc").ClickAsync();
        await again.WaitForURLAsync(u => !u.Contains("/accesso") && !u.Contains("/account/"), new() { Timeout = 15_000 });
        await again.GotoAsync(dashboard.BaseUrl + "/mio-quartiere");
        await Assertions.Expect(again.GetByTestId("no-quartiere")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        // A third sign-in with the same rights changes nothing, whatever the provider says of cities this installation
        // does not have (a provider shared by several); each change was an administrative act, as the person's.
        idp.Person = idp.Person with { Roles = ["bologna/direttore", "milano/analista"], Quartieri = ["milano/centro"] };
        var third = await fixture.Browser.OpenAsync(dashboard.BaseUrl + "/accesso");
        await third.GetByTestId("sign-in-oidc").ClickAsync();
        await third.WaitForURLAsync(u => !u.Contains("/accesso") && !u.Contains("/account/"), new() { Timeout = 15_000 });
        var acts = new List<(string, string, string?, string?)>();
        await using (var db = new Npgsql.NpgsqlConnection(fixture.Stack.Db.ConnectionString))
        {
            await db.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT action, actor_name, before, after FROM admin_audit WHERE target = 'm.rossi@comune.example' ORDER BY seq", db);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) acts.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
        }
        Assert.Equal(
        [
            ("account-created", "m.rossi@comune.example", null, "identity provider"),
            ("sign-in-rights-changed", "m.rossi@comune.example", "", "bologna/savena"),
            ("sign-in-rights-changed", "m.rossi@comune.example", "bologna/savena", "bologna/direttore"),
        ], acts);

        // Roles belong to cities: a role claim without its city gives nothing, nor does one of a city not here; the sign-in is refused.
        foreach (var roles in new[] { new[] { "direttore" }, ["milano/analista"] })
        {
            idp.Person = idp.Person with { Roles = roles, Quartieri = [] };
            var bare = await fixture.Browser.OpenAsync(dashboard.BaseUrl + "/accesso");
            await bare.GetByTestId("sign-in-oidc").ClickAsync();
            await bare.WaitForURLAsync(u => u.Contains("errore=ruolo"), new() { Timeout = 15_000 });
        }
    }
}
