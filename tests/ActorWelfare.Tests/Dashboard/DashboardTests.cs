using System.Net;
using ActorWelfare.Activities;
using ActorWelfare.Keys;
using ActorWelfare.Quartieri;
using ActorWelfare.Silo.Database;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

public sealed class DashboardTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Shows_a_connecting_page_until_a_silo_is_up_then_reports_healthy()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new SchemaMigrator(db.DataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync(Migration.Embedded());
        await using var dashboard = DashboardProcess.Start(db.ConnectionString);

        var page = await GetWhenServingAsync(dashboard.BaseUrl + "/");
        Assert.Contains("Connessione al cluster in corso", page);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Http.GetAsync(dashboard.BaseUrl + "/healthz")).StatusCode);

        await using var silo = await SiloProcess.StartAsync(db.ConnectionString);
        await dashboard.WaitUntilHealthyAsync();

        var ready = await Http.GetStringAsync(dashboard.BaseUrl + "/");
        Assert.DoesNotContain("Connessione al cluster in corso", ready);
        Assert.Contains("data-testid=\"activities-table\"", ready);
    }

    [Fact]
    public async Task Chart_shows_grain_data_and_changes_live_without_a_reload()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString);
        await using var client = await TestClient.ViaMembershipAsync(db.ConnectionString);
        var navile = client.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("bologna", "navile"));
        await navile.RegisterActivity(ActivityKind.Tavolo, "tavolo-bolognina");
        await navile.RegisterActivity(ActivityKind.Tavolo, "tavolo-beverara");

        await using var dashboard = DashboardProcess.Start(db.ConnectionString);
        await dashboard.WaitUntilHealthyAsync();
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.OpenAsync(dashboard.BaseUrl + "/");

        // The chart is drawn by plotly.js in the browser, from the grains' figures.
        await page.Locator("#chart-activities-by-quartiere .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(2, await TavoliInChartAsync(page, "Navile"));
        var navileRow = page.Locator("tr[data-quartiere='navile'] td").Nth(1);
        await Assertions.Expect(navileRow).ToHaveTextAsync("2");
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");

        await navile.RegisterActivity(ActivityKind.Tavolo, "tavolo-casalab");

        await Assertions.Expect(navileRow).ToHaveTextAsync("3", new() { Timeout = 15_000 });
        await page.WaitForFunctionAsync(
            "() => { const d = document.getElementById('chart-activities-by-quartiere').data;" +
            " const t = d.find(x => x.name === 'Tavoli'); return t.y[t.x.indexOf('Navile')] === 3; }",
            null, new() { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the page was reloaded");
    }

    private static Task<double> TavoliInChartAsync(IPage page, string quartiere) =>
        page.EvaluateAsync<double>(
            "q => { const d = document.getElementById('chart-activities-by-quartiere').data;" +
            " const t = d.find(x => x.name === 'Tavoli'); return t.y[t.x.indexOf(q)]; }", quartiere);

    private static async Task<string> GetWhenServingAsync(string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try { return await Http.GetStringAsync(url); }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { await Task.Delay(250); }
        }
    }
}
