using System.Text.Json;
using ActorWelfare.Activities;
using ActorWelfare.Organisations;
using ActorWelfare.Territories;
using Microsoft.Playwright;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// The network page as a director opens it in Chromium (issue 18, point 5): time from navigation to the graph
/// drawn (graph.js marks <c>data-drawn</c> once cytoscape has laid it out), and the bytes that came (HTTP and the
/// Blazor WebSocket, which carries the graph). Bologna 2019 with the demo data, and a city of
/// <c>organisations</c> organisations and <c>activities</c> activities loaded through the grains, whole and one
/// district (the server prunes what it sends to 400 organisations and 400 activities). The first visit of a
/// signed-in browser fetches cytoscape.js; the later ones have it cached.
/// </summary>
public static class NetworkDraw
{
    public sealed record Result(string Page, int Organisations, int Activities, int Visits, double FirstVisitMs, double PictureMs, double DrawMs,
        int DrawnNodes, long HttpBytes, long WebSocketBytes, double GraphDataMs, double LiveMs, double LayoutStartMs, double LayoutMs)
    {
        public long Bytes => HttpBytes + WebSocketBytes;
    }

    private sealed record Visit(double PictureMs, double DrawnMs, int Nodes, long HttpBytes, long WebSocketBytes, double DataMs, double LiveMs, double LayoutAtMs, double LayoutMs);

    // Runs before the page's own scripts: notes the frame that paints the server's still picture (the first
    // rendering after it is in the document) and when graph.js first marks the interactive drawing as drawn.
    private const string Marks = """
        window.__aw = {};
        new MutationObserver(() => {
          const g = document.getElementById('network-graph'), m = window.__aw, now = performance.now();
          if (m.data === undefined && g?.dataset.graph) m.data = now;
          // The whole picture is in the document once the parser is past the figure that holds it.
          if (m.pictureIn === undefined && g?.querySelector('.aw-graph-picture') && g.closest('figure')?.nextElementSibling) {
            m.pictureIn = now;
            requestAnimationFrame(() => { m.pictureFrame = performance.now(); });
          }
          if (m.live === undefined && document.querySelector('[data-testid=interactive]')) m.live = now;
          if (m.drawn === undefined && g?.dataset.drawn) { m.drawn = now; m.nodes = +g.dataset.drawn; }
        }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-drawn', 'data-graph'] });
        """;

    // The picture is on screen when the frame whose rendering began at pictureFrame ends.
    private static readonly string PictureOnScreen = FramePaint.EndOf("pictureFrame");

    /// <summary>
    /// Registers <paramref name="organisations"/> organisations and <paramref name="activities"/> activities of
    /// <paramref name="year"/> in <paramref name="city"/> (1–8 organisations each, a few in many, most in few).
    /// </summary>
    public static async Task<double> LoadCityAsync(IGrainFactory grains, Territory city, int organisations, int activities, int year, int concurrency)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var random = new Random(18);
        var types = city.Taxonomies.OrganisationTypes;
        var functions = city.Taxonomies.OrganisationFunctions;
        var registry = grains.GetGrain<IOrganisationRegistryGrain>(city.Id);
        for (var o = 0; o < organisations; o++)
        {
            var result = await registry.Register(new Organisation($"rete-org-{o}", $"Organizzazione di rete {o}", types[o % types.Count].Id));
            if (result.Errors.Count > 0) throw new InvalidOperationException($"Registering rete-org-{o}: {result.Errors[0].MessageEn}");
        }
        var links = Enumerable.Range(0, activities).Select(_ =>
            Network.ChooseOrganisations(random, organisations).Select(o => new OrganisationLink($"rete-org-{o}", [functions[random.Next(functions.Count)].Id])).ToList()).ToList();
        await Workload.RunAsync(activities, concurrency, async (_, i) =>
        {
            var (kind, _, profile, _) = Workload.Activity(city, year, i);
            // Ended in the year: the city's later years stay as they were.
            var registered = await grains.Activity(city.Id, kind, $"rete-{i}").Execute(new RegisterActivity(profile with { Organisations = links[i], EndYear = year }), 0);
            if (!registered.Succeeded) throw new InvalidOperationException($"Registering rete-{i}: {string.Join("; ", registered.Errors.Select(e => e.MessageEn))}");
        });
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>A network page: a city-year, whole or one district.</summary>
    public sealed record Page(string Name, string City, int Year, string? District = null)
    {
        public string Path => $"/citta/{City}/{Year}/rete" + (District is null ? "" : $"?quartiere={District}");
    }

    /// <summary>Each page: one first visit, then <paramref name="visits"/> more (the median reported), signed in as <paramref name="email"/>.</summary>
    public static async Task<IReadOnlyList<Result>> RunAsync(IGrainFactory grains, string baseUrl, string email, string password, IReadOnlyList<Page> pages, int visits)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var results = new List<Result>();
        foreach (var page in pages)
        {
            // How big the drawn network is: NET.ORG counts the active organisations over the activities with them as its base.
            var document = await grains.GetGrain<Indicators.ICityIndicatorsGrain>(Keys.GrainKeys.CityYear(page.City, page.Year)).GetDocument();
            var figures = page.District is null ? document.Indicators : document.Quartieri.GetValueOrDefault(page.District) ?? document.Indicators;
            var organisations = (int)(figures.GetValueOrDefault("NET.ORG")?.Value ?? 0);
            var activities = figures.GetValueOrDefault("NET.ORG")?.Base ?? 0;

            await using var context = await browser.NewContextAsync(new() { Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } });
            await SignInAsync(context, baseUrl, email, password);
            var first = await VisitAsync(context, baseUrl + page.Path);
            var later = new List<Visit>();
            for (var i = 0; i < visits; i++) later.Add(await VisitAsync(context, baseUrl + page.Path));
            var median = later.OrderBy(v => v.PictureMs).ElementAt(later.Count / 2);
            results.Add(new Result(page.Name, organisations, activities, visits, first.PictureMs, median.PictureMs, median.DrawnMs, median.Nodes, median.HttpBytes, median.WebSocketBytes, median.DataMs, median.LiveMs, median.LayoutAtMs, median.LayoutMs));
        }
        return results;
    }

    private static async Task SignInAsync(IBrowserContext context, string baseUrl, string email, string password)
    {
        var page = await context.NewPageAsync();
        await SignIn.AsAsync(page, baseUrl, email, password);
        await page.CloseAsync();
    }

    private static async Task<Visit> VisitAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        try
        {
            var traffic = await BrowserTraffic.AttachAsync(context, page);
            await page.AddInitScriptAsync(Marks);
            await page.GotoAsync(url);
            await page.WaitForFunctionAsync("() => window.__aw.drawn !== undefined", null, new() { Timeout = 120_000 });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Task.Delay(500); // the last WebSocket frames of the render
            var marks = await page.EvaluateAsync<JsonElement>("() => ({ picture: " + PictureOnScreen + ", drawn: window.__aw.drawn, nodes: window.__aw.nodes, data: window.__aw.data ?? -1, live: window.__aw.live ?? -1, layout: performance.getEntriesByName('aw-graph-layout')[0]?.duration ?? -1, layoutAt: performance.getEntriesByName('aw-graph-layout')[0]?.startTime ?? -1 })");
            return new Visit(marks.GetProperty("picture").GetDouble(), marks.GetProperty("drawn").GetDouble(), marks.GetProperty("nodes").GetInt32(), traffic.HttpBytes, traffic.WebSocketBytes,
                marks.GetProperty("data").GetDouble(), marks.GetProperty("live").GetDouble(), marks.GetProperty("layoutAt").GetDouble(), marks.GetProperty("layout").GetDouble());
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
