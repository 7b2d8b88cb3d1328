using System.Globalization;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

/// <summary>
/// One notion of the current year (Dashboard__Year, 2019 in the test stack as in run.sh) drives the
/// overview, the quick actions and the forms; a form save is one outcome.
/// </summary>
public sealed partial class StaffPagesTests
{
    [Fact]
    public async Task A_refused_new_activity_saves_nothing_reports_every_problem_and_saves_the_year_it_shows()
    {
        var page = await SignedInPageAsync("operatore.navile", "/citta/bologna/attivita/nuova/tavolo");
        // The form opens on the city's current year, for the activity's start and for its figures.
        Assert.Equal(Year.ToString(CultureInfo.InvariantCulture), await page.InputValueAsync("#f-startYear"));
        Assert.Equal(Year.ToString(CultureInfo.InvariantCulture), await page.Locator("[data-testid=figures-year]").InputValueAsync());

        // A profile problem and a figures problem: both are shown, and nothing is stored.
        await page.FillAsync("#f-name", "Tavolo in due tempi");
        await page.SelectOptionAsync("#f-coordination", "sst");
        await page.ClickAsync("label[for=f-themes-anziani]");
        await page.ClickAsync("label[for=f-purposes-scambio-informazioni]");
        await page.FillAsync("#f-endYear", "2010");
        await page.FillAsync("#f-meetings", "-1");
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=field-error][data-field=endYear]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=field-error][data-field=meetings]")).ToBeVisibleAsync();
        Assert.Equal(JsonValueKind.Undefined, (await RecordAsync("tavolo", "tavolo-in-due-tempi")).ValueKind);

        // The activity ran in 2018 only: the figures' year follows, and the save stores them under the year shown.
        await page.FillAsync("#f-startYear", "2018");
        await page.PressAsync("#f-startYear", "Tab");
        await page.FillAsync("#f-endYear", "2018");
        await page.PressAsync("#f-endYear", "Tab");
        await Assertions.Expect(page.Locator("[data-testid=figures-year]")).ToHaveValueAsync("2018");
        await page.FillAsync("#f-meetings", "6");
        var shown = await page.Locator("[data-testid=figures-year]").InputValueAsync();
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var record = await RecordAsync("tavolo", "tavolo-in-due-tempi");
        Assert.Equal([shown], record.GetProperty("years").EnumerateObject().Select(y => y.Name));
        Assert.Equal(6, record.GetProperty("years").GetProperty(shown).GetProperty("meetings").GetInt32());
        Assert.Equal(1, record.GetProperty("version").GetInt64()); // one save, one version
    }

    [Fact]
    public async Task Quick_actions_change_the_current_year_and_the_open_overview_follows_it()
    {
        await Stack.CommandAsync("bologna", "tavolo", "tavolo-anno-corrente", 0, LiveStack.Tavolo("navile", Year - 1, "Tavolo dell'anno corrente"));
        var overview = await fixture.Browser.OpenAsync(Stack.Url("/"));
        await Assertions.Expect(overview.Locator("h1")).ToContainTextAsync(Year.ToString(CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        Assert.Equal(Year.ToString(CultureInfo.InvariantCulture), await overview.Locator("#year-picker option").First.GetAttributeAsync("value")); // newest offered
        var meetings = overview.GetByTestId("headline-TP.MEET");
        await Assertions.Expect(overview.Locator("[data-testid=live-badge][data-state=live]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var before = await meetings.TextContentAsync();

        var page = await SignedInPageAsync("operatore.navile", "/mio-quartiere");
        Assert.Equal(Year.ToString(CultureInfo.InvariantCulture), await page.Locator("#my-year").InputValueAsync());
        await page.FillAsync("#my-search", "Tavolo dell'anno corrente");
        var row = page.Locator("[data-testid=my-activities] li[data-id=tavolo-anno-corrente]");
        // The meeting's date is offered in the current year (today's day of it).
        Assert.StartsWith($"{Year}-", await row.GetByTestId("quick-meeting-date").InputValueAsync());
        await row.GetByTestId("quick-meeting").ClickAsync();
        await Assertions.Expect(row.GetByTestId("quick-done")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await Assertions.Expect(meetings).Not.ToHaveTextAsync(before!, new() { Timeout = 15_000 });
        var record = await RecordAsync("tavolo", "tavolo-anno-corrente");
        Assert.Single(record.GetProperty("years").GetProperty(Year.ToString(CultureInfo.InvariantCulture)).GetProperty("events").EnumerateArray());
    }
}
