using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

/// <summary>The stack with bologna-2019 loaded, and a headless Chromium.</summary>
public sealed class LiveDashboardFixture() : BrowserStackFixture("bologna-2019");

public sealed partial class LiveDashboardTests(LiveDashboardFixture live) : IClassFixture<LiveDashboardFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 15_000 };

    // The bar as plotly drew it, once the chart element in the page is drawn: when the page goes live Blazor puts its own
    // element in place of the prerendered one (drawn already, perhaps), and the new one is drawn a moment later.
    private static async Task<double> BarValueAsync(IPage page, string chartId, string label)
    {
        var bar = await page.WaitForFunctionAsync(
            "([id, label]) => { const t = document.getElementById(id)?.data?.[0]; const i = t ? t.y.indexOf(label) : -1; return i >= 0 ? [t.x[i]] : null; }",
            new[] { chartId, label }, new() { Timeout = 30_000 });
        return (await bar.JsonValueAsync<double[]>())[0];
    }

    [Fact]
    public async Task Overview_shows_the_report_figures_in_italian_formats_with_charts_and_their_tables()
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url("/"));
        await Assertions.Expect(page.GetByTestId("headline-PI.TOT")).ToHaveTextAsync("99+1", Soon);
        await Assertions.Expect(page.GetByTestId("headline-PI.BEN")).ToHaveTextAsync("14.844");
        await Assertions.Expect(page.GetByTestId("headline-B3.05")).ToHaveTextAsync("1.989 / 3.671");
        await Assertions.Expect(page.Locator("[data-code='PI.BEN'] .aw-headline-base")).ToHaveTextAsync("su 89 progetti");
        await Assertions.Expect(page.Locator("[data-testid=live-badge][data-state=live]")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await page.Locator("#chart-PI-TOT .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(86, await BarValueAsync(page, "chart-PI-TOT", "Quartiere"));
        await page.Locator("#chart-PI-ATT").ScrollIntoViewIfNeededAsync(); // charts off screen are drawn when shown or when idle
        await page.Locator("#chart-PI-ATT .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(44, await BarValueAsync(page, "chart-PI-ATT", "Socialità, contrasto alla solitudine e integrazione sociale"));
        // Every chart has its numbers as a table too.
        Assert.Equal("86", await page.Locator("[data-testid='table-PI.TOT'] tr[data-id=quartiere] td").TextContentAsync());
        foreach (var code in new[] { "B3.03", "B3.02", "B3.06", "PI.ATT", "B3.07", "B3.08", "B3.09", "B3.10", "B3.12", "B3.13", "B3.14" })
            Assert.Equal(1, await page.Locator($"figure[data-code='{code}']").CountAsync());
        Assert.Equal(6, await page.Locator("[data-testid=table-quartieri] tbody tr").CountAsync());
    }

    [Fact]
    public async Task A_change_made_through_the_API_appears_in_the_figure_and_the_chart_without_a_reload()
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url("/citta/crema/2025"));
        await Assertions.Expect(page.GetByTestId("no-activity")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Browser.WaitInteractiveAsync(page);
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");

        // The first activity replaces the "nothing recorded" notice with the figures.
        await live.Stack.CommandAsync("crema", "tavolo", "tavolo-live-1", 0, LiveStack.Tavolo("zona-1", 2025));
        await Assertions.Expect(page.GetByTestId("headline-TP.TOT")).ToHaveTextAsync("1", Soon);
        await Assertions.Expect(page.GetByTestId("no-activity")).ToHaveCountAsync(0);
        await live.Stack.CommandAsync("crema", "tavolo", "tavolo-live-2", 0, LiveStack.Tavolo("zona-1", 2025));
        await Assertions.Expect(page.GetByTestId("headline-TP.TOT")).ToHaveTextAsync("2", Soon);

        await page.WaitForFunctionAsync(
            "() => { const el = document.getElementById('chart-B3-07'); if (!el || !el.data) return false;" +
            " const t = el.data[0]; return t.x[t.y.indexOf('Zona 1')] === 2; }", null, new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the page was reloaded");
    }

    [Fact]
    public async Task The_English_switch_translates_the_page_and_formats_numbers_the_english_way()
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url("/citta/bologna/2019"));
        await Browser.WaitInteractiveAsync(page);
        await page.GetByTestId("lang-en").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Community work in Bologna", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("headline-PI.BEN")).ToHaveTextAsync("14,844");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.GetByTestId("lang-it").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Lavoro di comunità a Bologna", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task The_quartiere_drill_down_and_the_activity_pages_show_the_records()
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url("/citta/bologna/2019/quartiere/san-donato-san-vitale"));
        await Assertions.Expect(page.GetByTestId("headline-TP.TOT")).ToHaveTextAsync("5", Soon);
        await Assertions.Expect(page.GetByTestId("headline-GC.TOT")).ToHaveTextAsync("4");

        // Activity records need a signed-in person: the page sends us to sign in, then back.
        await page.GotoAsync(live.Stack.Url("/citta/bologna/attivita?kind=tavolo&quartiere=navile"));
        await Browser.SignInAsync(page, live.Stack.Dashboard.BaseUrl, "direttore@actorwelfare.local");
        await Assertions.Expect(page.GetByTestId("activity-count")).ToHaveTextAsync("4 attività", Soon);
        await Browser.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Tavolo Bolognina" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tavolo Bolognina", Soon);
        await Assertions.Expect(page.GetByTestId("activity-profile")).ToContainTextAsync("2014");
    }

    [Theory]
    [InlineData("/citta/bologna/2019")]
    [InlineData("/citta/bologna/2019/quartiere/navile")]
    [InlineData("/citta/bologna/attivita")]
    [InlineData("/citta/bologna/attivita/tavolo/tavolo-5-centri")]
    public async Task Main_pages_have_no_serious_or_critical_accessibility_violations(string path)
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url(path));
        if (page.Url.Contains("/accesso"))
        {
            // The sign-in page itself is scanned too, then the page behind it.
            Assert.Empty(await Browser.AccessibilityProblemsAsync(page));
            await Browser.SignInAsync(page, live.Stack.Dashboard.BaseUrl, "direttore@actorwelfare.local");
        }
        await page.Locator("h1").First.WaitForAsync(new() { Timeout = 15_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var problems = await Browser.AccessibilityProblemsAsync(page);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task<int> Watchers() => (await live.Stack.FeedAsync()).GetProperty("watchers").GetInt32();

    /// <summary>Closes the pages earlier tests left open in the shared browser; the watchers then counted, settled.</summary>
    private async Task<int> CloseOtherPagesAsync()
    {
        foreach (var other in live.Browser.Instance.Contexts.SelectMany(c => c.Pages).ToList())
            await other.CloseAsync(new() { RunBeforeUnload = true });
        int baseline = -1, settled = await Watchers();
        for (var i = 0; i < 60 && baseline != settled; i++)
        {
            await Task.Delay(500);
            (baseline, settled) = (settled, await Watchers());
        }
        return settled;
    }

    [Fact]
    public async Task Closing_the_browsers_returns_the_subscriptions_to_their_baseline()
    {
        var baseline = await CloseOtherPagesAsync();
        // The city-years of the closed pages are followed a few seconds more (below): counted once they are let go.
        await Task.Delay(ActorWelfare.Dashboard.Live.IndicatorFeed.Linger + TimeSpan.FromSeconds(1));
        async Task<int> Subscriptions() => (await live.Stack.FeedAsync()).GetProperty("subscriptions").GetInt32();
        var followed = await Subscriptions();
        var context = await live.Browser.Instance.NewContextAsync();
        for (var i = 0; i < 3; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(live.Stack.Url("/citta/bologna/2018"));
            await Assertions.Expect(page.GetByTestId("headline-PI.TOT")).ToHaveTextAsync("82", Soon); // the 2019 projects that already ran in 2018
        }
        // The interactive circuits start a moment after the prerendered page shows.
        await Eventually.ValueAsync(Watchers, n => n == baseline + 3, "three more pages watch the indicators", TimeSpan.FromSeconds(20));

        // The browser goes away without a goodbye (as a crash or a lost network does): Blazor keeps the
        // circuits for a possible return, but they must stop following the indicators at once.
        await context.CloseAsync();

        await Eventually.ValueAsync(Watchers, n => n == baseline, "the closed pages stopped watching");
        // The city-year nobody watches is followed a few seconds more (a page going live finds it), then let go.
        await Eventually.ValueAsync(Subscriptions, n => n <= followed, "the city-year nobody watches is no longer followed",
            ActorWelfare.Dashboard.Live.IndicatorFeed.Linger + TimeSpan.FromSeconds(20));
    }
}
