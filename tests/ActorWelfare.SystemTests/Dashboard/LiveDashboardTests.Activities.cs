using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

/// <summary>The pages about activities, as a director and a quartiere operator read them on bologna-2019.</summary>
public sealed partial class LiveDashboardTests
{
    private async Task<IPage> SignedInAsync(string person, string path)
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url(path));
        await Browser.SignInAsync(page, live.Stack.Dashboard.BaseUrl, $"{person}@actorwelfare.local");
        if (!page.Url.EndsWith(path, StringComparison.Ordinal)) await page.GotoAsync(live.Stack.Url(path));
        await Browser.WaitInteractiveAsync(page);
        return page;
    }

    private async Task<JsonElement> ReadAsync(string path)
    {
        var director = await live.Stack.PersonAsync("direttore@actorwelfare.local");
        return JsonDocument.Parse(await director.GetStringAsync($"/api/v1/cities/bologna/{path}")).RootElement.Clone();
    }

    private async Task<Dictionary<string, string>> OrganisationNamesAsync() =>
        (await ReadAsync("organisations")).EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("name").GetString()!);

    // The address is what these steps check; the page's content is awaited by the assertions after them
    // (waiting for the load event as well made a busy run time out).

    private static Task<IReadOnlyList<string>> TextsAsync(ILocator cells) => cells.AllTextContentsAsync().ContinueWith(t => (IReadOnlyList<string>)[.. t.Result.Select(s => s.Trim())]);

    [Fact]
    public async Task My_quartiere_shows_each_row_as_text_hides_ended_activities_and_filters_by_name_kind_and_status()
    {
        var demoYear = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "datasets", "bologna-2019.json"))).RootElement.GetProperty("year").GetInt32();
        // An ended project, before the dataset's years, so no figure of 2018 or 2019 moves.
        await live.Stack.CommandAsync("bologna", "progetto", "progetto-finito-navile", 0, new
        {
            type = "register",
            profile = new { name = "Progetto finito del Navile", quartieri = new[] { "navile" }, zones = Array.Empty<string>(), startYear = 2016, endYear = 2017, status = "concluso" },
        });
        var navile = (await ReadAsync("activities?quartiere=navile")).EnumerateArray().ToList();
        var current = navile.Where(a => a.GetProperty("status").GetString() != "concluso").ToList();

        var page = await SignedInAsync("operatore.navile", "/mio-quartiere");
        var rows = page.Locator("[data-testid=my-activities] > li");
        // A page at a time (ActivityList.PageSize rows): the staff page test checks the pages themselves.
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(current.Count, 25), new() { Timeout = 15_000 });
        Assert.DoesNotContain("@", await page.GetByTestId("my-activities").TextContentAsync());
        await Assertions.Expect(rows.First).ToContainTextAsync(new Regex(@"· versione \d+"));
        Assert.Equal(0, await page.Locator("li[data-id=progetto-finito-navile]").CountAsync());
        await Assertions.Expect(page.GetByTestId("my-count")).ToContainTextAsync($"{current.Count} di {navile.Count} attività");

        // The year picker offers the city's current year, and its label is whole: one line, inside the page.
        await Assertions.Expect(page.Locator("#my-year")).ToHaveValueAsync(demoYear.ToString(CultureInfo.InvariantCulture));
        Assert.True(await page.EvaluateAsync<bool>(
            "() => { const l = document.querySelector('label[for=my-year]'), r = l.getBoundingClientRect();" +
            " return r.height <= parseFloat(getComputedStyle(l).lineHeight) + 1 && r.left >= 0 && r.right <= document.documentElement.clientWidth && l.scrollWidth <= l.clientWidth; }"),
            "the year's label is cut off or wraps");

        await page.ClickAsync("label[for=my-concluded]");
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(navile.Count, 25), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("li[data-id=progetto-finito-navile]")).ToContainTextAsync("Concluso");
        await page.ClickAsync("label[for=my-concluded]");

        await page.FillAsync("#my-search", "bolognina");
        var named = current.Where(a => a.GetProperty("name").GetString()!.Contains("bolognina", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(named);
        await Assertions.Expect(rows).ToHaveCountAsync(named.Count, new() { Timeout = 15_000 });
        await page.FillAsync("#my-search", "");

        await page.SelectOptionAsync("#my-kind", "tavolo");
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(current.Count(a => a.GetProperty("kind").GetString() == "tavolo"), 25), new() { Timeout = 15_000 });
        Assert.All(await rows.Locator(":scope > span.text-muted").AllTextContentsAsync(), meta => Assert.StartsWith("Tavolo permanente", meta));
        await page.SelectOptionAsync("#my-kind", "");

        await page.SelectOptionAsync("#my-status", "concluso");
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-id", "progetto-finito-navile");
    }

    [Fact]
    public async Task The_history_shows_each_change_as_labelled_fields_with_names_in_the_pages_language()
    {
        var names = await OrganisationNamesAsync();
        var organisation = names.Keys.First(id => id.StartsWith("ets-tavoli-", StringComparison.Ordinal));
        // A gruppo of years after the dataset's, so no figure the other tests read moves.
        var version = await live.Stack.CommandAsync("bologna", "gruppo", "gruppo-storia", 0, new
        {
            type = "register",
            profile = new
            {
                name = "Gruppo della storia", quartieri = new[] { "santo-stefano" }, zones = Array.Empty<string>(), startYear = 2021, status = "attivo",
                coordination = "sst-ufficio-reti", themes = new[] { "anziani" }, organisations = new[] { new { organisationId = organisation, functions = new[] { "spazi" } } },
            },
        });
        version = await live.Stack.CommandAsync("bologna", "gruppo", "gruppo-storia", version, new { type = "updateYearFigures", year = 2021, figures = new { meetings = 1234, citizens = 5 } });
        await live.Stack.CommandAsync("bologna", "gruppo", "gruppo-storia", version, new { type = "recordMeeting", year = 2021 });

        var page = await SignedInAsync("direttore", "/citta/bologna/attivita/gruppo/gruppo-storia/storia");
        var created = page.Locator("tr[data-version='1']");
        await Assertions.Expect(created.GetByTestId("created-with")).ToHaveTextAsync("Creata con:", new() { Timeout = 15_000 });
        await Assertions.Expect(Line(created, "Anno di inizio")).ToHaveTextAsync("2021");
        await Assertions.Expect(Line(created, "Quartieri")).ToHaveTextAsync("Santo Stefano");
        await Assertions.Expect(Line(created, "Coordinamento")).ToHaveTextAsync("SST e Ufficio Reti insieme");
        await Assertions.Expect(Line(created, $"Organizzazione «{names[organisation]}»")).ToHaveTextAsync("Messa a disposizione di spazi");
        await Assertions.Expect(page.Locator("tr[data-version='2'] [data-testid=change-lines]")).ToContainTextAsync("2021 · Incontri");
        await Assertions.Expect(Line(page.Locator("tr[data-version='3']"), "2021 · Incontri")).ToHaveTextAsync("1.234 → 1.235");
        // Nothing of the stored form: no JSON, no ids, no "0 → …".
        var history = (await page.GetByTestId("history").TextContentAsync())!;
        foreach (var raw in new[] { "{", "\"", organisation, "sst-ufficio-reti", "santo-stefano", "0 → 2021" }) Assert.DoesNotContain(raw, history);

        await page.GetByTestId("lang-en").ClickAsync();
        await Assertions.Expect(Line(page.Locator("tr[data-version='3']"), "2021 · Meetings")).ToHaveTextAsync("1,234 → 1,235", new() { Timeout = 15_000 });
        await Assertions.Expect(Line(page.Locator("tr[data-version='1']"), "Coordination")).ToHaveTextAsync("Social service and networks office");
        await page.GetByTestId("lang-it").ClickAsync();
    }

    private static ILocator Line(ILocator entry, string label) =>
        entry.Locator("[data-testid=change-lines] > div").Filter(new() { Has = entry.Page.Locator("dt", new() { HasTextRegex = new Regex($"^{Regex.Escape(label)}$") }) }).Locator("dd");

    [Fact]
    public async Task The_activity_page_lists_its_organisations_by_name_and_only_the_figures_its_kind_reports()
    {
        var names = await OrganisationNamesAsync();
        var tavolo = await ReadAsync("activities/tavolo/tavolo-bolognina");
        var links = tavolo.GetProperty("profile").GetProperty("organisations").EnumerateArray().ToList();

        var page = await SignedInAsync("direttore", "/citta/bologna/attivita/tavolo/tavolo-bolognina");
        var organisations = page.Locator("[data-testid=activity-organisations] tbody tr");
        await Assertions.Expect(organisations).ToHaveCountAsync(links.Count, new() { Timeout = 15_000 });
        foreach (var link in links)
        {
            var row = page.Locator($"[data-testid=activity-organisations] tr[data-organisation='{link.GetProperty("organisationId").GetString()}']");
            await Assertions.Expect(row.Locator("th")).ToHaveTextAsync(names[link.GetProperty("organisationId").GetString()!]);
            await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("Messa a disposizione di volontari");
        }
        Assert.DoesNotContain("Organizzazioni", await TextsAsync(page.Locator("[data-testid=activity-profile] dt"))); // no bare count any more

        // A tavolo: meetings and public staff by office, no beneficiaries, no promoter.
        var headers = await TextsAsync(page.Locator("[data-testid=activity-years] thead th"));
        Assert.Contains("Incontri", headers);
        Assert.Contains("Operatori pubblici (Servizio sociale territoriale)", headers);
        Assert.Contains("Operatori pubblici (Ufficio Reti e lavoro di comunità)", headers);
        Assert.DoesNotContain("Beneficiari", headers);
        Assert.DoesNotContain("Cittadini coinvolti", headers);
        var figures = tavolo.GetProperty("years").GetProperty("2019");
        // Bologna 2019's tavoli record their meetings with dates: the count says it comes from them.
        await Assertions.Expect(page.Locator("[data-testid=activity-years] tr[data-year='2019'] td[data-field=meetings]"))
            .ToHaveTextAsync($"{figures.GetProperty("events").GetArrayLength()} (registrati)");
        await Assertions.Expect(page.Locator("[data-testid=meetings] tbody tr")).ToHaveCountAsync(figures.GetProperty("events").GetArrayLength());
        await Assertions.Expect(page.Locator("[data-testid=activity-years] tr[data-year='2019'] td[data-field='operators.sst']"))
            .ToHaveTextAsync(figures.GetProperty("operators").GetProperty("sst").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-testid=activity-profile] dt[data-field=coordination]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=activity-profile] dt[data-field=promoterLevel]")).ToHaveCountAsync(0);

        // A progetto: beneficiaries and its own profile fields, no meetings, no coordination.
        // One of the dataset's, with figures (other tests of this fixture add projects without any).
        string? progetto = null;
        foreach (var summary in (await ReadAsync("activities?kind=progetto&quartiere=navile&status=attivo")).EnumerateArray())
        {
            var id = summary.GetProperty("id").GetString()!;
            if ((await ReadAsync($"activities/progetto/{id}")).GetProperty("years").TryGetProperty("2019", out _)) { progetto = id; break; }
        }
        Assert.NotNull(progetto);
        await page.GotoAsync(live.Stack.Url($"/citta/bologna/attivita/progetto/{progetto}"));
        await Assertions.Expect(page.Locator("[data-testid=activity-profile] dt[data-field=promoterLevel]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=activity-years] tr[data-year='2019']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=activity-profile] dt[data-field=coordination]")).ToHaveCountAsync(0);
        // The live page replaces the prerendered one: read the headers once it has.
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=activity-years] thead th").First).ToBeVisibleAsync();
        headers = await TextsAsync(page.Locator("[data-testid=activity-years] thead th"));
        Assert.Contains("Beneficiari", headers);
        Assert.DoesNotContain("Incontri", headers);
    }

    [Fact]
    public async Task The_activities_api_answers_a_page_at_a_time_with_the_total_and_links_and_refuses_bad_paging_naming_both_fields()
    {
        var director = await live.Stack.PersonAsync("direttore@actorwelfare.local");
        var all = (await ReadAsync("activities")).EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.True(all.Count > 20);

        var seen = new List<string?>();
        var next = "/api/v1/cities/bologna/activities?kind=&pageSize=20";
        var pages = 0;
        while (next is not null)
        {
            using var response = await director.GetAsync(next);
            Assert.Equal(all.Count.ToString(CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Total-Count")));
            var rows = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
            Assert.True(rows.Count <= 20);
            seen.AddRange(rows.Select(r => r.GetProperty("id").GetString()));
            next = response.Headers.TryGetValues("Link", out var links)
                ? System.Text.RegularExpressions.Regex.Match(string.Join(",", links), "<([^>]+)>; rel=\"next\"") is { Success: true } m ? m.Groups[1].Value : null
                : null;
            pages++;
        }
        Assert.Equal((all.Count + 19) / 20, pages);
        Assert.Equal(all, seen); // every activity once, in the same order as the whole list

        using var bad = await director.GetAsync("/api/v1/cities/bologna/activities?page=0&pageSize=5000");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["page", "pageSize"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task The_activities_list_searches_sorts_and_pages_and_keeps_them_in_the_address()
    {
        var all = (await ReadAsync("activities")).EnumerateArray().ToList();
        var page = await SignedInAsync("direttore", "/citta/bologna/attivita");
        var rows = page.Locator("[data-testid=activity-table] tbody tr");
        await Assertions.Expect(page.GetByTestId("activity-count")).ToContainTextAsync($"{all.Count} attività", new() { Timeout = 15_000 });
        await Assertions.Expect(rows).ToHaveCountAsync(Math.Min(25, all.Count));
        // Labels written as elsewhere: capitals, the city's district word.
        Assert.Equal(["Nome", "Tipo", "Quartiere", "Stato", "Dal"], (await TextsAsync(page.Locator("[data-testid=activity-table] thead th a"))).Select(h => h.Split(',')[0].Trim().TrimEnd('▲', '▼').Trim()));
        Assert.All(await TextsAsync(rows.Locator("td:nth-child(4)")), status => Assert.True(char.IsUpper(status[0]), status));
        Assert.All(await TextsAsync(rows.Locator("td:nth-child(2)")), kind => Assert.True(char.IsUpper(kind[0]), kind));

        // Sorted by start year, newest first: two clicks on the column.
        await page.Locator("th[data-sort=start] a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=start"), new() { Timeout = 15_000 });
        await page.Locator("th[data-sort=start] a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("dir=desc"), new() { Timeout = 15_000 });
        var newest = all.Max(a => a.GetProperty("startYear").GetInt32());
        await Assertions.Expect(rows.First.Locator("td:nth-child(5)")).ToHaveTextAsync(newest.ToString(CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("th[data-sort=start]")).ToHaveAttributeAsync("aria-sort", "descending");

        // The second page survives a reload.
        await page.GetByTestId("pager").Locator("a[data-page='2']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("page=2"), new() { Timeout = 15_000 });
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.GetByTestId("activity-page-of")).ToContainTextAsync($"pagina 2 di {(all.Count + 24) / 25}", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("th[data-sort=start]")).ToHaveAttributeAsync("aria-sort", "descending");
        var years = (await TextsAsync(rows.Locator("td:nth-child(5)"))).Select(int.Parse).ToList();
        Assert.Equal(years.OrderDescending(), years);

        // A search by name, accents and case aside, also in the address.
        await Browser.WaitInteractiveAsync(page);
        await page.FillAsync("#f-search", "ADOLESCENTI");
        await page.GetByTestId("apply-filters").ClickAsync();
        // The address is polled, not awaited as a navigation: the list changes it in the page (history), and a
        // navigation waiter that starts after that change waits for one that never comes (it timed out so in
        // CI while the address already read q=ADOLESCENTI).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=ADOLESCENTI"), new() { Timeout = 30_000 });
        var matching = all.Count(a => a.GetProperty("name").GetString()!.Contains("adolescenti", StringComparison.OrdinalIgnoreCase));
        Assert.True(matching > 0);
        await Assertions.Expect(page.GetByTestId("activity-count")).ToHaveTextAsync($"{matching} attività", new() { Timeout = 15_000 });
        Assert.DoesNotContain("page=", page.Url);
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(rows).ToHaveCountAsync(matching, new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#f-search")).ToHaveValueAsync("ADOLESCENTI");
    }
}
