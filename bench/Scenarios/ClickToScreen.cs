using System.Diagnostics.Metrics;
using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Telemetry;
using Microsoft.Playwright;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// An operatore's save on one page to the figure changing on another open page, in Chromium (issue 21, point 2).
/// The operatore of Navile updates a progetto's beneficiaries for the year with the quick action of "Il mio
/// quartiere" (run before the other scenarios fill the district); in another browser profile, an open overview of the
/// city's year watches its beneficiaries headline
/// (PI.BEN). Both pages note times on the same clock (the browser's <c>performance.timeOrigin + now()</c>): the click,
/// and the moment the headline's text changes. One save at a time, a pause between them, as a person clicks.
/// </summary>
public static class ClickToScreen
{
    /// <param name="Clicks">Saves measured: each shown on the other page.</param>
    /// <param name="Missed">Saves whose change never showed on the other page within 30 s.</param>
    /// <param name="ConfirmedP50Ms">From the click to the operatore's own page saying the save is done (the save's
    /// round trip through the circuit, the grain and PostgreSQL): the rest of the way is the publication and the
    /// other page's render.</param>
    /// <param name="StoredToAggregatorP50Ms">Inside the silo, from the grain's new record (just before it is stored) to its
    /// contribution reaching the aggregator, from the silo's own meter.</param>
    public sealed record Result(int Clicks, double P50Ms, double P99Ms, double MaxMs, int Missed, double ConfirmedP50Ms = double.NaN,
        double StoredToAggregatorP50Ms = double.NaN);

    // On the watching page: each change of the headline's text, with its time (Blazor may redraw the node, so the
    // document is watched, not the element).
    private const string WatchHeadline = """
        window.__aw = { changes: [], last: null };
        new MutationObserver(() => {
          const shown = document.querySelector('[data-testid="headline-PI.BEN"]')?.textContent.trim();
          if (shown === undefined || shown === window.__aw.last) return;
          if (window.__aw.last !== null) window.__aw.changes.push(performance.timeOrigin + performance.now());
          window.__aw.last = shown;
        }).observe(document, { childList: true, subtree: true, characterData: true });
        """;

    // On the operatore's page: when the save button is pressed (capture: before Blazor's own handler), and when the
    // page's "done" message appears (the save clears it, its answer shows it again).
    private const string NoteClicks = """
        window.__clicks = []; window.__done = []; let shown = false;
        document.addEventListener('click', e => {
          if (e.target.closest('[data-testid=quick-beneficiaries]')) window.__clicks.push(performance.timeOrigin + performance.now());
        }, true);
        new MutationObserver(() => {
          const now = document.querySelector('[data-testid=quick-done]') !== null;
          if (now && !shown) window.__done.push(performance.timeOrigin + performance.now());
          shown = now;
        }).observe(document, { childList: true, subtree: true });
        """;

    /// <summary>
    /// The progetto the operatore updates, alone in its district: one year only, so it counts in no other scenario's
    /// years. Returns its id.
    /// </summary>
    public static async Task<string> RegisterAsync(IGrainFactory grains, string city, int year, string quartiere)
    {
        const string id = "bench-click-progetto";
        var progetto = grains.Activity(city, ActivityKind.Progetto, id);
        var registered = await progetto.Execute(new RegisterActivity(new ActivityProfile
        {
            Name = "Progetto del benchmark", Quartieri = [quartiere], StartYear = year, EndYear = year, Status = "attivo",
        }), 0);
        var figures = await progetto.Execute(new UpdateYearFigures(year, new YearFigures { Beneficiaries = 100 }), registered.Record.Version);
        if (!figures.Succeeded) throw new InvalidOperationException($"{id}: {string.Join("; ", figures.Errors.Select(e => e.MessageEn))}");
        return id;
    }

    public static async Task<Result> RunAsync(string baseUrl, string city, int year, string operatore, string password, string progetto, int clicks)
    {
        var lags = new List<double>();
        using var meter = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument == GrainTelemetry.ContributionLag) l.EnableMeasurementEvents(instrument); },
        };
        meter.SetMeasurementEventCallback<double>((_, value, _, _) => { lock (lags) lags.Add(value); });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var viewport = new BrowserNewContextOptions { Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } };

        // A dashboard just started builds its first pages slowly, the more so beside other work (the test lanes).
        await using var watching = await browser.NewContextAsync(viewport);
        watching.SetDefaultNavigationTimeout(90_000);
        watching.SetDefaultTimeout(60_000);
        var overview = await watching.NewPageAsync();
        await overview.AddInitScriptAsync(WatchHeadline);
        await overview.GotoAsync($"{baseUrl}/citta/{city}/{year}");
        await overview.WaitForSelectorAsync("[data-testid=live-badge][data-state=live]", new() { Timeout = 60_000 });
        await overview.WaitForFunctionAsync("() => window.__aw.last !== null", null, new() { Timeout = 60_000 });

        await using var working = await browser.NewContextAsync(viewport);
        working.SetDefaultNavigationTimeout(90_000);
        working.SetDefaultTimeout(60_000);
        var staff = await working.NewPageAsync();
        await staff.AddInitScriptAsync(NoteClicks);
        await SignIn.AsAsync(staff, baseUrl, operatore, password);
        await staff.GotoAsync(baseUrl + "/mio-quartiere", new() { WaitUntil = WaitUntilState.DOMContentLoaded }); // then its circuit, below
        await staff.WaitForSelectorAsync("[data-testid=interactive]", new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await staff.SelectOptionAsync("#my-year", year.ToString(CultureInfo.InvariantCulture));
        await staff.FillAsync("#my-search", "Progetto del benchmark"); // the list has pages: found as a person would
        var row = staff.Locator($"[data-testid=my-activities] li[data-id={progetto}]");
        var value = row.GetByTestId("quick-beneficiaries-value");
        var save = row.GetByTestId("quick-beneficiaries");

        var times = new List<double>();
        var confirmed = new List<double>();
        meter.Start(); // from here on, the only saves are the operatore's
        var missed = 0;
        for (var i = 0; i < clicks; i++)
        {
            await Assertions.Expect(save).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await value.FillAsync((7_001 + i).ToString(CultureInfo.InvariantCulture)); // a new figure each time, so the headline moves
            await value.BlurAsync(); // the figure is bound on change, as when a person moves to the button
            await Task.Delay(100);
            var changesBefore = await overview.EvaluateAsync<int>("() => window.__aw.changes.length");
            await save.ClickAsync();
            // This save's change is the first one noted after its click (the count before it rules out an earlier one).
            double? shown = null;
            var clicked = await staff.EvaluateAsync<double>("() => window.__clicks[window.__clicks.length - 1]");
            try
            {
                await overview.WaitForFunctionAsync("n => window.__aw.changes.length > n", changesBefore, new() { Timeout = 30_000 });
                shown = await overview.EvaluateAsync<double?>("c => window.__aw.changes.find(t => t >= c) ?? null", clicked);
            }
            catch (TimeoutException)
            {
            }
            if (shown is null)
            {
                missed++;
                continue;
            }
            times.Add(shown.Value - clicked);
            var done = await staff.EvaluateAsync<double?>("c => window.__done.find(t => t >= c) ?? null", clicked);
            if (done is { } d) confirmed.Add(d - clicked);
            await Task.Delay(400); // a person's pace: the aggregator is idle again
        }
        var sorted = times.Order().ToList();
        double At(double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        static double Median(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt((values.Count - 1) / 2);
        lock (lags)
            return new Result(times.Count, At(0.5), At(0.99), sorted.Count == 0 ? double.NaN : sorted[^1], missed, Median(confirmed), Median(lags));
    }
}
