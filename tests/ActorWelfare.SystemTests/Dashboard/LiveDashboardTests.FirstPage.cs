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
}
