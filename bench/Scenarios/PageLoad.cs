using System.Text.Json;
using Microsoft.Playwright;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// What a person feels opening the overview (<c>/</c>, Bologna 2019, the demo data) in Chromium: time from
/// navigation to the first headline figure, to the first chart painted (the server's picture of it, or plotly's
/// drawing if that comes first; at 1280×900 the overview's first charts begin at the window's lower edge), to the
/// first chart drawn by plotly.js and to the page being live, and the bytes that came over the network (HTTP and the
/// Blazor WebSocket, as on the wire). Cold is a new browser profile (empty cache); warm is a second visit in the same
/// profile.
/// </summary>
public static class PageLoad
{
    /// <param name="Trace">Where the time to the first chart goes (medians): the HTML received, plotly.js received, plotly.js
    /// run (its global set), and the document's DOMContentLoaded.</param>
    /// <param name="PaintedMs">The first chart painted: its picture (BarPicture) or plotly's drawing, whichever is first.</param>
    /// <param name="FirstChartMs">The first chart drawn by plotly.js (interactive).</param>
    /// <param name="HttpBytes">HTTP as on the wire (headers included), counted by a relay in front of the dashboard.</param>
    /// <param name="WebSocketBytes">The circuit's WebSocket as on the wire (its frames compressed).</param>
    /// <param name="WebSocketMessageBytes">The same WebSocket's messages decompressed, as the browser reports them.</param>
    public sealed record Result(string Cache, int Loads, double HeadlineMs, double FirstChartMs, double LiveMs,
        long HttpBytes, long WebSocketBytes, int Requests, int ChartsDrawn, int Charts, string PlotlyScript, LoadTrace? Trace = null,
        double PaintedMs = -1, long WebSocketMessageBytes = 0, int Pictures = 0)
    {
        public long Bytes => HttpBytes + WebSocketBytes;
    }

    public sealed record LoadTrace(double HtmlMs, double PlotlyFetchedMs, double PlotlyReadyMs, double DomContentLoadedMs);

    private sealed record Load(double HeadlineMs, double PaintedMs, double FirstChartMs, double LiveMs, long HttpBytes, long WebSocketBytes,
        long WebSocketMessageBytes, int Requests, int ChartsDrawn, int Charts, int Pictures, string PlotlyScript, LoadTrace Trace);

    // Runs before the page's own scripts (through the debugging protocol, so the site's CSP does not apply):
    // notes when the first headline, the first drawn chart and the live marker enter the document, when plotly.js
    // has run (it sets its global), and the frame that paints the first chart's picture (the first rendering after the
    // parser is past it) or plotly's first drawing.
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
          const picture = document.querySelector('.aw-bar-picture');
          if (m.shownIn === undefined && ((picture && picture.parentElement.nextElementSibling) || m.chart !== undefined)) {
            m.shownIn = now;
            // Painted in that frame if it is displayed then (laid out, not hidden); else at plotly's drawing.
            requestAnimationFrame(() => { if (m.chart !== undefined || picture?.checkVisibility()) m.shownFrame = performance.now(); else m.shownIn = undefined; });
          }
          if (m.live === undefined && document.querySelector('[data-testid=interactive]')) m.live = now;
        }).observe(document, { childList: true, subtree: true, characterData: true });
        """;

    // The first chart is painted when the frame whose rendering began at shownFrame ends.
    private static readonly string FirstChartPainted = FramePaint.EndOf("shownFrame");

    /// <param name="dashboardUrl">The dashboard's root (http://127.0.0.1:port); the page is <c>/</c>, browsed through a <see cref="WireCounter"/>.</param>
    public static async Task<IReadOnlyList<Result>> RunAsync(string dashboardUrl, int loads)
    {
        await using var wire = WireCounter.Start(dashboardUrl);
        var url = wire.Url + "/";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        // One load unmeasured first: the dashboard's first request pays for its own warm-up, not the page's.
        await using (var warmUp = await browser.NewContextAsync()) await MeasureAsync(warmUp, url, wire);
        var cold = new List<Load>();
        var warm = new List<Load>();
        for (var i = 0; i < loads; i++)
        {
            await using var context = await browser.NewContextAsync(new() { Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } });
            cold.Add(await MeasureAsync(context, url, wire));
            warm.Add(await MeasureAsync(context, url, wire));
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
                Median(loads.Select(l => l.Trace.PlotlyReadyMs)), Median(loads.Select(l => l.Trace.DomContentLoadedMs))),
            Median(loads.Select(l => l.PaintedMs)), (long)Median(loads.Select(l => (double)l.WebSocketMessageBytes)), loads.Min(l => l.Pictures));
    }

    private static async Task<Load> MeasureAsync(IBrowserContext context, string url, WireCounter wire)
    {
        var page = await context.NewPageAsync();
        try
        {
            var traffic = await BrowserTraffic.AttachAsync(context, page);
            var before = wire.Received;
            await page.AddInitScriptAsync(Marks);
            await page.GotoAsync(url);
            await page.WaitForFunctionAsync("() => window.__aw.chart !== undefined && window.__aw.live !== undefined", null, new() { Timeout = 60_000 });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Task.Delay(500); // the last WebSocket frames of the first render
            var after = wire.Received;
            var painted = await page.EvaluateAsync<double>(FirstChartPainted);
            var marks = await page.EvaluateAsync<JsonElement>(
                """
                () => ({ headline: window.__aw.headline ?? -1, chart: window.__aw.chart, live: window.__aw.live,
                         drawn: document.querySelectorAll('.js-plotly-plot .main-svg').length > 0
                                ? new Set([...document.querySelectorAll('.js-plotly-plot')]).size : 0,
                         charts: document.querySelectorAll('figure.aw-chart').length,
                         pictures: document.querySelectorAll('.aw-bar-picture').length,
                         plotly: [...document.scripts].map(s => s.src.split('/').pop()).find(s => /plotly/i.test(s) && !/interop/i.test(s)) ?? '',
                         html: performance.getEntriesByType('navigation')[0]?.responseEnd ?? -1,
                         dom: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? -1,
                         plotlyFetched: performance.getEntriesByType('resource').find(r => /plotly/i.test(r.name) && !/interop/i.test(r.name))?.responseEnd ?? -1,
                         plotlyReady: window.__aw.plotly ?? -1 })
                """);
            return new Load(marks.GetProperty("headline").GetDouble(), painted, marks.GetProperty("chart").GetDouble(), marks.GetProperty("live").GetDouble(),
                after.Http - before.Http, after.WebSocket - before.WebSocket, traffic.WebSocketBytes, traffic.Requests,
                marks.GetProperty("drawn").GetInt32(), marks.GetProperty("charts").GetInt32(), marks.GetProperty("pictures").GetInt32(),
                marks.GetProperty("plotly").GetString() ?? "",
                new LoadTrace(marks.GetProperty("html").GetDouble(), marks.GetProperty("plotlyFetched").GetDouble(), marks.GetProperty("plotlyReady").GetDouble(),
                    marks.GetProperty("dom").GetDouble()));
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
