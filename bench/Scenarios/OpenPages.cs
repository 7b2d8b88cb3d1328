using Stopwatch = System.Diagnostics.Stopwatch;
using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using Microsoft.Playwright;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// What open overview pages cost the dashboard (issue 21, point 4): its memory per open page (each a Blazor circuit
/// following the city-year), and its CPU per version pushed to them, with the pages seen and with the pages hidden (a
/// tab in the background: the page keeps the newest version without rendering it, and shows it when seen again).
/// Pages are added to one Chromium until each size is reached; the versions come from a progetto's beneficiaries,
/// one at a time with a pause between them (each its own version), as staff save.
/// </summary>
public static class OpenPages
{
    /// <param name="Pages">Overview pages open, each live.</param>
    /// <param name="OpenSeconds">Time to open the pages added for this size.</param>
    /// <param name="DashboardMb">The dashboard's resident memory with the pages open.</param>
    /// <param name="MbPerPage">Its growth since before the first page, per open page.</param>
    /// <param name="Versions">Versions the aggregator published while the pages were seen (the saves were paced so
    /// that each is its own, but it is counted, not assumed).</param>
    /// <param name="HiddenVersions">The same while the pages were hidden.</param>
    /// <param name="SeenCpuMsPerVersion">The dashboard's CPU per version pushed to the pages while seen, less what it uses
    /// idle with the same pages open over the same time (idle measured for 5 s before and 5 s after, averaged).</param>
    /// <param name="HiddenCpuMsPerVersion">The same with every page hidden.</param>
    /// <param name="Behind">Seen pages that did not show the last version within a minute (0 when correct).</param>
    /// <param name="CatchUpMs">From the pages being seen again to every one of them showing the newest version.</param>
    public sealed record Result(int Pages, double OpenSeconds, double DashboardMb, double MbPerPage, long Versions,
        double SeenCpuMsPerVersion, double HiddenCpuMsPerVersion, int Behind, double CatchUpMs, double IdleCpuMsPerSecond, long HiddenVersions);

    private const string Id = "bench-pages-progetto";

    // What the browser tells a page whose tab goes to the background or comes back: headless Chromium shows every page.
    private const string SetHidden = """
        hidden => {
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
          document.dispatchEvent(new Event('visibilitychange'));
          return window.aw.told; // the page's word reached its circuit
        }
        """;

    private const string ShownVersion = "() => Number(document.querySelector('[data-testid=live-badge]')?.dataset.version ?? -1)";

    /// <summary>The progetto whose beneficiaries make the versions: one year only, in the year the pages show.</summary>
    public static async Task RegisterAsync(IGrainFactory grains, string city, int year, string quartiere)
    {
        var registered = await grains.Activity(city, ActivityKind.Progetto, Id).Execute(new RegisterActivity(new ActivityProfile
        {
            Name = "Progetto delle pagine aperte", Quartieri = [quartiere], StartYear = year, EndYear = year, Status = "attivo",
        }), 0);
        if (!registered.Succeeded) throw new InvalidOperationException($"{Id}: {string.Join("; ", registered.Errors.Select(e => e.MessageEn))}");
    }

    public static async Task<IReadOnlyList<Result>> RunAsync(IGrainFactory grains, Hosting.BenchDashboard dashboard, string city, int year,
        IReadOnlyList<int> sizes, int versions)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var url = $"{dashboard.Url}/citta/{city}/{year}";
        // One page first and closed: the dashboard's first render pays for its warm-up, not for a page.
        await (await OpenAsync(context, url)).CloseAsync();
        await Task.Delay(3_000);
        var baseline = dashboard.ResidentBytes();

        var progetto = grains.Activity(city, ActivityKind.Progetto, Id);
        var aggregator = grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear(city, year));
        var beneficiaries = 1_000;
        async Task<(long From, long To)> PushAsync()
        {
            var from = (await aggregator.GetDocument()).Version;
            for (var i = 0; i < versions; i++)
            {
                var record = await progetto.Get();
                var saved = await progetto.Execute(new UpdateYearFigures(year, new YearFigures { Beneficiaries = ++beneficiaries }), record.Version);
                if (!saved.Succeeded) throw new InvalidOperationException($"{Id}: {string.Join("; ", saved.Errors.Select(e => e.MessageEn))}");
                await Task.Delay(500); // a person's pace: each save its own version
            }
            await Task.Delay(1_000); // the last one published and on its way to the circuits
            return (from, (await aggregator.GetDocument()).Version);
        }
        async Task<double> IdlePerSecondAsync()
        {
            var start = dashboard.CpuSeconds();
            var wall = Stopwatch.StartNew();
            await Task.Delay(5_000);
            return (dashboard.CpuSeconds() - start) / wall.Elapsed.TotalSeconds;
        }

        var pages = new List<IPage>();
        var results = new List<Result>();
        foreach (var size in sizes)
        {
            var opening = Stopwatch.StartNew();
            while (pages.Count < size)
                pages.AddRange(await Task.WhenAll(Enumerable.Range(0, Math.Min(4, size - pages.Count)).Select(_ => OpenAsync(context, url))));
            var openSeconds = opening.Elapsed.TotalSeconds;
            await Task.Delay(3_000);
            var resident = dashboard.ResidentBytes();

            // Idle with the pages open: what the dashboard uses anyway (timers, the circuits' upkeep), per second.
            var idleBefore = await IdlePerSecondAsync();

            // Seen: every page renders every version.
            var cpu = dashboard.CpuSeconds();
            var wall = Stopwatch.StartNew();
            var (from, last) = await PushAsync();
            var seenCpu = (dashboard.CpuSeconds() - cpu, wall.Elapsed.TotalSeconds, last - from);
            var behind = await BehindAsync(pages, last, TimeSpan.FromMinutes(1));

            // Hidden: the same pushes, no page renders them.
            await Task.WhenAll(pages.Select(p => p.EvaluateAsync(SetHidden, true)));
            cpu = dashboard.CpuSeconds();
            wall.Restart();
            (from, last) = await PushAsync();
            var hiddenCpu = (dashboard.CpuSeconds() - cpu, wall.Elapsed.TotalSeconds, last - from);
            var idlePerSecond = (idleBefore + await IdlePerSecondAsync()) / 2;
            double NetMsPerVersion((double Cpu, double Wall, long Versions) run) =>
                run.Versions == 0 ? double.NaN : (run.Cpu - idlePerSecond * run.Wall) * 1000 / run.Versions;

            // Seen again: each page shows the newest version.
            var catchUp = Stopwatch.StartNew();
            await Task.WhenAll(pages.Select(p => p.EvaluateAsync(SetHidden, false)));
            behind += await BehindAsync(pages, last, TimeSpan.FromMinutes(1));
            results.Add(new Result(pages.Count, openSeconds, resident / 1e6, (resident - baseline) / 1e6 / pages.Count, seenCpu.Item3,
                NetMsPerVersion(seenCpu), NetMsPerVersion(hiddenCpu), behind, catchUp.Elapsed.TotalMilliseconds, idlePerSecond * 1000, hiddenCpu.Item3));
        }
        return results;
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached });
        await page.WaitForSelectorAsync("[data-testid=live-badge][data-state=live]", new() { State = WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>Pages not showing <paramref name="version"/> (or a newer one) within <paramref name="within"/>.</summary>
    private static async Task<int> BehindAsync(IReadOnlyList<IPage> pages, long version, TimeSpan within)
    {
        var until = Stopwatch.StartNew();
        var waiting = pages.ToList();
        while (waiting.Count > 0 && until.Elapsed < within)
        {
            var shown = await Task.WhenAll(waiting.Select(p => p.EvaluateAsync<double>(ShownVersion)));
            waiting = [.. waiting.Where((_, i) => shown[i] < version)];
            if (waiting.Count > 0) await Task.Delay(100);
        }
        return waiting.Count;
    }
}
