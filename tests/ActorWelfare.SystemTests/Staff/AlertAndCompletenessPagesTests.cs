using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

/// <summary>Crema's 2014 stack with the silo's calendar on 15 June (a test clock): the day the alerts are worked out for.</summary>
public sealed class CremaJuneFixture() : BrowserStackFixture("crema-2014")
{
    protected override Task<LiveStack> StartStackAsync() => LiveStack.StartAsync("crema-2014", bothEnv: new Dictionary<string, string>
    {
        ["Cities__crema__CurrentYear"] = "2014",
        ["Clock__Now"] = "2026-06-15T10:00:00+02:00",
        ["Mail__DigestSeconds"] = "1",
    });
}

/// <summary>
/// Alerts and completeness as people see them. A change that causes an alert shows on the operatore's page and on the directors' alerts
/// page within a second, with the menu's badge; the operatore acknowledges it; the fix clears the other live. A zone's
/// gaps and sign-off show on the operatore's page and the completeness page, and the analista is told before closing.
/// </summary>
public sealed class AlertAndCompletenessPagesTests(CremaJuneFixture fixture) : IClassFixture<CremaJuneFixture>
{
    private LiveStack Stack => fixture.Stack;
    private static readonly LocatorAssertionsToBeVisibleOptions WithinASecond = new() { Timeout = 1_000 };
    private static readonly LocatorAssertionsToHaveCountOptions Soon = new() { Timeout = 15_000 };

    private Task<IPage> SignedInAtAsync(string email, string path) => fixture.SignedInAtAsync(email, path);

    private static ILocator Alert(IPage page, string activity, string rule) =>
        page.Locator($"[data-testid=alerts-open] [data-testid=alert][data-activity='{activity}'][data-rule='{rule}']");

    [Fact]
    public async Task An_alert_appears_on_open_pages_within_a_second_of_the_change_that_causes_it_and_is_answered_there()
    {
        var operatore = await SignedInAtAsync("operatore.zona1.crema@actorwelfare.local", "/citta/crema/mio-quartiere");
        var director = await SignedInAtAsync("direttore.crema@actorwelfare.local", "/citta/crema/avvisi");
        await Assertions.Expect(operatore.GetByTestId("alerts-evaluated")).ToContainTextAsync("Situazione al 15 giugno 2014");
        await Assertions.Expect(director.GetByTestId("alerts-evaluated")).ToContainTextAsync("Situazione al 15 giugno 2014");
        var openBefore = await director.Locator("[data-testid=alerts-open] [data-testid=alert]").CountAsync();

        // A tavolo registered through the API with no meeting and no figures: 165 days into 2014.
        var watch = Stopwatch.StartNew();
        var version = await Stack.CommandAsync("crema", "tavolo", "tavolo-muto", 0, LiveStack.Tavolo("zona-1", 2014, "Tavolo muto"));
        var acknowledged = watch.Elapsed;
        await Assertions.Expect(Alert(operatore, "tavolo-muto", "no-meeting")).ToBeVisibleAsync(WithinASecond);
        await Assertions.Expect(Alert(director, "tavolo-muto", "no-meeting")).ToBeVisibleAsync(WithinASecond);
        Assert.True(watch.Elapsed - acknowledged < TimeSpan.FromSeconds(2), $"seen {watch.Elapsed - acknowledged} after the change was acknowledged");
        await Assertions.Expect(Alert(operatore, "tavolo-muto", "no-meeting").GetByTestId("alert-text"))
            .ToHaveTextAsync("Nessun incontro da 165 giorni (dal 1 gennaio 2014).");
        await Assertions.Expect(Alert(director, "tavolo-muto", "missing-figures").GetByTestId("alert-text"))
            .ToHaveTextAsync("Attiva nel 2014, ma nessun dato del 2014 è stato inserito.");
        await Assertions.Expect(director.Locator("[data-testid=alerts-open] [data-testid=alert]")).ToHaveCountAsync(openBefore + 2, Soon);
        await Assertions.Expect(director.GetByTestId("alerts-badge")).ToHaveTextAsync((openBefore + 2).ToString(CultureInfo.InvariantCulture));

        // Each links to the activity and to its fix; only the district's operatore may answer.
        var quiet = Alert(operatore, "tavolo-muto", "no-meeting");
        Assert.Equal("citta/crema/attivita/tavolo/tavolo-muto?anno=2014", await quiet.GetByTestId("alert-activity").GetAttributeAsync("href"));
        Assert.Equal("citta/crema/attivita/tavolo/tavolo-muto?anno=2014#meetings-title", await quiet.GetByTestId("alert-fix").GetAttributeAsync("href"));
        Assert.Equal("citta/crema/attivita/tavolo/tavolo-muto/modifica?anno=2014",
            await Alert(operatore, "tavolo-muto", "missing-figures").GetByTestId("alert-fix").GetAttributeAsync("href"));
        await Assertions.Expect(director.GetByTestId("alert-ack")).ToHaveCountAsync(0);

        // The operatore acknowledges "missing figures": it moves among the answered ones, and leaves the director's open list live.
        await Alert(operatore, "tavolo-muto", "missing-figures").GetByTestId("alert-ack").ClickAsync();
        await Assertions.Expect(Alert(operatore, "tavolo-muto", "missing-figures")).ToHaveCountAsync(0, Soon);
        await Assertions.Expect(operatore.Locator("[data-testid=alert-answered][data-activity='tavolo-muto']"))
            .ToContainTextAsync("Preso in carico da operatore.zona1.crema@actorwelfare.local");
        await Assertions.Expect(Alert(director, "tavolo-muto", "missing-figures")).ToHaveCountAsync(0, Soon);
        await Assertions.Expect(director.GetByTestId("alerts-badge")).ToHaveTextAsync((openBefore + 1).ToString(CultureInfo.InvariantCulture));

        // A snooze to a day already past is refused by field, nothing changes.
        await quiet.GetByTestId("alert-until").FillAsync("2014-06-01");
        await quiet.GetByTestId("alert-snooze").ClickAsync();
        await Assertions.Expect(quiet.GetByTestId("alert-error")).ToHaveTextAsync("Rimanda fino al: deve essere un giorno dopo oggi.");

        // The fix: a meeting recorded yesterday clears "no meeting" on both pages within a second.
        await Stack.CommandAsync("crema", "tavolo", "tavolo-muto", version, new { type = "recordEvent", @event = new { date = "2014-06-14" } });
        await Assertions.Expect(Alert(operatore, "tavolo-muto", "no-meeting")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
        await Assertions.Expect(Alert(director, "tavolo-muto", "no-meeting")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
        await Assertions.Expect(director.Locator("[data-testid=alerts-open] [data-testid=alert]")).ToHaveCountAsync(openBefore, Soon);
        Assert.Empty(await Browser.AccessibilityProblemsAsync(director));
        Assert.Empty(await Browser.AccessibilityProblemsAsync(operatore));
    }

    [Fact]
    public async Task The_api_lists_alerts_to_the_city_s_people_and_takes_rules_from_its_amministratori_only_checked_by_field()
    {
        var director = await Stack.PersonAsync("direttore.crema@actorwelfare.local");
        var admin = await Stack.SignedInClientAsync("amministratore@actorwelfare.local");
        var bologna = await Stack.PersonAsync("direttore@actorwelfare.local");

        var list = await director.GetFromJsonAsync<JsonElement>("/api/v1/cities/crema/alerts");
        Assert.Equal("2014-06-15", list.GetProperty("today").GetString());
        using (var other = await bologna.GetAsync("/api/v1/cities/crema/alerts")) Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);

        var rules = await director.GetFromJsonAsync<JsonElement>("/api/v1/cities/crema/alerts/rules");
        Assert.Equal(90, rules.GetProperty("noMeetingDays").GetInt32());
        using (var notAdmin = await director.PutAsJsonAsync("/api/v1/cities/crema/alerts/rules", new { noMeetingDays = 60, missingFiguresAfterDays = 90, outlierFactor = 3, outlierMinimum = 10, endedStatuses = new[] { "concluso" } }))
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        using (var nonsense = await admin.PutAsJsonAsync("/api/v1/cities/crema/alerts/rules", new { noMeetingDays = 0, missingFiguresAfterDays = 90, outlierFactor = 0.5, outlierMinimum = 10, endedStatuses = new[] { "finito" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
            var errors = (await nonsense.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("rule").GetString()}");
            Assert.Equal(["alerts.noMeetingDays:range", "alerts.outlierFactor:range", "alerts.endedStatuses:unknown-id"], errors);
        }
        Assert.Equal(90, (await director.GetFromJsonAsync<JsonElement>("/api/v1/cities/crema/alerts/rules")).GetProperty("noMeetingDays").GetInt32());
        // A real change (a higher floor for outliers, which Crema's one year of data cannot have), then back.
        foreach (var minimum in new[] { 11, 10 })
            using (var set = await admin.PutAsJsonAsync("/api/v1/cities/crema/alerts/rules", new { noMeetingDays = 90, missingFiguresAfterDays = 90, outlierFactor = 3, outlierMinimum = minimum, endedStatuses = new[] { "concluso" } }))
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        using (var evaluate = await director.PostAsync("/api/v1/cities/crema/alerts/evaluate", null)) Assert.Equal(HttpStatusCode.Forbidden, evaluate.StatusCode);
        using (var missing = await (await Stack.PersonAsync("operatore.zona1.crema@actorwelfare.local"))
            .PostAsJsonAsync("/api/v1/cities/crema/alerts/no-such-alert/answer", new { answer = "ack" }))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Completeness_shows_each_zone_s_gaps_an_operatore_signs_off_their_zone_and_the_analista_is_told_what_is_missing()
    {
        var director = await Stack.PersonAsync("direttore.crema@actorwelfare.local");
        async Task<JsonElement> Completeness() => await director.GetFromJsonAsync<JsonElement>("/api/v1/cities/crema/years/2014/completeness");

        // The operatore's own zone: its rate, its gaps, and the sign-off, which the audit keeps.
        var operatore = await SignedInAtAsync("operatore.zona1.crema@actorwelfare.local", "/citta/crema/mio-quartiere");
        var zone = operatore.Locator("[data-testid=my-district][data-id='zona-1']");
        await Assertions.Expect(zone).ToHaveAttributeAsync("data-ready", "false");
        await zone.GetByTestId("mark-ready").ClickAsync();
        await Assertions.Expect(zone).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(zone.GetByTestId("sign-off")).ToContainTextAsync("Pronto · operatore.zona1.crema@actorwelfare.local");
        var api = await Completeness();
        var zona1 = api.GetProperty("districts").EnumerateArray().Single(d => d.GetProperty("quartiere").GetString() == "zona-1");
        Assert.True(zona1.GetProperty("signOff").GetProperty("ready").GetBoolean());

        // The director's completeness page: the zone ready, every gap listed as the API gives it.
        var page = await SignedInAtAsync("direttore.crema@actorwelfare.local", "/citta/crema/2014/completezza");
        await Assertions.Expect(page.Locator("[data-testid=completeness-districts] tr[data-id='zona-1']")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator("[data-testid=completeness-districts] tr[data-id='zona-2']")).ToHaveAttributeAsync("data-ready", "false");
        var gaps = api.GetProperty("gaps").GetArrayLength();
        await Assertions.Expect(page.Locator("[data-testid=completeness-gaps] tbody tr")).ToHaveCountAsync(gaps, Soon);

        // A new project with nothing reported opens a gap, seen live on the open page.
        await Stack.CommandAsync("crema", "progetto", "progetto-vuoto", 0, new
        {
            type = "register",
            profile = new { name = "Progetto vuoto", quartieri = new[] { "zona-1" }, zones = Array.Empty<string>(), startYear = 2014, status = "attivo" },
        });
        await Assertions.Expect(page.Locator("[data-testid=completeness-gaps] tbody tr")).ToHaveCountAsync(gaps + 1, Soon);
        await Assertions.Expect(page.Locator("[data-testid=completeness-gaps] tr[data-id='progetto/progetto-vuoto'] td[data-field=missing]"))
            .ToHaveTextAsync("Beneficiari, Beneficiari in carico al servizio sociale, Volontari, Operatori delle organizzazioni, Operatori pubblici, Organizzazioni, Finanziatori, Classe di finanziamento");

        // Before closing, the analista is told which zones are not ready and how many activities have gaps; cancelling changes nothing.
        var analista = await SignedInAtAsync("analista.crema@actorwelfare.local", "/citta/crema/2014/anno");
        await analista.GetByTestId("close-year").ClickAsync();
        await Assertions.Expect(analista.GetByTestId("close-not-ready")).ToContainTextAsync("zone non ancora pronte: Zona 2");
        await Assertions.Expect(analista.GetByTestId("close-gaps")).ToContainTextAsync($"{gaps + 1} attività su");
        await analista.GetByTestId("cancel-close").ClickAsync();
        await Assertions.Expect(analista.GetByTestId("year-state")).ToHaveAttributeAsync("data-closed", "false");
        Assert.Empty(await Browser.AccessibilityProblemsAsync(page));
        Assert.Empty(await Browser.AccessibilityProblemsAsync(operatore));

        // The same in English, in Crema's words (five zones and the whole city, whose own activities its operatori sign off).
        await operatore.GotoAsync(Stack.Url("/lingua/en?ritorno=citta/crema/2014/completezza"));
        await Browser.WaitInteractiveAsync(operatore);
        await Assertions.Expect(operatore.GetByTestId("completeness-summary")).ToContainTextAsync("activities have entered all the figures of 2014", new() { Timeout = 15_000 });
        await Assertions.Expect(operatore.GetByTestId("completeness-summary")).ToContainTextAsync("Zones ready for closing: 1 of 6");
        await Assertions.Expect(operatore.Locator("[data-testid=completeness-districts] tr[data-id='zona-1'] td[data-field=ready]")).ToContainTextAsync("Ready · ");
        await Assertions.Expect(operatore.Locator("[data-testid=completeness-gaps] tr[data-id='progetto/progetto-vuoto'] td[data-field=missing]")).ToContainTextAsync("Beneficiaries, ");
        await operatore.GotoAsync(Stack.Url("/citta/crema/avvisi"));
        await Browser.WaitInteractiveAsync(operatore);
        await Assertions.Expect(operatore.GetByTestId("alerts-evaluated")).ToContainTextAsync("As of 15 June 2014", new() { Timeout = 15_000 });
        await Assertions.Expect(operatore.Locator("[data-testid=alert][data-activity='progetto-vuoto'][data-rule='missing-figures'] [data-testid=alert-text]"))
            .ToHaveTextAsync("Active in 2014, but no figure for 2014 has been entered.");
        Assert.DoesNotContain("quartier", await operatore.Locator("main").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_operatore_subscribes_to_their_zone_s_alerts_and_the_next_one_arrives_in_their_open_inbox()
    {
        var page = await SignedInAtAsync("operatore.zona1.crema@actorwelfare.local", "/citta/crema/notifiche");
        await Assertions.Expect(page.GetByTestId("mail-address"))
            .ToHaveTextAsync("I messaggi vanno all'indirizzo del tuo account: operatore.zona1.crema@actorwelfare.local.");
        var form = page.GetByTestId("subscribe-form");
        await Assertions.Expect(form.Locator("#n-scope")).ToHaveValueAsync("zona-1");
        await page.GetByTestId("subscribe").ClickAsync();
        await Assertions.Expect(page.GetByTestId("subscribe-status")).ToHaveTextAsync("Iscrizione salvata: Nuovi avvisi, Zona 1.");
        await Assertions.Expect(page.Locator("[data-testid=subscriptions] li[data-topic=alerts][data-scope='zona-1']")).ToContainTextAsync("Nuovi avvisi · Zona 1 · in italiano");

        await Stack.CommandAsync("crema", "progetto", "progetto-notificato", 0, new
        {
            type = "register",
            profile = new { name = "Progetto notificato", quartieri = new[] { "zona-1" }, zones = Array.Empty<string>(), startYear = 2014, status = "attivo" },
        });
        // The open page shows the message without being reloaded, and says a message arrived (this stack has no SMTP server: it says so).
        var message = page.Locator("[data-testid=inbox-message][data-topic=alerts]").Filter(new() { HasText = "Progetto notificato" });
        await Assertions.Expect(message).ToHaveCountAsync(1, Soon);
        await Assertions.Expect(page.GetByTestId("inbox-status")).ToHaveTextAsync("Un nuovo messaggio.");
        await Assertions.Expect(message.GetByTestId("inbox-subject")).ToHaveTextAsync("ActorWelfare · Crema: un nuovo avviso");
        await message.Locator("summary").ClickAsync();
        await Assertions.Expect(message.GetByTestId("inbox-body")).ToContainTextAsync("- Dati dell'anno mancanti (2014): Progetto notificato (Zona 1)");
        await Assertions.Expect(message.GetByTestId("inbox-mail")).ToHaveTextAsync("non inviato per e-mail: nessun server SMTP configurato", new() { Timeout = 15_000 });
        Assert.Empty(await Browser.AccessibilityProblemsAsync(page));

        // The same inbox in English, in Crema's words.
        await page.GotoAsync(Stack.Url("/lingua/en?ritorno=citta/crema/notifiche"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(message.GetByTestId("inbox-subject")).ToHaveTextAsync("ActorWelfare · Crema: one new alert");
        await message.Locator("summary").ClickAsync();
        await Assertions.Expect(message.GetByTestId("inbox-body")).ToContainTextAsync("- Figures of the year missing (2014): Progetto notificato (Zona 1)");
        await Assertions.Expect(message.GetByTestId("inbox-mail")).ToHaveTextAsync("not mailed: no SMTP server is configured");

        // Unsubscribing says so, and the subscription is gone.
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe: New alerts, Zona 1" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("subscribe-status")).ToHaveTextAsync("Unsubscribed: New alerts, Zona 1.");
        await Assertions.Expect(page.GetByTestId("no-subscriptions")).ToBeVisibleAsync();
        await page.GotoAsync(Stack.Url("/lingua/it?ritorno=citta/crema/notifiche"));
    }
}
