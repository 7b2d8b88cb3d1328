using System.Net;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

/// <summary>The rough edges a first visit shows: the focus box, the icon, the district plural, an empty year.</summary>
public sealed partial class LiveDashboardTests
{
    [Fact]
    public async Task The_page_has_an_icon_and_asks_for_nothing_that_is_missing()
    {
        var page = await live.Browser.Instance.NewPageAsync(new() { Locale = "it-IT" });
        var missing = new List<string>();
        page.Response += (_, response) => { if (response.Status == 404) missing.Add(response.Url); };
        await page.GotoAsync(live.Stack.Url("/citta/bologna/2019"));
        await Browser.WaitInteractiveAsync(page);
        Assert.Equal(1, await page.Locator("link[rel=icon][type='image/svg+xml']").CountAsync());

        using var icon = await live.Stack.Http.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        var bytes = await icon.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]); // an ICO file, not a page
        Assert.Empty(missing);
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_heading_takes_the_focus_on_load_without_a_box_and_the_keyboard_still_shows_where_it_is()
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url("/citta/bologna/2019"));
        await Browser.WaitInteractiveAsync(page);
        // Focused for screen readers (they start reading at the heading)…
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.tagName === 'H1'", null, new() { Timeout = 15_000 });
        // …but nothing is drawn around it.
        var ring = await page.EvaluateAsync<string[]>(
            "() => { const s = getComputedStyle(document.querySelector('h1')); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }");
        Assert.True(ring[0] == "none" || ring[1] == "0px", $"outline {ring[0]} {ring[1]}");
        Assert.Equal("none", ring[2]);

        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string[]>(
            "() => { const e = document.activeElement; const s = getComputedStyle(e); return [e.tagName, s.boxShadow, s.outlineStyle]; }");
        Assert.NotEqual("H1", focused[0]);
        Assert.True(focused[1] != "none" || focused[2] != "none", $"no focus indicator on the {focused[0]} reached with Tab");
    }

    [Fact]
    public async Task The_district_comparison_says_the_plural_of_each_citys_term_with_its_article()
    {
        await live.Stack.CommandAsync("crema", "tavolo", "tavolo-plurale", 0, new
        {
            type = "register",
            profile = new
            {
                name = "Tavolo del 2021", quartieri = new[] { "zona-3" }, zones = Array.Empty<string>(), startYear = 2021, endYear = 2021,
                status = "concluso", coordination = "micro-equipe", themes = new[] { "anziani" }, purposes = new[] { "contrasto-isolamento" },
            },
        });

        var bologna = await live.Browser.OpenAsync(live.Stack.Url("/citta/bologna/2019"));
        await Assertions.Expect(bologna.GetByTestId("comparison-title")).ToHaveTextAsync("Confronto tra i quartieri", Soon);
        var crema = await live.Browser.OpenAsync(live.Stack.Url("/citta/crema/2021"));
        await Assertions.Expect(crema.GetByTestId("comparison-title")).ToHaveTextAsync("Confronto tra le zone", Soon);
        var english = await live.Browser.OpenAsync(live.Stack.Url("/lingua/en?ritorno=citta/crema/2021"));
        await Assertions.Expect(english.GetByTestId("comparison-title")).ToHaveTextAsync("Comparison of the zones", Soon);
        await english.GotoAsync(live.Stack.Url("/citta/bologna/2019"));
        await Assertions.Expect(english.GetByTestId("comparison-title")).ToHaveTextAsync("Comparison of the districts", Soon);
    }

    [Fact]
    public async Task A_city_year_with_no_activity_says_so_and_how_to_add_some_with_no_empty_chart()
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url("/citta/crema/2019"));
        await Browser.WaitInteractiveAsync(page);

        var notice = page.GetByTestId("no-activity");
        await Assertions.Expect(notice).ToContainTextAsync("Nessuna attività registrata a Crema per il 2019", new() { Timeout = 15_000 });
        await Assertions.Expect(notice).ToContainTextAsync("accedi come operatore");
        await Assertions.Expect(notice).ToContainTextAsync("zone di Crema");
        Assert.Equal("citta/crema/mio-quartiere", await page.GetByTestId("no-activity-form").GetAttributeAsync("href"));
        Assert.Equal("citta/crema/importa", await page.GetByTestId("no-activity-import").GetAttributeAsync("href"));
        // No chart drawn on nothing, no headline zeros, and no claim of a last update.
        Assert.Equal(0, await page.Locator("figure.aw-chart, .js-plotly-plot, [data-testid^=headline-]").CountAsync());
        var badge = page.GetByTestId("live-badge");
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-state", "empty");
        await Assertions.Expect(badge).Not.ToContainTextAsync("ultimo aggiornamento");
    }
}
