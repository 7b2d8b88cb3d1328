using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Tests.Years;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

/// <summary>A stack with Crema's 2014 dataset, Crema's current year 2014, as run.sh starts it.</summary>
public sealed class CremaFixture() : BrowserStackFixture("crema-2014")
{
    protected override Task<LiveStack> StartStackAsync() => LiveStack.StartAsync("crema-2014",
        new Dictionary<string, string> { ["Cities__crema__CurrentYear"] = "2014" });
}

/// <summary>
/// What a Crema director sees of 2014: the overview, a zone, the activities and the report, in Crema's
/// words and with Crema's own lists (the micro-équipes' professional figures, the ambiti di attuazione,
/// Cariplo), the city's own activities said to be of the whole city.
/// </summary>
public sealed class CremaPagesTests(CremaFixture fixture) : IClassFixture<CremaFixture>
{
    private LiveStack Stack => fixture.Stack;
    private static readonly LocatorAssertionsToContainTextOptions Soon = new() { Timeout = 15_000 };

    private Task<IPage> SignedInAtAsync(string email, string path) => fixture.SignedInAtAsync(email, path);

    [Fact]
    public async Task A_crema_director_reads_2014_in_cremas_words_from_the_overview_to_the_report()
    {
        var page = await SignedInAtAsync("direttore.crema@actorwelfare.local", "/");

        // The overview of Crema's current year, with Crema's lists.
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Lavoro di comunità a Crema 2014", Soon);
        await Assertions.Expect(page.GetByTestId("comparison-title")).ToHaveTextAsync("Confronto tra le zone", new() { Timeout = 15_000 });
        var main = page.Locator("main");
        foreach (var words in new[] { "Assistenti sociali", "Operatori di prossimità (ASA)", "Processi family friendly", "in carico al servizio sociale" })
            await Assertions.Expect(main).ToContainTextAsync(words, Soon);
        var text = await main.InnerTextAsync();
        Assert.DoesNotContain("Ufficio Reti", text);
        Assert.DoesNotContain("SST", text); // Bologna's name of its social service
        Assert.DoesNotContain("per quartiere", text, StringComparison.OrdinalIgnoreCase); // Crema counts per zona
        await Assertions.Expect(main).ToContainTextAsync("Tavoli permanenti che coinvolgono la comunità per zona", Soon);

        // A zone, and its activities.
        await page.GotoAsync(Stack.Url("/citta/crema/2014/quartiere/zona-1"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Le attività della zona", Soon);
        await page.GotoAsync(Stack.Url("/citta/crema/attivita"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=activity-table] tr[data-id=gruppo-progettazione-partecipata]"))
            .ToContainTextAsync("Tutta la città", Soon);

        // The report of a snapshot taken by Crema's analista: by zone, with Crema's offices.
        var analista = await Stack.PersonAsync("analista.crema@actorwelfare.local");
        using var taken = await analista.PostAsJsonAsync("/api/v1/cities/crema/years/2014/snapshots", new { label = "provvisorio" });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var id = (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await page.GotoAsync(Stack.Url($"/citta/crema/2014/rapporto/{id}"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#s-quartieri")).ToHaveTextAsync("Per zona", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Assistenti sociali", Soon);

        // Its PDF speaks of zones and of Crema's offices too.
        var pdf = ExportReaders.PdfLines(await (await Stack.PersonAsync("direttore.crema@actorwelfare.local"))
            .GetByteArrayAsync($"/api/v1/cities/crema/years/2014/snapshots/{id}/export.pdf"));
        Assert.Contains(pdf, l => l.Contains("Per zona"));
        Assert.Contains(pdf, l => l.Contains("Assistenti sociali"));
    }

    [Fact]
    public async Task A_crema_operatore_reads_their_zone_in_english_in_cremas_words()
    {
        var page = await SignedInAtAsync("operatore.zona1.crema@actorwelfare.local", "/lingua/en?ritorno=citta/crema/mio-quartiere");

        // The menu and their page call it what Crema calls it, in English.
        await Assertions.Expect(page.GetByTestId("nav-my-quartiere")).ToHaveTextAsync("My zone", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("My zone · Zona 1", Soon);

        // The overview: zones, Crema's offices and purposes in English, nothing of Bologna's words.
        await page.GotoAsync(Stack.Url("/citta/crema/2014"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("comparison-title")).ToHaveTextAsync("Comparison of the zones", new() { Timeout = 15_000 });
        var main = page.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync("Permanent tables per zone", Soon);
        var text = await main.InnerTextAsync();
        // ("District area" is Crema's own: its ambito distrettuale promotes projects.)
        foreach (var bologna in new[] { "per district", "the districts", "my district", "quartier", "Ufficio Reti", "SST" })
            Assert.DoesNotContain(bologna, text, StringComparison.OrdinalIgnoreCase);

        // The activities of the whole city say so.
        await page.GotoAsync(Stack.Url("/citta/crema/attivita"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=activity-table] tr[data-id=gruppo-progettazione-partecipata]"))
            .ToContainTextAsync("The whole city", Soon);
    }

    [Fact]
    public async Task A_meeting_recorded_with_its_minutes_at_one_of_cremas_places_is_listed_counted_and_seen_live_by_the_director()
    {
        var director = await SignedInAtAsync("direttore.crema@actorwelfare.local", "/citta/crema/2014");
        var headline = director.GetByTestId("headline-TP.MEET");
        await Assertions.Expect(headline).Not.ToBeEmptyAsync();
        var meetingsBefore = int.Parse((await headline.TextContentAsync())!.Trim(), CultureInfo.InvariantCulture);

        var page = await SignedInAtAsync("operatore.zona1.crema@actorwelfare.local", "/citta/crema/attivita/tavolo/tavolo-zona-1?anno=2014");
        var meetings = page.GetByTestId("activity-meetings");
        await Assertions.Expect(meetings.GetByTestId("meetings-source")).ToContainTextAsync("l'anno conta il totale dichiarato (4)", Soon);
        await Assertions.Expect(page.Locator("[data-testid=activity-years] tr[data-year='2014'] td[data-field=meetings]")).ToHaveTextAsync("4", new() { Timeout = 15_000 });

        // The quick action warns before the year's first dated meeting replaces its reported total.
        await page.GetByTestId("quick-meeting").ClickAsync();
        await Assertions.Expect(page.GetByTestId("quick-meeting-total")).ToContainTextAsync("ha un totale dichiarato di 4 incontri", Soon);

        // The working group's minutes (seed 004), first with the end before the start: named, nothing saved.
        await meetings.Locator("summary").ClickAsync();
        var form = meetings.GetByTestId("meeting-form");
        await form.GetByTestId("meeting-date").FillAsync("2014-04-09");
        await form.GetByTestId("meeting-start").FillAsync("14:30");
        await form.GetByTestId("meeting-end").FillAsync("14:00");
        await form.GetByTestId("meeting-place-id").SelectOptionAsync("oratorio-san-bartolomeo");
        await form.Locator("[data-testid=meeting-operators][data-office=assistenti-sociali]").FillAsync("2");
        await form.GetByTestId("meeting-decisions").FillAsync("Individuare i luoghi di prossimità");
        await form.GetByTestId("meeting-next-date").FillAsync("2014-05-07");
        await form.GetByTestId("meeting-save").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=field-error][data-field='events.end']"))
            .ToHaveTextAsync("Ora di fine: la fine (14:00) viene prima dell'inizio (14:30).", new() { Timeout = 15_000 });
        var director2014 = await Stack.PersonAsync("direttore.crema@actorwelfare.local");
        async Task<JsonElement> Tavolo() => await director2014.GetFromJsonAsync<JsonElement>("/api/v1/cities/crema/activities/tavolo/tavolo-zona-1");
        var version = (await Tavolo()).GetProperty("version").GetInt64();

        await form.GetByTestId("meeting-end").FillAsync("16:40");
        await form.GetByTestId("meeting-save").ClickAsync();
        await Assertions.Expect(meetings.GetByTestId("meeting-done")).ToHaveTextAsync("Incontro del 9 aprile 2014 registrato.", new() { Timeout = 15_000 });

        // What the operatore sees after the save: the meeting listed, the year counted from it.
        var row = meetings.Locator("[data-testid=meetings] tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator("[data-field=date]")).ToHaveTextAsync("9 aprile 2014");
        await Assertions.Expect(row.Locator("[data-field=place]")).ToHaveTextAsync("Oratorio di San Bartolomeo");
        await Assertions.Expect(row).ToContainTextAsync("14:30–16:40");
        await Assertions.Expect(row).ToContainTextAsync("7 maggio 2014");
        await Assertions.Expect(meetings.GetByTestId("meetings-source")).ToContainTextAsync("1 incontro registrato", Soon);
        await Assertions.Expect(page.Locator("[data-testid=activity-years] tr[data-year='2014'] td[data-field=meetings]")).ToHaveTextAsync("1 (registrati)");
        var stored = await Tavolo();
        Assert.Equal(version + 1, stored.GetProperty("version").GetInt64());
        Assert.Equal("oratorio-san-bartolomeo", stored.GetProperty("years").GetProperty("2014").GetProperty("events")[0].GetProperty("placeId").GetString());

        // The director's open overview follows: the year's tavolo-zona-1 now counts its one recorded meeting instead of its total of 4.
        await Assertions.Expect(headline).ToHaveTextAsync((meetingsBefore - 3).ToString(CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        // …and its month-by-month view: the twelve months of 2014, April's meetings now the working group's two (its minutes, seed 004) and this one.
        var months = director.Locator("[data-testid='table-TP.MONTH'] tbody tr");
        await Assertions.Expect(months).ToHaveCountAsync(12, new() { Timeout = 15_000 });
        await Assertions.Expect(director.Locator("[data-testid='table-TP.MONTH'] tr[data-id='04'] td")).ToHaveTextAsync("3");
        await Assertions.Expect(director.Locator("[data-testid='table-TP.MONTH'] tr[data-id='05'] td")).ToHaveTextAsync("0");
        await Assertions.Expect(director.GetByTestId("note-TP.MONTH")).ToHaveTextAsync("3 incontri registrati in 1 mese (su 2 tavoli)");
        Assert.Empty(await Browser.AccessibilityProblemsAsync(page));
    }
}
