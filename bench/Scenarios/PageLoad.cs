using System.Text.Json;
using Microsoft.Playwright;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// What a person feels opening the overview (<c>/</c>, Bologna 2019, the demo data) in Chromium: time from
/// navigation to the first headline figure, to the first chart drawn and to the page being live, and the
/// bytes that came over the network (HTTP and the Blazor WebSocket). Cold is a new browser profile (empty
/// cache); warm is a second visit in the same profile.
/// </summary>
public static class PageLoad
{
    /// <param name="Trace">Where the time to the first chart goes (medians): the HTML received, plotly.js received, plotly.js
    /// run (its global set), and the document's DOMContentLoaded.</param>
    public sealed record Result(string Cache, int Loads, double HeadlineMs, double FirstChartMs, double LiveMs,
        long HttpBytes, long WebSocketBytes, int Requests, int ChartsDrawn, int Charts, string PlotlyScript, LoadTrace? Trace = null)
    {
        public long Bytes => HttpBytes + WebSocketBytes;
    }

    public sealed record LoadTrace(double HtmlMs, double PlotlyFetchedMs, double PlotlyReadyMs, double DomContentLoadedMs);

    private sealed record Load(double HeadlineMs, double FirstChartMs, double LiveMs, long HttpBytes, long WebSocketBytes,
        int Requests, int ChartsDrawn, int Charts, string PlotlyScript, LoadTrace Trace);

    // Runs before the page's own scripts (through the debugging protocol, so the site's CSP does not apply):
    // notes when the first headline, the first drawn chart and the live marker enter the document, and when plotly.js
    // has run (it sets its global).
    private const string Marks = """
        window.__aw = {};
        Object.defineProperty(window, 'Plotly', { configurable: true, get: () => undefined, set: v => {
          window.__aw.plotly = performance.now();
          Object.defineProperty(window, 'Plotly', { configurable: true, writable: true, value: v });
        } });
        new MutationObserver(() => {
          const now = performance.now(), m = window.__aw;
          if (m.headline === undefined && document.querySelector('[data-testid^="headline-"]')?.textContent.trim()) m.headline = now;
          if (m.chart === undefined && document.querySelector('.js-plotly-plot .main-svg')) m.chart = now;
          if (m.live === undefined && document.querySelector('[data-testid=interactive]')) m.live = now;
        }).observe(document, { childList: true, subtree: true, characterData: true });
        """;

    public static async Task<IReadOnlyList<Result>> RunAsync(string url, int loads)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        // One load unmeasured first: the dashboard's first request pays for its own warm-up, not the page's.
        await using (var warmUp = await browser.NewContextAsync()) await MeasureAsync(warmUp, url);
        var cold = new List<Load>();
        var warm = new List<Load>();
        for (var i = 0; i < loads; i++)
        {
            await using var context = await browser.NewContextAsync(new() { Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } });
            cold.Add(await MeasureAsync(context, url));
            warm.Add(await MeasureAsync(context, url));
        }
        return [Summarise("cold", cold), Summarise("warm", warm)];
    }

    private static Result Summarise(string cache, List<Load> loads)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
        return new Result(cache, loads.Count, Median(loads.Select(l => l.HeadlineMs)), Median(loads.Select(l => l.FirstChartMs)),
            Median(loads.Select(l => l.LiveMs)), (long)Median(loads.Select(l => (double)l.HttpBytes)),
            (long)Median(loads.Select(l => (double)l.WebSocketBytes)), (int)Median(loads.Select(l => (double)l.Requests)),
            loads.Min(l => l.ChartsDrawn), loads[0].Charts, loads[0].PlotlyScript,
            new LoadTrace(Median(loads.Select(l => l.Trace.HtmlMs)), Median(loads.Select(l => l.Trace.PlotlyFetchedMs)),
                Median(loads.Select(l => l.Trace.PlotlyReadyMs)), Median(loads.Select(l => l.Trace.DomContentLoadedMs))));
    }

    private static async Task<Load> MeasureAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        try
        {
            var traffic = await BrowserTraffic.AttachAsync(context, page);
            await page.AddInitScriptAsync(Marks);
            await page.GotoAsync(url);
            await page.WaitForFunctionAsync("() => window.__aw.chart !== undefined && window.__aw.live !== undefined", null, new() { Timeout = 60_000 });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Task.Delay(500); // the last WebSocket frames of the first render
            var marks = await page.EvaluateAsync<JsonElement>(
                """
                () => ({ headline: window.__aw.headline ?? -1, chart: window.__aw.chart, live: window.__aw.live,
                         drawn: document.querySelectorAll('.js-plotly-plot .main-svg').length > 0
                                ? new Set([...document.querySelectorAll('.js-plotly-plot')]).size : 0,
                         charts: document.querySelectorAll('figure.aw-chart').length,
                         plotly: [...document.scripts].map(s => s.src.split('/').pop()).find(s => /plotly/i.test(s) && !/interop/i.test(s)) ?? '',
                         html: performance.getEntriesByType('navigation')[0]?.responseEnd ?? -1,
                         dom: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? -1,
                         plotlyFetched: performance.getEntriesByType('resource').find(r => /plotly/i.test(r.name) && !/interop/i.test(r.name))?.responseEnd ?? -1,
                         plotlyReady: window.__aw.plotly ?? -1 })
                """);
            return new Load(marks.GetProperty("headline").GetDouble(), marks.GetProperty("chart").GetDouble(), marks.GetProperty("live").GetDouble(),
                traffic.HttpBytes, traffic.WebSocketBytes, traffic.Requests,
                marks.GetProperty("drawn").GetInt32(), marks.GetProperty("charts").GetInt32(), marks.GetProperty("plotly").GetString() ?? "",
                new LoadTrace(marks.GetProperty("html").GetDouble(), marks.GetProperty("plotlyFetched").GetDouble(), marks.GetProperty("plotlyReady").GetDouble(),
                    marks.GetProperty("dom").GetDouble()));
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
