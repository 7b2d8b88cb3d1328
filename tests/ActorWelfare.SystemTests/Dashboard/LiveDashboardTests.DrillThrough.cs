using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

/// <summary>Drill-through in Chromium: a table row, a bar and a headline open the activities behind them, as many as the figure.</summary>
public sealed partial class LiveDashboardTests
{
    [Fact]
    public async Task A_row_a_bar_and_a_headline_open_the_activities_behind_them_as_many_as_the_figure_says()
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url("/accesso"));
        await Browser.SignInAsync(page, live.Stack.Dashboard.BaseUrl, "direttore@actorwelfare.local");
        await page.GotoAsync(live.Stack.Url("/citta/bologna/2019"));
        await Browser.WaitInteractiveAsync(page);

        // A table row: the 44 projects with "Socialità…" among their activities.
        var socialita = page.Locator("[data-testid='table-PI.ATT'] tr", new() { HasText = "Socialità" });
        await page.Locator("figure[data-key='PI.ATT'] summary").ClickAsync();
        Assert.Equal("44", await socialita.Locator("td").TextContentAsync());
        await socialita.Locator("a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("drill-count")).ToHaveTextAsync("44 attività", Soon);
        await Assertions.Expect(page.GetByTestId("activity-count")).ToContainTextAsync("44 attività");
        await Assertions.Expect(page.GetByTestId("drill-figure")).ToContainTextAsync("Socialità");
        await Assertions.Expect(page.GetByTestId("drill-figure")).ToContainTextAsync("2019");

        // A bar of the tavoli per quartiere: as many tavoli as its bar, all of that quartiere.
        await page.GotoAsync(live.Stack.Url("/citta/bologna/2019"));
        await Browser.WaitInteractiveAsync(page);
        await page.Locator("#chart-B3-07").ScrollIntoViewIfNeededAsync();
        await page.Locator("#chart-B3-07 .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        var bar = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "() => { const t = document.getElementById('chart-B3-07').data[0]; const i = t.x.findIndex(v => v > 0); return { i, label: t.y[i], value: t.x[i] }; }");
        var (label, value) = (bar.GetProperty("label").GetString()!, bar.GetProperty("value").GetDouble());
        await page.Locator("#chart-B3-07 .bars .point").Nth(bar.GetProperty("i").GetInt32()).ClickAsync(new() { Force = true }); // where the bar is: plotly's layer above takes the click, as a person's
        await Assertions.Expect(page.GetByTestId("drill-count")).ToHaveTextAsync($"{value:0} attività", Soon);
        await Assertions.Expect(page.GetByTestId("drill-figure")).ToContainTextAsync(label);
        Assert.Contains("figure=B3.07", page.Url);

        // A headline: the 99 projects of PI.TOT (the one left out of the figures, "+1", is not among them).
        await page.GotoAsync(live.Stack.Url("/citta/bologna/2019"));
        await Browser.WaitInteractiveAsync(page);
        await page.GetByTestId("headline-PI.TOT").Locator("a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("drill-count")).ToHaveTextAsync("99 attività", Soon);

        // Bad addresses are told, naming the field; a visitor who may not read the records gets no links.
        await page.GotoAsync(live.Stack.Url("/citta/bologna/attivita?figure=XX.1&year=1990"));
        await Assertions.Expect(page.GetByTestId("drill-problems")).ToContainTextAsync("figure: 'XX.1'", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("drill-problems")).ToContainTextAsync("year:");
        var visitor = await live.Browser.OpenAsync(live.Stack.Url("/citta/bologna/2019"));
        await Assertions.Expect(visitor.GetByTestId("headline-PI.TOT")).ToHaveTextAsync("99+1", Soon);
        Assert.Equal(0, await visitor.Locator("[data-testid='headline-PI.TOT'] a, figure[data-key] a").CountAsync());
    }

    [Fact]
    public async Task A_director_comments_on_a_figure_and_an_operatore_of_the_city_reads_it_a_visitor_does_not()
    {
        const string words = "Gli incontri dei tavoli sono calati: ne parliamo alla prossima riunione.";
        var director = await live.Browser.OpenAsync(live.Stack.Url("/accesso"));
        await Browser.SignInAsync(director, live.Stack.Dashboard.BaseUrl, "direttore@actorwelfare.local");
        await director.GotoAsync(live.Stack.Url("/citta/bologna/2019"));
        await Browser.WaitInteractiveAsync(director);
        var panel = director.GetByTestId("figure-comments");
        await panel.Locator("select").SelectOptionAsync("TP.MEET");
        await panel.GetByTestId("comment-text").FillAsync(words);
        await panel.GetByTestId("comment-add").ClickAsync();
        await Assertions.Expect(panel.Locator("[data-testid=figure-comment][data-code='TP.MEET']")).ToContainTextAsync(words, new() { Timeout = 15_000 });

        var operatore = await live.Browser.OpenAsync(live.Stack.Url("/accesso"));
        await Browser.SignInAsync(operatore, live.Stack.Dashboard.BaseUrl, "operatore.navile@actorwelfare.local");
        await operatore.GotoAsync(live.Stack.Url("/citta/bologna/2019"));
        var seen = operatore.Locator("[data-testid=figure-comment][data-code='TP.MEET']");
        await Assertions.Expect(seen).ToContainTextAsync(words, new() { Timeout = 15_000 });
        await Assertions.Expect(seen).ToContainTextAsync("direttore@actorwelfare.local");
        Assert.Equal(0, await operatore.GetByTestId("comment-form").CountAsync());

        var visitor = await live.Browser.OpenAsync(live.Stack.Url("/citta/bologna/2019"));
        await Assertions.Expect(visitor.GetByTestId("headline-TP.MEET")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Equal(0, await visitor.GetByTestId("figure-comments").CountAsync());
    }
}
