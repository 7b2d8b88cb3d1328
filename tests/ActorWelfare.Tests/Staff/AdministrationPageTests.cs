using System.Net;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

/// <summary>The administrators' page: people with roles and quartieri, and tokens for integrations.</summary>
public sealed class AdministrationPageTests(StaffFixture fixture) : IClassFixture<StaffFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };
    private LiveStack Stack => fixture.Stack;

    private async Task<IPage> AdminPageAsync()
    {
        var page = await fixture.Browser.OpenAsync(Stack.Url("/amministrazione"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, "amministratore@actorwelfare.local");
        await Browser.WaitInteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task An_administrator_adds_an_operatore_for_a_quartiere_who_then_sees_it_as_their_own()
    {
        var page = await AdminPageAsync();
        await page.GetByTestId("user-new").ClickAsync();
        await page.FillAsync("#u-email", "operatore.savena@actorwelfare.local");
        await page.FillAsync("#u-password", "corta");
        await page.ClickAsync("label[for=u-role-operatore]");
        await page.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-error").Filter(new() { HasText = "password:" }).First).ToBeVisibleAsync(Soon);

        await page.FillAsync("#u-password", "Savena-operatore-2026");
        await page.ClickAsync("label[for=u-q-bologna-savena]");
        await page.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-done")).ToBeVisibleAsync(Soon);
        await Assertions.Expect(page.Locator("[data-testid=users] tr[data-email='operatore.savena@actorwelfare.local']")).ToContainTextAsync("bologna/savena");

        var staff = await fixture.Browser.OpenAsync(Stack.Url("/mio-quartiere"));
        await Browser.SignInAsync(staff, Stack.Dashboard.BaseUrl, "operatore.savena@actorwelfare.local", "Savena-operatore-2026");
        await Assertions.Expect(staff.Locator("h1")).ToContainTextAsync("Savena", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task A_token_issued_on_the_page_works_until_it_is_revoked_there()
    {
        var page = await AdminPageAsync();
        await page.FillAsync("#t-name", "gestionale Porto");
        await page.SelectOptionAsync("#t-role", "direttore");
        await page.GetByTestId("token-issue").ClickAsync();
        await Assertions.Expect(page.GetByTestId("token-issued")).ToBeVisibleAsync(Soon);
        var secret = (await page.GetByTestId("token-secret").TextContentAsync())!.Trim();

        using var http = Stack.WithToken(secret);
        using (var ok = await http.GetAsync("/api/v1/cities/bologna/activities")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        await page.Locator("[data-testid=tokens] tr[data-token='gestionale Porto'] [data-testid=token-revoke]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=tokens] tr[data-token='gestionale Porto']")).ToContainTextAsync("revocato", new() { Timeout = 15_000 });
        using var refused = await http.GetAsync("/api/v1/cities/bologna/activities");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
