using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

/// <summary>
/// Roles belong to cities, in the browser: a Crema direttore, a Crema operatore and a Bologna analista
/// each land on their city, move around in it with links that stay there, and see only what is theirs;
/// another city's records answer "not allowed" by address too. The words are the city's own.
/// </summary>
public sealed class CityAccessUiTests(StaffFixture fixture) : IClassFixture<StaffFixture>
{
    private LiveStack Stack => fixture.Stack;
    private static readonly PageWaitForURLOptions Soon = new() { Timeout = 15_000 };

    private async Task<IPage> SignedInAsync(string person)
    {
        var page = await fixture.Browser.OpenAsync(Stack.Url("/accesso"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, $"{person}@actorwelfare.local");
        await page.GotoAsync(Stack.Url("/"));
        await Browser.WaitInteractiveAsync(page);
        return page;
    }

    private async Task NotAllowedAsync(IPage page, string path)
    {
        await page.GotoAsync(Stack.Url(path));
        await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task A_crema_director_lands_on_crema_stays_there_and_cannot_open_bolognas_records()
    {
        var page = await SignedInAsync("direttore.crema");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Lavoro di comunità a Crema", new() { Timeout = 15_000 });
        // Every link of the menu stays in Crema.
        await Assertions.Expect(page.GetByTestId("nav-activities")).ToHaveAttributeAsync("href", "citta/crema/attivita");
        await Assertions.Expect(page.GetByTestId("nav-year")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^citta/crema/\\d{4}/anno$"));
        Assert.Equal(0, await page.GetByTestId("nav-my-quartiere").CountAsync());
        await page.GetByTestId("nav-activities").ClickAsync();
        await page.WaitForURLAsync("**/citta/crema/attivita", Soon);

        // Bologna's records are not theirs; its open-data overview is, but without links to records.
        await NotAllowedAsync(page, "/citta/bologna/attivita");
        await NotAllowedAsync(page, "/citta/bologna/2019/anno");
        await page.GotoAsync(Stack.Url("/citta/bologna/2019"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Bologna");
        Assert.Equal(0, await page.GetByTestId("nav-activities").CountAsync());
        // The picker offers both cities (Bologna publishes its figures) and leads back to Crema.
        await page.SelectOptionAsync("#city-picker", "crema");
        await page.GetByTestId("city-picker").Locator("button").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/citta/crema/\\d{4}$"), Soon);
    }

    [Fact]
    public async Task An_activity_of_the_whole_city_says_so_on_its_page_and_in_the_list_and_its_zone_operatore_cannot_change_it()
    {
        await Stack.CommandAsync("crema", "progetto", "progetto-di-tutta-crema", 0, new
        {
            type = "register",
            profile = new { name = "Progetto di tutta Crema", quartieri = new[] { "zona-1" }, zones = Array.Empty<string>(), startYear = 2019, status = "attivo", cityWide = true },
        });
        var page = await SignedInAsync("operatore.zona1.crema");
        await page.GotoAsync(Stack.Url("/citta/crema/attivita?quartiere=*"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=activity-table] tr[data-id=progetto-di-tutta-crema]"))
            .ToContainTextAsync("Tutta la città (Zona 1)", new() { Timeout = 15_000 });
        await page.GotoAsync(Stack.Url("/citta/crema/attivita/progetto/progetto-di-tutta-crema"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("activity-place")).ToHaveTextAsync("Tutta la città (Zona 1)", new() { Timeout = 15_000 });
        // It lists Zona 1, but it is the city office's: the zone's operatore gets no controls for it.
        Assert.Equal(0, await page.GetByTestId("quick-actions").CountAsync());
    }

    [Fact]
    public async Task A_crema_operatore_finds_their_zone_in_crema_words_and_no_bologna_records()
    {
        var page = await SignedInAsync("operatore.zona1.crema");
        await Assertions.Expect(page.GetByTestId("nav-my-quartiere")).ToHaveTextAsync("La mia zona", new() { Timeout = 15_000 });
        await page.GetByTestId("nav-my-quartiere").ClickAsync();
        await page.WaitForURLAsync("**/citta/crema/mio-quartiere", Soon);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("La mia zona · Zona 1", new() { Timeout = 15_000 });
        await NotAllowedAsync(page, "/citta/bologna/attivita");
        await NotAllowedAsync(page, "/citta/bologna/mio-quartiere");
    }

    [Fact]
    public async Task A_bologna_analyst_closes_bolognas_years_only()
    {
        var page = await SignedInAsync("analista");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Lavoro di comunità a Bologna", new() { Timeout = 15_000 });
        await page.GotoAsync(Stack.Url("/citta/bologna/2031/anno"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("close-year")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await NotAllowedAsync(page, "/citta/crema/2031/anno");
        await NotAllowedAsync(page, "/citta/crema/attivita");
    }

    [Fact]
    public async Task Someone_with_several_cities_gets_the_list_of_them_at_home()
    {
        var page = await SignedInAsync("amministratore");
        var list = page.GetByTestId("city-list");
        await Assertions.Expect(list).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(list.Locator("a[data-city=bologna]")).ToHaveTextAsync("Bologna");
        await Assertions.Expect(list.Locator("a[data-city=crema]")).ToHaveTextAsync("Crema");
        await list.Locator("a[data-city=crema]").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/citta/crema/\\d{4}$"), Soon);
        await Assertions.Expect(page.GetByTestId("nav-activities")).ToHaveAttributeAsync("href", "citta/crema/attivita", new() { Timeout = 15_000 });
    }
}
