using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using Npgsql;
using UglyToad.PdfPig;
using Xunit;

namespace ActorWelfare.Tests.Years;

public sealed class YearEndFixture() : BrowserStackFixture("bologna-2019,bologna-2018");

/// <summary>The year end as analysts and administrators do it: close, snapshot, report, exports read back.</summary>
public sealed class YearEndTests(YearEndFixture fixture) : IClassFixture<YearEndFixture>
{
    private LiveStack Stack => fixture.Stack;

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task<(Guid Id, JsonElement Snapshot)> SnapshotAsync(string label = "provvisorio", int year = 2019)
    {
        var analista = await Stack.PersonAsync("analista@actorwelfare.local");
        using var taken = await analista.PostAsJsonAsync($"/api/v1/cities/bologna/years/{year}/snapshots", new { label });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var id = (await Json(taken)).GetProperty("id").GetGuid();
        return (id, await Json(await analista.GetAsync($"/api/v1/cities/bologna/years/{year}/snapshots/{id}")));
    }

    [Fact]
    public async Task The_report_opens_the_snapshots_own_activities_behind_a_figure_as_many_as_it_counts()
    {
        var (id, snapshot) = await SnapshotAsync("provvisorio");
        var direttore = await Stack.PersonAsync("direttore@actorwelfare.local");
        var figures = snapshot.GetProperty("document").GetProperty("indicators");
        async Task<int> BehindAsync(string query)
        {
            using var answer = await direttore.GetAsync($"/api/v1/cities/bologna/activities?{query}&year=2019&snapshot={id}&pageSize=100");
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
            return int.Parse(answer.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
        }
        Assert.Equal(figures.GetProperty("PI.TOT").GetProperty("value").GetDouble(), await BehindAsync("figure=PI.TOT"));
        Assert.Equal(figures.GetProperty("B3.07").GetProperty("breakdown").GetProperty("navile").GetDouble(), await BehindAsync("figure=B3.07&item=navile"));
        Assert.Equal(figures.GetProperty("PI.BEN").GetProperty("base").GetDouble(), await BehindAsync("figure=PI.BEN"));
        using (var unknown = await direttore.GetAsync($"/api/v1/cities/bologna/activities?figure=PI.TOT&year=2019&snapshot={Guid.NewGuid()}"))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var bad = await direttore.GetAsync("/api/v1/cities/bologna/activities?figure=ZZ&year=2019"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("figure", (await Json(bad)).GetProperty("field").GetString());
        }

        // On the report page: a table row opens the snapshot's activities, said to be the snapshot's.
        var page = await fixture.Browser.OpenAsync(Stack.Url("/accesso"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, "direttore@actorwelfare.local");
        await page.GotoAsync(Stack.Url($"/citta/bologna/2019/rapporto/{id}"));
        await Browser.WaitInteractiveAsync(page);
        var row = page.Locator("[data-table='B3.09'] tbody tr").First;
        await page.Locator("[data-table='B3.09'] summary").ClickAsync();
        var count = await row.Locator("td").TextContentAsync();
        await row.Locator("a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("drill-count")).ToHaveTextAsync($"{count} attività", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("drill-figure")).ToContainTextAsync("nell'istantanea");
    }

    [Fact]
    public async Task A_figure_over_the_years_takes_each_years_definitive_snapshot_or_its_live_figures_marking_the_definition_changes()
    {
        var (definitivo, _) = await SnapshotAsync("definitivo", 2018);
        var direttore = await Stack.PersonAsync("direttore@actorwelfare.local");
        var trend = await Json(await direttore.GetAsync("/api/v1/cities/bologna/trends?figure=PI.TOT"));
        var points = trend.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("year").GetInt32());
        // 2018: the first monitoring's 147 "esperienze", from its definitive snapshot, with the note of its definition.
        Assert.Equal(147, points[2018].GetProperty("value").GetDouble());
        Assert.Equal("definitivo", points[2018].GetProperty("source").GetString());
        Assert.Equal(definitivo, points[2018].GetProperty("snapshot").GetGuid());
        Assert.Contains("esperienze", points[2018].GetProperty("notes")[0].GetProperty("it").GetString());
        Assert.Equal(0, points[2019].GetProperty("notes").GetArrayLength());
        // An item in a quartiere, and bad input named by field.
        var navile = await Json(await direttore.GetAsync("/api/v1/cities/bologna/trends?figure=B3.07&scope=navile"));
        Assert.Equal("navile", navile.GetProperty("scope").GetString());
        using (var bad = await direttore.GetAsync("/api/v1/cities/bologna/trends?figure=PI.TOT&scope=atlantide"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("scope", (await Json(bad)).GetProperty("field").GetString());
        }

        // In Chromium: the table and the chart, the menu's link, and the note beside the figure on 2018's overview.
        var page = await fixture.Browser.OpenAsync(Stack.Url("/accesso"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, "direttore@actorwelfare.local");
        await page.GotoAsync(Stack.Url("/citta/bologna/2019"));
        await Browser.WaitInteractiveAsync(page);
        await page.GetByTestId("nav-trends").ClickAsync();
        var row2018 = page.Locator("[data-testid=trend-table] tr[data-year='2018']");
        await Assertions.Expect(row2018.GetByTestId("trend-value")).ToHaveTextAsync("147", new() { Timeout = 15_000 });
        await Assertions.Expect(row2018).ToHaveAttributeAsync("data-source", "definitivo");
        await Assertions.Expect(row2018.GetByTestId("trend-notes")).ToContainTextAsync("⚠");
        await page.Locator("#chart-trend .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        await page.Locator("#t-figure").SelectOptionAsync("TP.MEET");
        await page.GetByTestId("trend-apply").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("figure=TP.MEET"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("trend-title")).ToContainTextAsync("Incontri dei tavoli");
        Assert.Empty(await Browser.AccessibilityProblemsAsync(page));

        // The tavoli's recorded meetings month by month: "117 incontri in 11 mesi" reads off 2019's row, from the records.
        var monthly = await Json(await direttore.GetAsync("/api/v1/cities/bologna/trends?figure=TP.MONTH"));
        var months2019 = monthly.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("year").GetInt32() == 2019).GetProperty("months");
        Assert.Equal(11, months2019.EnumerateObject().Count(m => m.Value.GetDouble() > 0));
        Assert.Equal(117, months2019.EnumerateObject().Sum(m => m.Value.GetDouble()));
        await page.Locator("#t-figure").SelectOptionAsync("TP.MONTH");
        await page.GetByTestId("trend-apply").ClickAsync();
        var monthRow = page.Locator("[data-testid=trend-months] tr[data-year='2019']");
        await Assertions.Expect(monthRow.GetByTestId("trend-months-held")).ToHaveTextAsync("11", new() { Timeout = 15_000 });
        await Assertions.Expect(monthRow.Locator("td[data-month='12']")).ToHaveTextAsync("0");
        await page.Locator("#chart-trend-months .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Empty(await Browser.AccessibilityProblemsAsync(page));

        await page.GotoAsync(Stack.Url("/citta/bologna/2018"));
        await Assertions.Expect(page.Locator(".aw-headline[data-code='PI.TOT'] [data-testid=definition-note]")).ToContainTextAsync("esperienze", new() { Timeout = 15_000 });
        await page.GotoAsync(Stack.Url($"/citta/bologna/2018/rapporto/{definitivo}"));
        await Assertions.Expect(page.Locator("[data-headline='PI.TOT'] [data-testid=definition-note]")).ToContainTextAsync("esperienze", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task An_analista_writes_the_reports_words_on_the_year_page_and_the_snapshot_shows_them_on_its_page_and_in_its_pdf()
    {
        var page = await fixture.Browser.OpenAsync(Stack.Url("/accesso"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, "analista@actorwelfare.local");
        await page.GotoAsync(Stack.Url("/citta/bologna/2019/anno"));
        await Browser.WaitInteractiveAsync(page);
        const string general = "Tratti comuni: il lavoro di rete cresce in tutti i quartieri.";
        const string projects = "I progetti «nuovi» sono il 17%: più di uno su sei.";
        foreach (var (section, text) in new[] { ("generale", general), ("progetti", projects) })
        {
            var box = page.GetByTestId($"commentary-{section}");
            await box.GetByTestId("commentary-text").FillAsync(text);
            await box.GetByTestId("commentary-save").ClickAsync();
            await Assertions.Expect(box.GetByTestId("commentary-saved")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(box.GetByTestId("commentary-version")).ToContainTextAsync("analista@actorwelfare.local");
        }
        var rows = page.Locator("[data-testid=snapshots] tbody tr");
        var before = await rows.CountAsync(); // other tests of the class take snapshots of 2019 too
        await page.GetByTestId("snapshot-provisional").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(before + 1, new() { Timeout = 15_000 });
        var id = Guid.Parse((await rows.First.GetAttributeAsync("data-snapshot"))!);

        // A director reads them on the report, with who wrote them, and in the PDF; on the year page they cannot change them.
        var director = await fixture.Browser.OpenAsync(Stack.Url("/accesso"));
        await Browser.SignInAsync(director, Stack.Dashboard.BaseUrl, "direttore@actorwelfare.local");
        await director.GotoAsync(Stack.Url($"/citta/bologna/2019/rapporto/{id}"));
        await Assertions.Expect(director.GetByTestId("commentary-generale")).ToContainTextAsync(general, new() { Timeout = 15_000 });
        await Assertions.Expect(director.GetByTestId("commentary-progetti")).ToContainTextAsync(projects);
        await Assertions.Expect(director.GetByTestId("commentary-progetti")).ToContainTextAsync("analista@actorwelfare.local");
        var pdf = string.Join(' ', ExportReaders.PdfLines(await (await Stack.PersonAsync("direttore@actorwelfare.local"))
            .GetByteArrayAsync($"/api/v1/cities/bologna/years/2019/snapshots/{id}/export.pdf")));
        Assert.Contains("lavoro di rete cresce", pdf);
        await director.GotoAsync(Stack.Url("/citta/bologna/2019/anno"));
        await Assertions.Expect(director.GetByTestId("commentary-generale")).ToContainTextAsync(general, new() { Timeout = 15_000 });
        Assert.Equal(0, await director.GetByTestId("commentary-text").CountAsync());
    }

    [Fact]
    public async Task Two_years_compare_figure_by_figure_marking_what_was_defined_differently()
    {
        var (first, _) = await SnapshotAsync("definitivo", 2018);
        var (second, _) = await SnapshotAsync("definitivo", 2019);
        var director = await Stack.PersonAsync("direttore@actorwelfare.local");
        var comparison = await Json(await director.GetAsync($"/api/v1/cities/bologna/compare?fromYear=2018&from={first}&toYear=2019&to={second}"));
        var rows = comparison.GetProperty("rows").EnumerateArray().ToList();
        var total = rows.Single(r => r.GetProperty("code").GetString() == "PI.TOT" && r.GetProperty("item").ValueKind == JsonValueKind.Null);
        Assert.Equal(147, total.GetProperty("from").GetDouble());
        Assert.Equal(99, total.GetProperty("to").GetDouble());
        Assert.Equal(-48, total.GetProperty("change").GetDouble());
        Assert.True(total.GetProperty("marked").GetBoolean());
        Assert.Contains("esperienze", total.GetProperty("notes")[0].GetString());
        var tavoli = rows.Single(r => r.GetProperty("code").GetString() == "TP.TOT" && r.GetProperty("item").ValueKind == JsonValueKind.Null);
        Assert.False(tavoli.GetProperty("marked").GetBoolean());

        var page = await fixture.Browser.OpenAsync(Stack.Url($"/citta/bologna/confronto?da=2018:{first}&a=2019:{second}"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, "direttore@actorwelfare.local");
        await Browser.WaitInteractiveAsync(page);
        var row = page.Locator("[data-testid=comparison] tr[data-code='PI.TOT'][data-item='']");
        await Assertions.Expect(row).ToContainTextAsync("147", new() { Timeout = 15_000 });
        await Assertions.Expect(row).ToContainTextAsync("-48");
        await Assertions.Expect(row).ToContainTextAsync("definizione diversa");
        // In the report's order, each section opening with its title; means with a decimal, sums without.
        Assert.Equal(["progetti", "tavoli", "gruppi", "rete"],
            await page.Locator("[data-testid=comparison] tr[data-section]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.section)"));
        await Assertions.Expect(page.Locator("[data-testid=comparison] tr[data-code='PI.OPS'][data-item='']")).ToContainTextAsync("163");
        await Assertions.Expect(page.Locator("[data-testid=comparison] tr[data-code='PI.OPS'][data-item='']")).Not.ToContainTextAsync("163,0");
        await page.Locator("#chart-compare .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });

        // The change chart marks every figure the table marks (PI.TOT and PI.BEN were defined differently in 2018), only those.
        var bars = page.Locator("[data-testid=table-compare] tbody tr");
        Assert.True(await bars.CountAsync() > 0);
        foreach (var bar in await bars.AllAsync())
        {
            var code = await bar.GetAttributeAsync("data-id");
            var figureMarked = rows.Any(r => r.GetProperty("code").GetString() == code && r.GetProperty("marked").GetBoolean());
            var label = await bar.Locator("th").TextContentAsync() ?? "";
            Assert.True(figureMarked == label.StartsWith('⚠'), $"{code} marked {figureMarked} in the table, chart label '{label}'");
        }
        foreach (var code in new[] { "PI.TOT", "PI.BEN" })
            await Assertions.Expect(page.Locator($"[data-testid=table-compare] tr[data-id='{code}'] th")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^⚠"));
        // The definition note is said once per figure, on its total, not again on each item of its breakdown.
        foreach (var code in new[] { "PI.TOT", "PI.BEN" })
        {
            var note = rows.First(r => r.GetProperty("code").GetString() == code).GetProperty("notes")[0].GetString()!;
            Assert.True(rows.Count(r => r.GetProperty("code").GetString() == code) > 1, $"{code} has items to repeat the note on");
            Assert.Equal(1, await page.Locator($"[data-testid=comparison] tr[data-code='{code}']", new() { HasText = note }).CountAsync());
        }
    }

    [Fact]
    public async Task The_comparison_page_says_what_it_needs_until_the_city_has_snapshots_of_two_years()
    {
        // Crema: no snapshot at first (no other test takes one).
        var page = await fixture.Browser.OpenAsync(Stack.Url("/citta/crema/confronto"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, "direttore.crema@actorwelfare.local");
        await Browser.WaitInteractiveAsync(page);
        var needs = page.GetByTestId("compare-needs");
        await Assertions.Expect(needs).ToContainTextAsync("due istantanee di anni diversi", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("compare-have")).ToContainTextAsync("nessuna istantanea");
        await Assertions.Expect(needs).ToContainTextAsync("Istantanea definitiva");
        Assert.Equal(0, await page.Locator("#cmp-from, #cmp-to, [data-testid=compare-submit]").CountAsync());
        Assert.Empty(await Browser.AccessibilityProblemsAsync(page));

        var analista = await Stack.PersonAsync("analista.crema@actorwelfare.local");
        async Task<Guid> Take(int year)
        {
            using var taken = await analista.PostAsJsonAsync($"/api/v1/cities/crema/years/{year}/snapshots", new { label = "provvisorio" });
            Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
            return (await Json(taken)).GetProperty("id").GetGuid();
        }
        var y2019 = await Take(2019);
        await page.ReloadAsync();
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("compare-have")).ToContainTextAsync("«provvisorio» del 2019", new() { Timeout = 15_000 });
        // The way to the missing year's page, where the snapshot is taken.
        await Assertions.Expect(page.GetByTestId("compare-year-link")).ToHaveAttributeAsync("href", "citta/crema/2018/anno");
        Assert.Equal(0, await page.Locator("[data-testid=compare-submit]").CountAsync());

        var y2018 = await Take(2018);
        await page.ReloadAsync();
        await Browser.WaitInteractiveAsync(page);
        // Two years: the pickers come already set to them, and the button compares.
        await Assertions.Expect(page.Locator("#cmp-from")).ToHaveValueAsync($"2018:{y2018}", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#cmp-to")).ToHaveValueAsync($"2019:{y2019}");
        await page.GetByTestId("compare-submit").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=comparison] tr[data-code='GC.TOT'][data-item='']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(0, await page.GetByTestId("compare-needs").CountAsync());
    }

    private async Task<byte[]> ExportAsync(Guid id, string format)
    {
        var analista = await Stack.PersonAsync("analista@actorwelfare.local");
        using var response = await analista.GetAsync($"/api/v1/cities/bologna/years/2019/snapshots/{id}/export.{format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Closing_refuses_staff_changes_at_the_api_and_the_import_until_an_administrator_reopens_with_a_reason()
    {
        var integration = await Stack.IntegrationAsync();
        var tavolo = (await Json(await integration.GetAsync("/api/v1/cities/bologna/activities?kind=tavolo"))).EnumerateArray().First();
        var id = tavolo.GetProperty("id").GetString();
        var version = tavolo.GetProperty("version").GetInt64();

        using (var director = await (await Stack.PersonAsync("direttore@actorwelfare.local")).PostAsync("/api/v1/cities/bologna/years/2019/close", null))
            Assert.Equal(HttpStatusCode.Forbidden, director.StatusCode);
        using (var close = await (await Stack.PersonAsync("analista@actorwelfare.local")).PostAsync("/api/v1/cities/bologna/years/2019/close", null))
            Assert.True((await Json(close)).GetProperty("status").GetProperty("closed").GetBoolean());

        using (var refused = await integration.PostAsJsonAsync($"/api/v1/cities/bologna/activities/tavolo/{id}/commands",
            new { expectedVersion = version, command = new { type = "recordEvent", @event = new { date = "2019-06-05" } } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var error = (await Json(refused)).GetProperty("errors")[0];
            Assert.Equal(("events.date", "closed"), (error.GetProperty("field").GetString(), error.GetProperty("rule").GetString()));
        }
        using (var import = await integration.PostAsync("/api/v1/cities/bologna/imports", new StringContent(
            "kind,id,name,quartieri,startYear,status\ngruppo,g-nel-2019,Nel 2019,navile,2019,attivo\n", Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, import.StatusCode);
            Assert.Equal("closed", (await Json(import)).GetProperty("problems")[0].GetProperty("rule").GetString());
        }

        var admin = await Stack.PersonAsync("amministratore@actorwelfare.local");
        using (var noReason = await admin.PostAsJsonAsync("/api/v1/cities/bologna/years/2019/reopen", new { reason = "" }))
            Assert.Equal("reason", (await Json(noReason)).GetProperty("errors")[0].GetProperty("field").GetString());
        using (var reopen = await admin.PostAsJsonAsync("/api/v1/cities/bologna/years/2019/reopen", new { reason = "Un tavolo mancante" }))
            Assert.False((await Json(reopen)).GetProperty("status").GetProperty("closed").GetBoolean());
        using var accepted = await integration.PostAsJsonAsync($"/api/v1/cities/bologna/activities/tavolo/{id}/commands",
            new { expectedVersion = version, command = new { type = "recordEvent", @event = new { date = "2019-06-05" } } });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        // The class's other tests read the dataset's own figures ("117 incontri in 11 mesi"): the meeting goes again.
        var record = (await Json(accepted)).GetProperty("record");
        var added = record.GetProperty("years").GetProperty("2019").GetProperty("events").EnumerateArray().Last(e => e.GetProperty("date").GetString() == "2019-06-05");
        using var removed = await integration.PostAsJsonAsync($"/api/v1/cities/bologna/activities/tavolo/{id}/commands",
            new { expectedVersion = record.GetProperty("version").GetInt64(), command = new { type = "removeEvent", year = 2019, eventId = added.GetProperty("id").GetString() } });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
    }

    [Fact]
    public async Task Every_export_reads_back_as_the_snapshot_and_the_same_snapshot_gives_the_same_bytes()
    {
        var (id, snapshot) = await SnapshotAsync();
        var figures = snapshot.GetProperty("document").GetProperty("indicators");
        Assert.Equal(99, figures.GetProperty("PI.TOT").GetProperty("value").GetDouble());

        // JSON: the snapshot itself.
        var json = JsonDocument.Parse(await ExportAsync(id, "json")).RootElement;
        Assert.Equal(JsonSerializer.Serialize(figures), JsonSerializer.Serialize(json.GetProperty("document").GetProperty("indicators")));
        Assert.Equal(snapshot.GetProperty("records").GetArrayLength(), json.GetProperty("records").GetArrayLength());

        // CSV: one row per figure; every city-wide value is there.
        var csv = Encoding.UTF8.GetString(await ExportAsync(id, "csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("scope,code,indicator,item,value,base", csv[0]);
        foreach (var f in figures.EnumerateObject().Where(f => f.Value.GetProperty("value").ValueKind == JsonValueKind.Number))
            Assert.Contains(csv, line => line.StartsWith($"city,{f.Name},", StringComparison.Ordinal) && CsvValue(line, 4) == f.Value.GetProperty("value").GetDouble() && CsvItem(line) == "");
        Assert.Contains(csv, line => line.StartsWith("navile,B3.07,", StringComparison.Ordinal));

        // XLSX: a sheet per group, the quartieri, the records; the cells hold the snapshot's numbers.
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(await ExportAsync(id, "xlsx")), false))
        {
            var sheets = ExportReaders.Sheets(xlsx);
            Assert.Equal(["Progetti inclusivi", "Tavoli permanenti", "Gruppi di cittadini", "La rete delle organizzazioni", "Quartieri", "Attività", "Nota metodologica"], sheets.Keys);
            Assert.Contains(sheets["Progetti inclusivi"], r => r[0] == "PI.BEN" && r[2] == "totale" && r[3] == "14844");
            Assert.Contains(sheets["Progetti inclusivi"], r => r[0] == "B3.03" && r[3] == figures.GetProperty("B3.03").GetProperty("breakdown").GetProperty("quartiere").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture));
            var navile = figures.GetProperty("B3.07").GetProperty("breakdown").GetProperty("navile").GetDouble();
            Assert.Contains(sheets["Tavoli permanenti"], r => r[0] == "B3.07" && r[2] == "Navile" && r[3] == navile.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(snapshot.GetProperty("records").GetArrayLength() + 1, sheets["Attività"].Count);
        }

        // PDF: A4 pages with the sections, the figures and the page numbers.
        var pdfBytes = await ExportAsync(id, "pdf");
        using (var pdf = PdfDocument.Open(pdfBytes))
        {
            Assert.True(pdf.NumberOfPages >= 3);
            var page = pdf.GetPage(1);
            Assert.Equal(595, Math.Round(page.Width));
            Assert.Equal(842, Math.Round(page.Height));
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            foreach (var expected in new[] { "Progetti inclusivi", "Tavoli permanenti", "Gruppi di cittadini", "99+1", "14.844", "B.3.07", "Nota metodologica", $"pagina 1 di {pdf.NumberOfPages}" })
                Assert.Contains(expected, text);
        }

        foreach (var format in new[] { "json", "csv", "xlsx", "pdf" })
            Assert.Equal(await ExportAsync(id, format), await ExportAsync(id, format));

        // In English on request, as an English report page exports; a language the API does not speak is named.
        using (var english = SpreadsheetDocument.Open(new MemoryStream(await ExportAsync(id, "xlsx?lang=en")), false))
            Assert.Equal(["Inclusive projects", "Activities", "Note"], ExportReaders.Sheets(english).Keys.Where(k => k is "Inclusive projects" or "Activities" or "Note"));
        using (var pdf = PdfDocument.Open(await ExportAsync(id, "pdf?lang=en")))
            Assert.Contains("Methodological note", string.Join("\n", pdf.GetPages().Select(p => p.Text)));
        var analista = await Stack.PersonAsync("analista@actorwelfare.local");
        using var unknown = await analista.GetAsync($"/api/v1/cities/bologna/years/2019/snapshots/{id}/export.pdf?lang=fr");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("lang", (await Json(unknown)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_snapshot_keeps_the_organisation_names_it_was_taken_with_when_the_registry_renames_one()
    {
        var (id, snapshot) = await SnapshotAsync();
        var organisationId = snapshot.GetProperty("records").EnumerateArray()
            .SelectMany(r => r.GetProperty("profile").GetProperty("organisations") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray() : [])
            .Select(o => o.GetProperty("organisationId").GetString()!).First();
        var integration = await Stack.IntegrationAsync();
        var registry = JsonDocument.Parse(await integration.GetStringAsync("/api/v1/cities/bologna/organisations")).RootElement;
        var organisation = registry.EnumerateArray().First(o => o.GetProperty("id").GetString() == organisationId);
        var (name, type) = (organisation.GetProperty("name").GetString()!, organisation.GetProperty("type").GetString()!);
        Assert.Equal(name, snapshot.GetProperty("organisationNames").GetProperty(organisationId).GetString());
        var before = await ExportAsync(id, "xlsx");

        // Renaming is an administrator's act (an operatore's token is refused).
        using (var byOperatore = await integration.PostAsJsonAsync("/api/v1/cities/bologna/organisations", new { id = organisationId, name = name + " (no)", type }))
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, byOperatore.StatusCode);
        var admin = await Stack.PersonAsync("amministratore@actorwelfare.local");
        async Task RenameAsync(string to) =>
            (await admin.PostAsJsonAsync("/api/v1/cities/bologna/organisations", new { id = organisationId, name = to, type })).EnsureSuccessStatusCode();
        await RenameAsync(name + " (rinominata)");
        try
        {
            // The report of that moment, and its exports, still say what the registry said then.
            Assert.Equal(before, await ExportAsync(id, "xlsx"));
            using var xlsx = SpreadsheetDocument.Open(new MemoryStream(before), false);
            var activities = ExportReaders.Sheets(xlsx)["Attività"];
            Assert.Contains(activities, row => row.Any(cell => cell?.Contains(name) == true));
            Assert.DoesNotContain(activities, row => row.Any(cell => cell?.Contains("(rinominata)") == true));
        }
        finally
        {
            await RenameAsync(name);
        }
    }

    [Fact]
    public async Task Snapshots_cannot_be_changed_even_in_the_database()
    {
        await SnapshotAsync();
        await using var db = NpgsqlDataSource.Create(Stack.Db.ConnectionString);
        foreach (var sql in new[] { "UPDATE snapshot SET label = 'ritoccato'", "DELETE FROM snapshot", "TRUNCATE snapshot" })
        {
            await using var command = db.CreateCommand(sql);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("snapshots are immutable", error.MessageText);
        }
    }

    [Fact]
    public async Task The_report_page_follows_the_monitoring_report_and_renders_in_chromium()
    {
        var (id, _) = await SnapshotAsync("definitivo");
        var page = await fixture.Browser.OpenAsync(Stack.Url($"/citta/bologna/2019/rapporto/{id}"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, "direttore@actorwelfare.local");
        await Browser.WaitInteractiveAsync(page);
        var report = page.GetByTestId("report");
        await Assertions.Expect(report.Locator("[data-headline='PI.TOT'] [data-testid=report-value]")).ToHaveTextAsync("99+1", new() { Timeout = 15_000 });
        await Assertions.Expect(report.Locator("[data-headline='PI.BEN']")).ToContainTextAsync("su 89 progetti");
        // Every chart of the seed's report, by code: the B.3 tables and those the pages long left out.
        foreach (var code in new[] { "B3.01", "B3.02", "B3.03", "B3.04", "B3.05", "B3.06", "B3.07", "B3.08", "B3.09", "B3.10", "B3.11", "B3.12", "B3.13", "B3.14",
            "PI.PROM", "PI.SST", "PI.ODTFN", "B3.05.classes", "PI.ACCESS", "PI.TARGET", "PI.FUND", "PI.FUNDSIZE", "TP.YEAR", "TP.OPS", "GC.OPS" })
            Assert.Equal(1, await report.Locator($"[data-table='{code}']").CountAsync());
        await report.Locator("[data-table='B3.07'] .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(6, await page.Locator("[data-testid=report-quartieri] tbody tr").CountAsync());
        // The quartieri table is headed by what the figures are; their codes are only a hint beside.
        var headers = page.Locator("[data-testid=report-quartieri] thead th[data-code]");
        Assert.True(await headers.CountAsync() > 0);
        foreach (var header in await headers.AllAsync())
        {
            var code = (await header.GetAttributeAsync("data-code"))!;
            var name = await header.EvaluateAsync<string>("th => th.firstChild.textContent.trim()");
            Assert.True(name.Length > code.Length && !name.Contains(code), $"column {code} is headed '{name}'");
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Progetti inclusivi", Exact = true })).ToHaveAttributeAsync("data-code", "PI.TOT");
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Cittadini nei gruppi", Exact = true })).ToHaveAttributeAsync("data-code", "GC.CIT");
        await Assertions.Expect(report).ToContainTextAsync("Nota metodologica");
        Assert.Empty(await Browser.AccessibilityProblemsAsync(page));

        // An export started on the page shows its progress, then downloads the same file as the API gives.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-pdf").ClickAsync(), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=export-progress][data-state=done]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var path = await download.PathAsync();
        Assert.Equal(await ExportAsync(id, "pdf"), await File.ReadAllBytesAsync(path));
        Assert.EndsWith(".pdf", download.SuggestedFilename);
    }

    [Fact]
    public async Task The_report_page_its_pdf_workbook_and_csv_say_the_same_headlines_and_names_in_every_script()
    {
        // Five organisations of the 2019 activities renamed, for this snapshot, in their communities' languages.
        var integration = await Stack.IntegrationAsync();
        var registry = JsonDocument.Parse(await integration.GetStringAsync("/api/v1/cities/bologna/organisations")).RootElement;
        var (_, current) = await SnapshotAsync();
        var used = current.GetProperty("records").EnumerateArray()
            .SelectMany(r => r.GetProperty("profile").GetProperty("organisations") is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray() : [])
            .Select(o => o.GetProperty("organisationId").GetString()!).Distinct().Take(ForeignNames.All.Length).ToList();
        var before = used.Select(id => registry.EnumerateArray().First(o => o.GetProperty("id").GetString() == id))
            .Select(o => (Id: o.GetProperty("id").GetString()!, Name: o.GetProperty("name").GetString()!, Type: o.GetProperty("type").GetString()!)).ToList();
        var admin = await Stack.PersonAsync("amministratore@actorwelfare.local");
        async Task NameAsync(string id, string name, string type) =>
            (await admin.PostAsJsonAsync("/api/v1/cities/bologna/organisations", new { id, name, type })).EnsureSuccessStatusCode();
        Guid snapshot;
        try
        {
            foreach (var (o, name) in before.Zip(ForeignNames.All)) await NameAsync(o.Id, name, o.Type);
            (snapshot, _) = await SnapshotAsync();
        }
        finally
        {
            foreach (var o in before) await NameAsync(o.Id, o.Name, o.Type);
        }

        var page = await fixture.Browser.OpenAsync(Stack.Url($"/citta/bologna/2019/rapporto/{snapshot}"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, "direttore@actorwelfare.local");
        await Browser.WaitInteractiveAsync(page);
        var organisations = page.GetByTestId("report-activity-organisations");
        await Assertions.Expect(organisations.First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var shown = (await organisations.AllInnerTextsAsync()).SelectMany(t => t.Split("; ")).ToHashSet();
        foreach (var name in ForeignNames.All) Assert.Contains(name, shown); // Arabic and Chinese as written
        // Each name is isolated for the bidirectional algorithm, so the Arabic one reads right to left within the list.
        var isolated = await organisations.Locator("bdi").AllInnerTextsAsync();
        foreach (var name in ForeignNames.All) Assert.Contains(name, isolated);

        // Each headline the page shows ("99+1 progetti inclusivi (di cui …)") is a line of the PDF's text, read by PdfPig.
        var headlines = await page.Locator("[data-headline]").EvaluateAllAsync<string[]>(
            "cards => cards.map(c => [...c.querySelectorAll('.border > div:not([data-testid=definition-note])')].map(d => d.innerText.trim()))" +
            ".map(([value, label, basis]) => basis ? `${value} ${label} (${basis})` : `${value} ${label}`)");
        Assert.True(headlines.Length >= 12, $"{headlines.Length} headlines");
        static string Spaced(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
        var pdf = Spaced(string.Join(' ', ExportReaders.PdfLines(await ExportAsync(snapshot, "pdf"))));
        foreach (var headline in headlines) Assert.Contains(Spaced(headline), pdf);
        foreach (var name in ForeignNames.All.Take(3)) Assert.Contains(name, pdf);

        // The workbook and the activities CSV carry all five as written.
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(await ExportAsync(snapshot, "xlsx")), false))
        {
            var cells = ExportReaders.Sheets(xlsx)["Attività"].SelectMany(r => r).OfType<string>().SelectMany(c => c.Split("; ")).ToHashSet();
            foreach (var name in ForeignNames.All) Assert.Contains(name, cells);
        }
        var csv = ExportReaders.CsvLines(await ExportAsync(snapshot, "activities.csv")).SelectMany(ExportReaders.CsvFields).SelectMany(f => f.Split("; ")).ToHashSet();
        foreach (var name in ForeignNames.All) Assert.Contains(name, csv);
    }

    [Fact]
    public async Task An_analyst_closes_a_year_on_its_page_and_the_staff_page_then_offers_no_quick_update_of_that_year()
    {
        // A year the staff page's picker offers (the city's current year is 2019) that no other test of this class touches.
        await Stack.CommandAsync("bologna", "gruppo", "g-ui-chiuso", 0, new
        {
            type = "register",
            profile = new { name = "Gruppo del 2016", quartieri = new[] { "navile" }, zones = Array.Empty<string>(), startYear = 2016, endYear = 2016, status = "concluso" },
        });
        var analyst = await fixture.Browser.OpenAsync(Stack.Url("/citta/bologna/2016/anno"));
        await Browser.SignInAsync(analyst, Stack.Dashboard.BaseUrl, "analista@actorwelfare.local");
        await Browser.WaitInteractiveAsync(analyst);
        // Closing first says what it does; cancelling leaves the year open.
        await analyst.GetByTestId("close-year").ClickAsync();
        var confirm = analyst.GetByRole(AriaRole.Alertdialog, new() { Name = "Chiudere il 2016?" });
        await Assertions.Expect(confirm).ToContainTextAsync("rifiutata", new() { Timeout = 15_000 });
        await Assertions.Expect(confirm).ToContainTextAsync("istantanea definitiva");
        await Assertions.Expect(confirm).ToContainTextAsync("amministratore");
        await Assertions.Expect(confirm.GetByTestId("cancel-close")).ToBeFocusedAsync();
        Assert.Empty(await Browser.AccessibilityProblemsAsync(analyst));
        await confirm.GetByTestId("cancel-close").ClickAsync();
        await Assertions.Expect(analyst.GetByTestId("close-confirm")).ToHaveCountAsync(0);
        await Assertions.Expect(analyst.Locator("[data-testid=year-state][data-closed=false]")).ToBeVisibleAsync();
        Assert.False((await Json(await (await Stack.PersonAsync("direttore@actorwelfare.local")).GetAsync("/api/v1/cities/bologna/years/2016")))
            .GetProperty("status").GetProperty("closed").GetBoolean());

        await analyst.GetByTestId("close-year").ClickAsync();
        await analyst.GetByTestId("confirm-close").ClickAsync();
        await Assertions.Expect(analyst.Locator("[data-testid=year-state][data-closed=true]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(analyst.GetByTestId("close-confirm")).ToHaveCountAsync(0);
        await Assertions.Expect(analyst.GetByTestId("year-events")).ToContainTextAsync("analista@actorwelfare.local");

        var staff = await fixture.Browser.OpenAsync(Stack.Url("/mio-quartiere"));
        await Browser.SignInAsync(staff, Stack.Dashboard.BaseUrl, "operatore.navile@actorwelfare.local");
        await Browser.WaitInteractiveAsync(staff);
        await staff.SelectOptionAsync("#my-year", "2016");
        await staff.ClickAsync("label[for=my-concluded]"); // the gruppo ended in 2016: show ended ones too
        var row = staff.Locator("[data-testid=my-activities] li[data-id=g-ui-chiuso]");
        await staff.FillAsync("#my-search", "Gruppo del 2016");
        // The staff page says the year is closed and offers no update of it (the grain would refuse one anyway).
        await Assertions.Expect(row.GetByTestId("quick-year-closed")).ToContainTextAsync("2016 è chiuso", new() { Timeout = 15_000 });
        await Assertions.Expect(row.GetByTestId("quick-meeting")).ToBeDisabledAsync();
        var reader = await Stack.PersonAsync("direttore@actorwelfare.local");
        Assert.Equal(1, (await Json(await reader.GetAsync("/api/v1/cities/bologna/activities/gruppo/g-ui-chiuso"))).GetProperty("version").GetInt64());
    }

    private static double CsvValue(string line, int column) =>
        double.Parse(ExportReaders.CsvFields(line)[column], System.Globalization.CultureInfo.InvariantCulture);

    private static string CsvItem(string line) => ExportReaders.CsvFields(line)[3];
}
