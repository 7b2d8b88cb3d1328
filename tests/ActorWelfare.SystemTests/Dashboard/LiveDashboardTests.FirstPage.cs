using System.Text.RegularExpressions;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

/// <summary>
/// The first page as production serves it (issue 13, point 16): the small plotly.js build, assets compressed and
/// cached for good when fingerprinted, a cold load within its byte budget, charts drawn as they come into view.
/// How fast is the benchmark's business (./bench.sh --only pageload), never asserted here.
/// </summary>
public sealed partial class LiveDashboardTests
{
    // name.{fingerprint}.ext, as MapStaticAssets serves the assets the pages link to.
    private static readonly Regex Fingerprinted = new(@"\.[a-z0-9]{10}\.(js|css|woff2?)$");

    [Fact]
    public async Task A_cold_load_of_the_first_page_takes_the_basic_plotly_build_compressed_and_cached_for_good_under_1_MB()
    {
        await using var context = await live.Browser.Instance.NewContextAsync(new() { Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var responses = new List<IResponse>();
        page.Response += (_, r) => { lock (responses) responses.Add(r); };
        await page.GotoAsync(live.Stack.Url("/"));
        await page.Locator("#chart-PI-TOT .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        List<IResponse> all;
        lock (responses) all = [.. responses];
        var paths = all.Select(r => new Uri(r.Url).AbsolutePath).ToList();
        Assert.Contains(paths, p => Regex.IsMatch(p, @"^/lib/plotly/plotly-basic\.min\.[a-z0-9]{10}\.js$"));
        Assert.DoesNotContain(paths, p => p.Contains("Plotly.Blazor") || Regex.IsMatch(p, @"/plotly-\d"));

        var assets = all.Where(r => Fingerprinted.IsMatch(new Uri(r.Url).AbsolutePath)).ToList();
        Assert.True(assets.Count >= 5, string.Join(", ", paths));
        foreach (var asset in assets)
        {
            var headers = await asset.AllHeadersAsync();
            Assert.Contains("immutable", headers.GetValueOrDefault("cache-control") ?? "", StringComparison.Ordinal);
            if (Regex.IsMatch(asset.Url, @"\.(js|css)$"))
                Assert.Contains(headers.GetValueOrDefault("content-encoding"), new[] { "br", "gzip" });
        }

        long bytes = 0;
        foreach (var r in all)
        {
            var sizes = await r.Request.SizesAsync();
            bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
        }
        Assert.True(bytes < 1_000_000, $"a cold load took {bytes:N0} bytes over HTTP: {string.Join(", ", paths)}");
    }

    [Fact]
    public async Task The_first_screens_charts_are_pictures_of_their_figures_until_plotly_draws_them()
    {
        await using var context = await live.Browser.Instance.NewContextAsync(new() { Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        // plotly.js held back: what a person sees before it has run. The live page (its circuit started) is checked, as its
        // render replaces the prerendered one.
        await page.RouteAsync("**/lib/plotly/**", route => route.AbortAsync());
        await page.GotoAsync(live.Stack.Url("/"));
        await Browser.WaitInteractiveAsync(page);
        var charts = await PicturesAsync(page);
        Assert.InRange(charts.Length, 1, 8);
        foreach (var chart in charts) AssertPictures(chart);

        // With plotly.js: once it has drawn a chart, the picture under it is gone.
        await page.UnrouteAsync("**/lib/plotly/**");
        await page.ReloadAsync();
        await Browser.WaitInteractiveAsync(page); // the live render's chart, drawn again over its picture
        var first = page.Locator("figure:has([data-testid=bar-picture])").First;
        await first.Locator(".main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(first.Locator("[data-testid=bar-picture]")).ToBeHiddenAsync(new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task A_live_update_redraws_the_picture_of_a_first_screen_chart_in_another_city()
    {
        await using var context = await live.Browser.Instance.NewContextAsync(new() { Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.RouteAsync("**/lib/plotly/**", route => route.AbortAsync()); // the pictures alone
        await page.GotoAsync(live.Stack.Url("/citta/crema/2033"));
        await Browser.WaitInteractiveAsync(page);

        // Progetti of Crema's own promoter levels, one after the other: the picture follows each without a reload.
        static object Progetto(string level) => new
        {
            type = "register",
            profile = new { name = $"Progetto {level}", quartieri = new[] { "zona-1" }, zones = Array.Empty<string>(), startYear = 2033, endYear = 2033, status = "attivo", promoterLevel = level },
        };
        await live.Stack.CommandAsync("crema", "progetto", "picture-zona-1", 0, Progetto("zona"));
        await live.Stack.CommandAsync("crema", "progetto", "picture-comune", 0, Progetto("comune"));
        var promoters = page.Locator("figure[data-code='PI.TOT']:has([data-testid=bar-picture])");
        await Assertions.Expect(promoters.Locator("table tbody td")).ToHaveTextAsync(["1", "1"], new() { Timeout = 15_000 });
        var before = Assert.Single(await PicturesAsync(page), c => c.Rows.Length == 2 && c.Values.SequenceEqual(["1", "1"]));
        AssertPictures(before);
        Assert.InRange(before.Widths[0] / before.Widths[1], 0.99, 1.01);

        // The chart already on the page: its picture is redrawn by the update, not made anew.
        await live.Stack.CommandAsync("crema", "progetto", "picture-zona-2", 0, Progetto("zona"));
        await Assertions.Expect(promoters.Locator("table tbody td")).ToHaveTextAsync(["2", "1"], new() { Timeout = 15_000 });
        var after = Assert.Single(await PicturesAsync(page), c => c.Rows.Length == 2 && c.Values.SequenceEqual(["2", "1"]));
        AssertPictures(after);
        Assert.InRange(after.Widths[0] / after.Widths[1], 1.98, 2.02); // two progetti at one level, one at the other
    }

    /// <summary>What the first screen's pictures show, beside their charts' data tables.</summary>
    private static async Task<PictureSeen[]> PicturesAsync(IPage page)
    {
        var seen = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            """
            () => [...document.querySelectorAll('[data-testid=bar-picture]')].map(p => ({
              shown: getComputedStyle(p).display !== 'none' && p.getBoundingClientRect().height > 0,
              labels: [...p.querySelectorAll('.aw-bar-label')].map(l => l.textContent.trim()),
              widths: [...p.querySelectorAll('.aw-bar-track i')].map(i => i.getBoundingClientRect().width),
              axis: p.querySelector('.aw-bar-track').getBoundingClientRect().width,
              rows: [...p.closest('figure').querySelectorAll('table tbody tr')].map(r => r.querySelector('th').textContent.trim()),
              values: [...p.closest('figure').querySelectorAll('table tbody tr td')].map(d => d.textContent.trim()) }))
            """);
        return System.Text.Json.JsonSerializer.Deserialize<PictureSeen[]>(seen, WebJson)!;
    }

    /// <summary>A picture is displayed, has its table's labels, and each bar is its figure's share of the axis.</summary>
    private static void AssertPictures(PictureSeen chart)
    {
        Assert.True(chart.Shown);
        Assert.Equal(chart.Rows, chart.Labels);
        var values = chart.Values.Select(v => double.Parse(v, System.Globalization.CultureInfo.GetCultureInfo("it-IT"))).ToList();
        // From zero to a little past the longest, within a pixel.
        var axis = values.Max() * ActorWelfare.Dashboard.Components.Charts.BarPicture.AxisHeadroom;
        for (var i = 0; i < values.Count; i++)
            Assert.InRange(chart.Widths[i], chart.Axis * values[i] / axis - 1, chart.Axis * values[i] / axis + 1);
        Assert.Contains(chart.Widths, w => w > 10);
    }

    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private sealed record PictureSeen(bool Shown, string[] Labels, double[] Widths, double Axis, string[] Rows, string[] Values);

    [Fact]
    public async Task Charts_below_the_first_screen_are_drawn_when_scrolled_to_with_the_figures_of_their_table()
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url("/"));
        await page.Locator("#chart-PI-TOT .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        await Browser.WaitInteractiveAsync(page);

        var chart = page.Locator("#chart-quartieri");
        await chart.ScrollIntoViewIfNeededAsync();
        await page.Locator("#chart-quartieri .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        var drawn = await page.EvaluateAsync<double[]>("() => document.getElementById('chart-quartieri').data[0].y");
        var table = await page.Locator("[data-testid=table-quartieri] tbody tr td:nth-of-type(1)").AllTextContentsAsync();
        Assert.Equal(table.Select(t => double.Parse(t, System.Globalization.CultureInfo.GetCultureInfo("it-IT"))), drawn);
        Assert.True(drawn.Sum() > 0);
    }

    // Every frame from plotly's first drawing of the chart: whether it showed the chart's bars (plotly's, or the picture of
    // them under a chart not drawn yet), and whether the page's live render replaced the chart's element.
    private const string ChartFrames = """
        window.__frames = { seen: 0, blank: 0, first: null, replaced: false, what: [] };
        const frame = () => {
          const f = window.__frames, el = document.getElementById('chart-PI-TOT');
          const plotted = el?.classList.contains('js-plotly-plot') && el.querySelector('.main-svg');
          const pictured = el?.parentElement?.querySelector(':scope > .aw-bar-picture')?.checkVisibility();
          if (plotted && !f.first) f.first = el;
          if (f.first) {
            f.seen++;
            if (el !== f.first) f.replaced = true;
            if (!plotted && !pictured) { f.blank++; f.what.push(el ? 'an empty chart' : 'no chart (' + (document.querySelector('main')?.innerText.trim().slice(0, 60) ?? '') + ')'); }
          }
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
        """;

    [Fact]
    public async Task A_chart_drawn_before_the_page_is_live_keeps_its_bars_on_screen_while_the_page_goes_live()
    {
        // Nobody else watching the city-year: a page left open by another test would keep its figures at hand anyway.
        await CloseOtherPagesAsync();
        await using var context = await live.Browser.Instance.NewContextAsync(new() { Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync(ChartFrames);
        // The circuit held back until plotly has drawn the chart of the HTML: its live render then replaces a drawn chart.
        var drawnFirst = new TaskCompletionSource();
        await page.RouteAsync("**/_blazor/negotiate**", async route =>
        {
            await drawnFirst.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await route.ContinueAsync();
        });
        await page.GotoAsync(live.Stack.Url("/"));
        await page.WaitForFunctionAsync("() => window.__frames.first !== null", null, new() { Timeout = 30_000 });
        drawnFirst.SetResult();
        await Browser.WaitInteractiveAsync(page);
        await page.WaitForFunctionAsync("() => window.__frames.replaced && document.getElementById('chart-PI-TOT').classList.contains('js-plotly-plot')",
            null, new() { Timeout = 30_000 });

        var frames = await page.EvaluateAsync<System.Text.Json.JsonElement>("() => ({ seen: window.__frames.seen, blank: window.__frames.blank, what: window.__frames.what.join(', ') })");
        Assert.True(frames.GetProperty("seen").GetInt32() > 0);
        Assert.True(frames.GetProperty("blank").GetInt32() == 0, $"frames without the chart's bars: {frames.GetProperty("what")}");
        // Drawn again by plotly, it answers clicks (its handler is plotly's).
        Assert.True(await page.EvaluateAsync<bool>("() => typeof document.getElementById('chart-PI-TOT').on === 'function'"));
    }
}
