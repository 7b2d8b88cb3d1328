using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

/// <summary>
/// Time in the model, as people meet it: closing a year never stops today's work on a long-running
/// tavolo; what the tavolo was in the closed year stays as it was, on its page, in its figures and in
/// the API. The year is reopened at the end: the other tests of this class use 2018.
/// </summary>
public sealed partial class StaffPagesTests
{
    private async Task<JsonElement> BodyOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private async Task SetYear2018Async(bool closed)
    {
        var person = await Stack.PersonAsync(closed ? "analista@actorwelfare.local" : "amministratore@actorwelfare.local");
        using var response = closed
            ? await person.PostAsync("/api/v1/cities/bologna/years/2018/close", null)
            : await person.PostAsJsonAsync("/api/v1/cities/bologna/years/2018/reopen", new { reason = "Fine della prova sugli anni" });
        Assert.Equal(closed, (await BodyOf(response)).GetProperty("status").GetProperty("closed").GetBoolean());
    }

    [Fact]
    public async Task After_2018_closes_an_operatore_adds_an_organisation_to_a_tavolo_running_since_2014_and_2018_stays_as_it_was()
    {
        await Stack.CommandAsync("bologna", "tavolo", "tavolo-dal-2014", 0, LiveStack.Tavolo("navile", 2014, "Tavolo dal 2014"));
        var integration = await Stack.IntegrationAsync();
        using (var org = await integration.PostAsJsonAsync("/api/v1/cities/bologna/organisations",
            new { id = "associazione-del-tempo", name = "Associazione del tempo", type = "odv" }))
            Assert.True(org.IsSuccessStatusCode, await org.Content.ReadAsStringAsync());
        var reader = await Stack.PersonAsync("direttore@actorwelfare.local");
        var indicators2018 = (await BodyOf(await reader.GetAsync("/api/v1/cities/bologna/years/2018/indicators"))).GetProperty("indicators").GetRawText();

        await SetYear2018Async(closed: true);
        try
        {
            // The quick action on the tavolo's page: from the year shown (the city's current year) on.
            var page = await SignedInPageAsync("operatore.navile", "/citta/bologna/attivita/tavolo/tavolo-dal-2014");
            await Assertions.Expect(page.GetByTestId("shown-year")).ToHaveTextAsync(Year.ToString(CultureInfo.InvariantCulture), Soon);
            await page.SelectOptionAsync("[data-testid=quick-organisation-value]", "associazione-del-tempo");
            await Assertions.Expect(page.GetByTestId("quick-organisation")).ToContainTextAsync($"dal {Year}");
            await page.GetByTestId("quick-organisation").ClickAsync();
            await Assertions.Expect(page.GetByTestId("quick-done")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            Assert.Equal(0, await page.GetByTestId("quick-error").CountAsync());
            await Assertions.Expect(page.GetByTestId("activity-organisations")).ToContainTextAsync("Associazione del tempo", new() { Timeout = 15_000 });

            // What the tavolo was in 2018 is unchanged: on its page, in the record, in the figures.
            await page.GotoAsync(Stack.Url("/citta/bologna/attivita/tavolo/tavolo-dal-2014?anno=2018"));
            await Browser.WaitInteractiveAsync(page);
            await Assertions.Expect(page.GetByTestId("shown-year")).ToHaveTextAsync("2018", Soon);
            await Assertions.Expect(page.GetByTestId("activity-organisations-none")).ToBeVisibleAsync();
            // Shown on the closed year, the quick actions say it is closed and add organisations from the next open year.
            await Assertions.Expect(page.GetByTestId("quick-year-closed")).ToContainTextAsync("2018 è chiuso", new() { Timeout = 15_000 });
            await Assertions.Expect(page.GetByTestId("quick-meeting")).ToBeDisabledAsync();
            await Assertions.Expect(page.GetByTestId("quick-organisation")).ToContainTextAsync($"dal {Year}");
            var record = await RecordAsync("tavolo", "tavolo-dal-2014");
            Assert.Equal(2, record.GetProperty("version").GetInt64());
            Assert.Equal("associazione-del-tempo", record.GetProperty("profile").GetProperty("organisations")[0].GetProperty("organisationId").GetString());
            Assert.Equal(JsonValueKind.Null, record.GetProperty("profilesUntil").GetProperty("2018").GetProperty("organisations").ValueKind);
            Assert.Equal(indicators2018, (await BodyOf(await reader.GetAsync("/api/v1/cities/bologna/years/2018/indicators"))).GetProperty("indicators").GetRawText());

            // The form: 2018 cannot be picked, changes apply from the year edited on, and the organisations differ from 2018.
            await page.GotoAsync(Stack.Url("/citta/bologna/attivita/tavolo/tavolo-dal-2014/modifica"));
            await Browser.WaitInteractiveAsync(page);
            await Assertions.Expect(page.Locator("#f-year option[value='2018']")).ToBeDisabledAsync();
            await Assertions.Expect(page.Locator("#f-year option[value='2018']")).ToContainTextAsync("chiuso");
            await Assertions.Expect(page.Locator("#f-year")).ToHaveValueAsync(Year.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(page.Locator("#f-fromYear")).ToHaveValueAsync(Year.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(0, await page.Locator("#f-fromYear option[value='2018']").CountAsync());
            await Assertions.Expect(page.Locator("[data-testid=differs][data-field=organisations]")).ToContainTextAsync("diverso dal 2018");
            Assert.Equal(0, await page.Locator("[data-testid=differs][data-field=themes]").CountAsync());
            // A theme added from 2019 on is saved, and 2018 keeps its themes.
            await page.ClickAsync("label[for=f-themes-abitare]");
            await page.GetByTestId("save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            record = await RecordAsync("tavolo", "tavolo-dal-2014");
            Assert.Equal(["anziani"], record.GetProperty("profilesUntil").GetProperty("2018").GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
            Assert.Contains("abitare", record.GetProperty("profile").GetProperty("themes").EnumerateArray().Select(t => t.GetString()));

            // Switching the form to 2017 (open) shows 2017's profile; a theme saved for 2017 only leaves 2016 and 2018 on.
            await page.GotoAsync(Stack.Url("/citta/bologna/attivita/tavolo/tavolo-dal-2014/modifica"));
            await Browser.WaitInteractiveAsync(page);
            await page.SelectOptionAsync("#f-year", "2017");
            await Assertions.Expect(page.Locator("#f-themes-abitare")).Not.ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#f-themes-anziani")).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#f-fromYear")).ToHaveValueAsync("2017");
            Assert.Equal(0, await page.Locator("[data-testid=differs]").CountAsync()); // 2017 was as 2016
            await page.SelectOptionAsync("#f-untilYear", "2017");
            await page.ClickAsync("label[for=f-themes-salute]");
            await page.GetByTestId("save").ClickAsync();
            await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            record = await RecordAsync("tavolo", "tavolo-dal-2014");
            IEnumerable<string?> ThemesUntil(string year) => record.GetProperty("profilesUntil").GetProperty(year).GetProperty("themes").EnumerateArray().Select(t => t.GetString());
            Assert.Equal(["anziani", "salute"], ThemesUntil("2017"));
            Assert.Equal(["anziani"], ThemesUntil("2016"));
            Assert.Equal(["anziani"], ThemesUntil("2018"));
            Assert.DoesNotContain("salute", record.GetProperty("profile").GetProperty("themes").EnumerateArray().Select(t => t.GetString()));

            // The history says which years each change touched.
            await page.GotoAsync(Stack.Url("/citta/bologna/attivita/tavolo/tavolo-dal-2014/storia"));
            await Browser.WaitInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=history] tr[data-version='2'] [data-testid=history-years]")).ToHaveTextAsync("dal 2019 in poi", Soon);
            await Assertions.Expect(page.Locator("[data-testid=history] tr[data-version='4'] [data-testid=history-years]")).ToHaveTextAsync("2017");
            await Assertions.Expect(page.Locator("[data-testid=history] tr[data-version='1'] [data-testid=history-years]")).ToContainTextAsync("2014");
        }
        finally
        {
            await SetYear2018Async(closed: false);
        }
    }

    [Fact]
    public async Task The_api_and_the_import_refuse_a_change_to_a_closed_year_a_year_outside_the_span_or_a_quartiere_of_another_time()
    {
        var version = await Stack.CommandAsync("bologna", "tavolo", "tavolo-api-anni", 0, LiveStack.Tavolo("navile", 2016, "Tavolo API negli anni"));
        var integration = await Stack.IntegrationAsync();
        async Task<JsonElement> Refused(object command)
        {
            using var response = await integration.PostAsJsonAsync("/api/v1/cities/bologna/activities/tavolo/tavolo-api-anni/commands", new { expectedVersion = version, command });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await BodyOf(response)).GetProperty("errors")[0];
        }

        var outside = await Refused(new { type = "changeStatus", status = "concluso", fromYear = 2012 });
        Assert.Equal(("fromYear", "within-span"), (outside.GetProperty("field").GetString(), outside.GetProperty("rule").GetString()));
        var porto = await Refused(new { type = "moveToQuartieri", quartieri = new[] { "porto" }, zones = Array.Empty<string>(), fromYear = 2019 });
        Assert.Equal(("quartieri", "existed-that-year"), (porto.GetProperty("field").GetString(), porto.GetProperty("rule").GetString()));
        Assert.Contains("2019", porto.GetProperty("messageIt").GetString());

        // The import refuses the same two mistakes, naming field, year and rule, and changes nothing: a CSV row
        // for a year before the tavolo began, and a JSON year that puts it in a quartiere of another time.
        async Task<JsonElement> RefusedImport(string content, string mediaType)
        {
            using var response = await integration.PostAsync("/api/v1/cities/bologna/imports", new StringContent(content, Encoding.UTF8, mediaType));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return (await BodyOf(response)).GetProperty("problems")[0];
        }
        var early = await RefusedImport("kind,id,name,quartieri,startYear,status,year,meetings\n" +
            "tavolo,tavolo-api-anni,Tavolo API negli anni,navile,2016,attivo,2012,4\n", "text/csv");
        Assert.Equal(("year", "within-span"), (early.GetProperty("field").GetString(), early.GetProperty("rule").GetString()));
        Assert.Contains("2012", early.GetProperty("messageIt").GetString());
        var json = JsonSerializer.Serialize(new
        {
            city = "bologna",
            activities = new[]
            {
                new
                {
                    kind = "tavolo", id = "tavolo-api-anni",
                    profile = new { name = "Tavolo API negli anni", quartieri = new[] { "navile" }, startYear = 2016, status = "attivo" },
                    profileByYear = new Dictionary<string, object> { ["2017"] = new { quartieri = new[] { "san-vitale" } } },
                    years = new Dictionary<string, object> { ["2017"] = new { meetings = 3 } },
                },
            },
        });
        var vanished = await RefusedImport(json, "application/json");
        Assert.Equal(("profileByYear.2017.quartieri", "existed-that-year"), (vanished.GetProperty("field").GetString(), vanished.GetProperty("rule").GetString()));
        Assert.Contains("2017", vanished.GetProperty("messageIt").GetString());
        Assert.Equal(1, (await RecordAsync("tavolo", "tavolo-api-anni")).GetProperty("version").GetInt64());

        await SetYear2018Async(closed: true);
        try
        {
            var closed = await Refused(new { type = "changeStatus", status = "concluso", fromYear = 2018 });
            Assert.Equal(("fromYear", "closed"), (closed.GetProperty("field").GetString(), closed.GetProperty("rule").GetString()));
            Assert.Equal(1, (await RecordAsync("tavolo", "tavolo-api-anni")).GetProperty("version").GetInt64());

            // Without fromYear the change applies from the city's current year: 2018 is left alone and it goes through.
            using (var accepted = await integration.PostAsJsonAsync("/api/v1/cities/bologna/activities/tavolo/tavolo-api-anni/commands",
                new { expectedVersion = version, command = new { type = "changeStatus", status = "concluso" } }))
                Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            var record = await RecordAsync("tavolo", "tavolo-api-anni");
            Assert.Equal("attivo", record.GetProperty("profilesUntil").GetProperty((Year - 1).ToString(CultureInfo.InvariantCulture)).GetProperty("status").GetString());
            Assert.Equal("concluso", record.GetProperty("profile").GetProperty("status").GetString());

            // The import: a row for 2018 with another profile is refused; the same file for 2019 only applies.
            const string header = "kind,id,name,quartieri,startYear,status,coordination,themes,purposes,year\n";
            const string row = "tavolo,tavolo-api-anni,Tavolo API negli anni,navile,2016,concluso,sst,anziani|abitare,scambio-informazioni,";
            using (var refused = await integration.PostAsync("/api/v1/cities/bologna/imports", new StringContent(header + row + "2018\n", Encoding.UTF8, "text/csv")))
            {
                Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
                var problem = (await BodyOf(refused)).GetProperty("problems")[0];
                Assert.Equal("closed", problem.GetProperty("rule").GetString());
                Assert.Contains("2018", problem.GetProperty("messageEn").GetString());
            }
            using (var applied = await integration.PostAsync("/api/v1/cities/bologna/imports", new StringContent(header + row + "2019\n", Encoding.UTF8, "text/csv")))
                Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
            // A file speaks for its years: 2019 takes the file's profile, 2018 and the years after 2019 keep theirs.
            record = await RecordAsync("tavolo", "tavolo-api-anni");
            IEnumerable<string?> Themes(JsonElement profile) => profile.GetProperty("themes").EnumerateArray().Select(t => t.GetString());
            Assert.Equal(["anziani", "abitare"], Themes(record.GetProperty("profilesUntil").GetProperty("2019")));
            Assert.Equal(["anziani"], Themes(record.GetProperty("profilesUntil").GetProperty("2018")));
            Assert.Equal(["anziani"], Themes(record.GetProperty("profile")));
        }
        finally
        {
            await SetYear2018Async(closed: false);
        }
    }

    [Fact]
    public async Task The_pages_of_2015_show_bolognas_nine_quartieri_of_the_time_and_a_later_year_says_porto_no_longer_existed()
    {
        await Stack.CommandAsync("bologna", "gruppo", "gruppo-porto-2015", 0, new
        {
            type = "register",
            profile = new { name = "Gruppo di Porto nel 2015", quartieri = new[] { "porto" }, zones = new[] { "saffi" }, startYear = 2015, endYear = 2015, status = "concluso" },
        });
        var reader = await Stack.PersonAsync("direttore@actorwelfare.local");
        var quartieri2015 = (await BodyOf(await reader.GetAsync("/api/v1/cities/bologna/years/2015/indicators"))).GetProperty("quartieri")
            .EnumerateObject().Select(q => q.Name).ToList();
        Assert.Equal(9, quartieri2015.Count);
        Assert.Contains("porto", quartieri2015);
        Assert.DoesNotContain("porto-saragozza", quartieri2015);

        var page = await SignedInPageAsync("direttore", "/citta/bologna/2015");
        var table = page.GetByTestId("table-quartieri");
        await Assertions.Expect(table.Locator("tr[data-quartiere=saragozza]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        Assert.Equal(9, await table.Locator("tbody tr").CountAsync());
        Assert.Equal(0, await table.Locator("tr[data-quartiere=porto-saragozza]").CountAsync());
        await Assertions.Expect(page.GetByTestId("comparison-title")).ToContainTextAsync("quartieri");

        // Porto's page of 2015 has its figures; of 2019 it says Porto no longer existed and where it went.
        await page.GotoAsync(Stack.Url("/citta/bologna/2015/quartiere/porto"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("headline-GC.TOT")).ToContainTextAsync("1", new() { Timeout = 15_000 });
        await page.GotoAsync(Stack.Url("/citta/bologna/2019/quartiere/porto"));
        await Browser.WaitInteractiveAsync(page);
        var gone = page.GetByTestId("not-that-year");
        await Assertions.Expect(gone).ToContainTextAsync("non esisteva nel 2019", new() { Timeout = 15_000 });
        await Assertions.Expect(gone.Locator("a")).ToHaveAttributeAsync("href", "citta/bologna/2019/quartiere/porto-saragozza");
    }
}
