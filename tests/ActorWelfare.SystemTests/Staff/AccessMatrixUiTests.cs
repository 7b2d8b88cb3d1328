using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

/// <summary>
/// The access rule in the browser: each role × own or other quartiere. Only an operatore sees the
/// controls for their own quartiere's activities; every other person reaching the edit page by its
/// address is refused there, and the activity stays as it was.
/// </summary>
public sealed class AccessMatrixUiTests(StaffFixture fixture) : IClassFixture<StaffFixture>
{
    private static readonly int Year = DateTime.UtcNow.Year;
    private LiveStack Stack => fixture.Stack;

    public static TheoryData<string, string> Matrix() => new()
    {
        { "operatore.navile", "navile" }, { "operatore.navile", "savena" },
        { "direttore", "navile" }, { "direttore", "savena" },
        { "analista", "navile" }, { "analista", "savena" },
        { "amministratore", "navile" }, { "amministratore", "savena" },
    };

    private async Task<long> VersionAsync(string id)
    {
        var reader = await Stack.PersonAsync("direttore@actorwelfare.local");
        var record = JsonDocument.Parse(await reader.GetStringAsync($"/api/v1/cities/bologna/activities/gruppo/{id}")).RootElement;
        return record.GetProperty("version").GetInt64();
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_an_operatore_gets_the_controls_and_the_forms_for_their_own_quartiere(string person, string where)
    {
        var id = $"ui-{person.Replace('.', '-')}-{where}";
        await Stack.CommandAsync("bologna", "gruppo", id, 0, new
        {
            type = "register",
            profile = new { name = $"Gruppo {where}", quartieri = new[] { where }, zones = Array.Empty<string>(), startYear = Year - 1, status = "attivo" },
        });
        var allowed = person == "operatore.navile" && where == "navile";

        var page = await fixture.Browser.OpenAsync(Stack.Url("/accesso"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, $"{person}@actorwelfare.local");
        await page.GotoAsync(Stack.Url($"/citta/bologna/attivita/gruppo/{id}"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Gruppo {where}", new() { Timeout = 15_000 });
        Assert.Equal(allowed ? 1 : 0, await page.GetByTestId("quick-actions").CountAsync());
        Assert.Equal(allowed ? 1 : 0, await page.GetByTestId("edit").CountAsync());

        if (allowed)
        {
            await page.GetByTestId("quick-meeting").ClickAsync();
            await Assertions.Expect(page.GetByTestId("quick-done")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            Assert.Equal(2, await VersionAsync(id));
        }

        await page.GotoAsync(Stack.Url($"/citta/bologna/attivita/gruppo/{id}/modifica"));
        if (allowed)
        {
            await Assertions.Expect(page.GetByTestId("activity-form")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            return;
        }
        await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(0, await page.GetByTestId("activity-form").CountAsync());
        await page.GotoAsync(Stack.Url("/citta/bologna/attivita/nuova/gruppo"));
        if (person != "operatore.navile")
        {
            await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            Assert.Equal(0, await page.GetByTestId("activity-form").CountAsync());
        }
        Assert.Equal(1, await VersionAsync(id)); // nothing changed
    }

    [Fact]
    public async Task Without_sign_in_the_staff_pages_send_to_the_sign_in_page()
    {
        foreach (var path in new[] { "/mio-quartiere", "/citta/bologna/attivita/nuova/gruppo", "/amministrazione", "/citta/bologna/attivita/gruppo/x/storia" })
        {
            var page = await fixture.Browser.OpenAsync(Stack.Url(path));
            Assert.Contains("/accesso", page.Url);
            await page.CloseAsync();
        }
    }
}
