using System.Globalization;
using System.Net.Http.Json;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

/// <summary>The network page in Chromium: Bologna 2019 drawn with its tables, passing axe; a live change redraws it.</summary>
public sealed partial class LiveDashboardTests
{
    [Fact]
    public async Task The_network_of_bologna_2019_is_drawn_with_its_tables_and_passes_axe()
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url("/accesso"));
        await Browser.SignInAsync(page, live.Stack.Dashboard.BaseUrl, "direttore@actorwelfare.local");
        // Whether the server's still picture was on the page, and ever there together with cytoscape's canvas.
        await page.AddInitScriptAsync("""
            window.__picture = { seen: false, withCanvas: false };
            new MutationObserver(() => {
              const g = document.getElementById('network-graph'), picture = g?.querySelector('.aw-graph-picture');
              if (picture) window.__picture.seen = true;
              if (picture && g.querySelector('canvas')) window.__picture.withCanvas = true;
            }).observe(document, { childList: true, subtree: true });
            """);
        await page.GotoAsync(live.Stack.Url("/citta/bologna/2019/rete"));
        await Browser.WaitInteractiveAsync(page);

        // Every organisation of the year is a node of the drawing (cytoscape draws on canvas; graph.js says how many it drew).
        var graph = page.GetByTestId("network-graph");
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-drawn", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"), new() { Timeout = 30_000 });
        Assert.True(await graph.Locator("canvas").CountAsync() > 0);
        var organisations = await page.GetByTestId("headline-NET.ORG").TextContentAsync();
        var rows = await page.Locator("[data-testid=network-organisations] tbody tr").CountAsync();
        Assert.Equal(Math.Min(100, int.Parse(organisations!.Replace(".", ""), CultureInfo.InvariantCulture)), rows); // the table lists them, most tied first
        Assert.True(await page.Locator("[data-testid=network-pairs] tbody tr").CountAsync() > 0);
        var drawn = int.Parse((await graph.GetAttributeAsync("data-drawn"))!, CultureInfo.InvariantCulture);
        var activities = await page.EvaluateAsync<int>("() => JSON.parse(document.getElementById('network-graph').dataset.graph).nodes.filter(n => n.id.startsWith('a:')).length");
        Assert.Equal(int.Parse(organisations.Replace(".", ""), CultureInfo.InvariantCulture) + activities, drawn);
        // Laid out by the server, and built once: when the page went live the drawing moved to Blazor's element.
        Assert.True(await page.EvaluateAsync<bool>("() => JSON.parse(document.getElementById('network-graph').dataset.graph).nodes.every(n => Number.isFinite(n.x) && Number.isFinite(n.y))"));
        Assert.Equal(1, await page.EvaluateAsync<int>("() => performance.getEntriesByName('aw-graph-layout').length"));
        // The page as it comes from the server already pictures every node and edge (on screen with the first
        // paint); the interactive drawing took its place.
        var served = await (await page.Context.APIRequest.GetAsync(page.Url)).TextAsync();
        var picture = System.Text.RegularExpressions.Regex.Match(served, "<svg class=\"aw-graph-picture\".*?</svg>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Equal(drawn, System.Text.RegularExpressions.Regex.Count(picture, "<(circle|rect|polygon) "));
        var edges = await page.EvaluateAsync<int>("() => JSON.parse(document.getElementById('network-graph').dataset.graph).edges.length");
        Assert.Equal(edges, System.Text.RegularExpressions.Regex.Count(picture, "<line "));
        Assert.Equal(0, await graph.Locator(".aw-graph-picture").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__picture.seen && !window.__picture.withCanvas"), "the picture was shown, then gave way to the drawing");
        Assert.Empty(await Browser.AccessibilityProblemsAsync(page));

        // The projection, coloured by type, for one district: a click on a row's count opens that organisation's activities there.
        await page.GotoAsync(live.Stack.Url("/citta/bologna/2019/rete?quartiere=navile&vista=organizzazioni&colore=tipologia"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-drawn", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"), new() { Timeout = 30_000 });
        Assert.Equal(0, await page.EvaluateAsync<int>("() => JSON.parse(document.getElementById('network-graph').dataset.graph).nodes.filter(n => n.id.startsWith('a:')).length"));
        var first = page.Locator("[data-testid=network-organisations] tbody tr").First;
        var name = (await first.Locator("th").TextContentAsync())!.Trim();
        var activitiesThere = await first.Locator("td").Nth(1).TextContentAsync();
        await first.GetByTestId("network-activities").ClickAsync();
        await Assertions.Expect(page.GetByTestId("drill-count")).ToHaveTextAsync($"{activitiesThere} attività", Soon);
        Assert.Contains("scope=navile", page.Url);

        // A filter that names nothing the city has is told, field by field.
        await page.GotoAsync(live.Stack.Url("/citta/bologna/2019/rete?quartiere=atlantide&funzione=magia"));
        await Browser.WaitInteractiveAsync(page); // no graph to draw: Blazor still starts
        await Assertions.Expect(page.GetByTestId("network-problems")).ToContainTextAsync("Quartiere (district): 'atlantide'", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("network-problems")).ToContainTextAsync("Risorsa portata (function): 'magia'");
        Assert.NotEmpty(name);
    }

    [Fact]
    public async Task A_new_tie_appears_on_the_open_network_page_without_a_reload()
    {
        var http = await live.Stack.IntegrationAsync();
        foreach (var (id, type) in new[] { ("rete-alfa", "odv"), ("rete-beta", "azienda"), ("rete-gamma", "scuola") })
            (await http.PostAsJsonAsync("/api/v1/cities/crema/organisations", new { id, name = $"Organizzazione {id[5..]}", type })).EnsureSuccessStatusCode();
        await live.Stack.CommandAsync("crema", "tavolo", "rete-t1", 0, Tavolo("Tavolo della rete", "rete-alfa", "rete-beta"));

        var page = await live.Browser.OpenAsync(live.Stack.Url("/accesso"));
        await Browser.SignInAsync(page, live.Stack.Dashboard.BaseUrl, "direttore.crema@actorwelfare.local");
        await page.GotoAsync(live.Stack.Url("/citta/crema/2022/rete"));
        await Browser.WaitInteractiveAsync(page);
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");
        var graph = page.GetByTestId("network-graph");
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-drawn", "3", new() { Timeout = 30_000 }); // two organisations, one tavolo
        await Assertions.Expect(page.GetByTestId("headline-NET.ORG")).ToHaveTextAsync("2");
        const string Places = "() => JSON.stringify(JSON.parse(document.getElementById('network-graph').dataset.graph).nodes.filter(n => n.id !== 'o:rete-gamma' && !n.id.startsWith('a:gruppo')).map(n => [n.id, n.x, n.y]).sort((a, b) => a[0] < b[0] ? -1 : 1))";
        var placesBefore = await page.EvaluateAsync<string>(Places);

        // A gruppo joins gamma to beta: the drawing, the figures and the tables follow.
        await live.Stack.CommandAsync("crema", "gruppo", "rete-g1", 0, Gruppo("Gruppo della rete", "rete-beta", "rete-gamma"));
        await Assertions.Expect(graph).ToHaveAttributeAsync("data-drawn", "5", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("headline-NET.ORG")).ToHaveTextAsync("3", Soon);
        await Assertions.Expect(page.GetByTestId("headline-NET.NODO")).ToHaveTextAsync("1"); // beta: a tavolo and a gruppo
        await Assertions.Expect(page.Locator("[data-testid=network-organisations] tr[data-organisation=rete-beta] [data-testid=network-ties]")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-testid=network-organisations] tr[data-organisation=rete-beta]")).ToContainTextAsync("sì");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the page was reloaded");
        Assert.Equal(placesBefore, await page.EvaluateAsync<string>(Places)); // what was drawn stays where it was
    }

    [Fact]
    public async Task An_organisation_page_lists_its_years_and_ties_and_an_administrator_merges_a_duplicate()
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url("/accesso"));
        await Browser.SignInAsync(page, live.Stack.Dashboard.BaseUrl, "amministratore@actorwelfare.local");

        // From the network, the most tied organisation of Bologna 2019 opens its page: the year lists as many activities as the network counts.
        await page.GotoAsync(live.Stack.Url("/citta/bologna/2019/rete?vista=organizzazioni"));
        await Browser.WaitInteractiveAsync(page);
        var first = page.Locator("[data-testid=network-organisations] tbody tr").First;
        await Assertions.Expect(first).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var name = (await first.Locator("th").TextContentAsync())!.Trim();
        var activities = int.Parse((await first.GetByTestId("network-activities").TextContentAsync())!, CultureInfo.InvariantCulture);
        await first.Locator("th a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("organisation-name")).ToHaveTextAsync(name, Soon);
        Assert.Equal(activities, await page.Locator("[data-testid=organisation-year][data-year='2019'] tbody tr").CountAsync());
        Assert.True(await page.Locator("[data-testid=organisation-ties] tbody tr").CountAsync() > 0);
        Assert.Empty(await Browser.AccessibilityProblemsAsync(page));

        // Two records of one organisation in Crema, each in an activity of 2023 (2022 is the live-tie test's).
        var http = await live.Stack.IntegrationAsync();
        foreach (var (id, title) in new[] { ("doppia-uno", "Associazione Doppia"), ("doppia-due", "Associazione Doppia APS") })
            (await http.PostAsJsonAsync("/api/v1/cities/crema/organisations", new { id, name = title, type = "odv" })).EnsureSuccessStatusCode();
        await live.Stack.CommandAsync("crema", "tavolo", "doppia-t1", 0, Tavolo(2023, "Tavolo dei doppi", "doppia-uno"));
        await live.Stack.CommandAsync("crema", "gruppo", "doppia-g1", 0, Gruppo(2023, "Gruppo dei doppi", "doppia-due"));

        await page.GotoAsync(live.Stack.Url("/citta/crema/organizzazioni/doppia-uno"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=organisation-year][data-year='2023'] tbody th")).ToHaveTextAsync(["Tavolo dei doppi"], Soon);

        // Described: saved, and shown as saved.
        await page.Locator("#o-description").FillAsync("Accompagnamento e trasporto solidale");
        await page.Locator("label[for=o-district-zona-1]").ClickAsync();
        await page.GetByTestId("organisation-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("organisation-saved")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("organisation-description")).ToHaveTextAsync("Accompagnamento e trasporto solidale");

        // Merged into the other record, after a confirmation: the tombstone says where it went, the other lists both activities.
        await page.Locator("#o-merge-into").SelectOptionAsync("doppia-due");
        await page.GetByTestId("organisation-merge").ClickAsync();
        await page.GetByTestId("organisation-merge-yes").ClickAsync();
        await Assertions.Expect(page.GetByTestId("organisation-merged")).ToContainTextAsync("Associazione Doppia APS", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("organisation-saved")).ToContainTextAsync("1 attività");
        await page.GetByTestId("organisation-merged").Locator("a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("organisation-name")).ToHaveTextAsync("Associazione Doppia APS", Soon);
        await Assertions.Expect(page.Locator("[data-testid=organisation-year][data-year='2023'] tbody th")).ToHaveTextAsync(["Tavolo dei doppi", "Gruppo dei doppi"], Soon); // the tavolo now names this one
        await Assertions.Expect(page.GetByTestId("organisation-merged-from")).ToHaveTextAsync("Associazione Doppia");
        Assert.Empty(await Browser.AccessibilityProblemsAsync(page));
    }

    private static object Tavolo(string name, params string[] organisations) => Tavolo(2022, name, organisations);

    private static object Tavolo(int year, string name, params string[] organisations) => new
    {
        type = "register",
        profile = new
        {
            name, quartieri = new[] { "zona-1" }, zones = Array.Empty<string>(), startYear = year, endYear = year, status = "attivo",
            coordination = "micro-equipe", themes = new[] { "anziani" }, purposes = new[] { "contrasto-isolamento" },
            organisations = organisations.Select(o => new { organisationId = o, functions = new[] { "volontari" } }),
        },
    };

    private static object Gruppo(string name, params string[] organisations) => Gruppo(2022, name, organisations);

    private static object Gruppo(int year, string name, params string[] organisations) => new
    {
        type = "register",
        profile = new
        {
            name, quartieri = new[] { "zona-1" }, zones = Array.Empty<string>(), startYear = year, endYear = year, status = "attivo",
            coordination = "micro-equipe", themes = new[] { "anziani" }, purposes = new[] { "contrasto-isolamento" },
            organisations = organisations.Select(o => new { organisationId = o, functions = Array.Empty<string>() }),
        },
    };
}
