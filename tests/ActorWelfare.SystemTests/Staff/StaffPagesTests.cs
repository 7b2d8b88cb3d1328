using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

public sealed class StaffFixture() : BrowserStackFixture(null);

/// <summary>What quartiere staff do in the browser: create, edit, quick updates, conflicts, history.</summary>
public sealed partial class StaffPagesTests(StaffFixture fixture) : IClassFixture<StaffFixture>
{
    // The city's current year in the test stack (Dashboard__Year, set by DashboardProcess as run.sh sets it).
    private const int Year = 2019;
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 15_000 };
    private LiveStack Stack => fixture.Stack;

    private async Task<IPage> SignedInPageAsync(string person, string path)
    {
        var page = await fixture.Browser.OpenAsync(Stack.Url(path));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, $"{person}@actorwelfare.local");
        if (!page.Url.EndsWith(path, StringComparison.Ordinal)) await page.GotoAsync(Stack.Url(path));
        await Browser.WaitInteractiveAsync(page);
        return page;
    }

    private async Task<JsonElement> RecordAsync(string kind, string id)
    {
        var reader = await Stack.PersonAsync("direttore@actorwelfare.local");
        using var response = await reader.GetAsync($"/api/v1/cities/bologna/activities/{kind}/{id}");
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : default;
    }

    private Task<long> GruppoAsync(string id, string quartiere, string name = "Gruppo di prova") =>
        Stack.CommandAsync("bologna", "gruppo", id, 0, new
        {
            type = "register",
            profile = new { name, quartieri = new[] { quartiere }, zones = Array.Empty<string>(), startYear = Year - 1, status = "attivo" },
        });

    [Fact]
    public async Task An_operatore_creates_a_gruppo_with_the_taxonomy_pickers_and_directors_see_it_live()
    {
        // Some activity already, so the director's page shows its figures (a year with none says so instead).
        await GruppoAsync("gruppo-gia-registrato", "savena", "Gruppo già registrato");
        var director = await SignedInPageAsync("direttore", $"/citta/bologna/{Year}");
        await Assertions.Expect(director.Locator("[data-testid=live-badge][data-state=live]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var before = int.Parse((await director.GetByTestId("headline-GC.TOT").TextContentAsync())!.Split('+')[0], CultureInfo.InvariantCulture);

        var page = await SignedInPageAsync("operatore.navile", "/mio-quartiere");
        await page.GetByTestId("new-gruppo").ClickAsync();
        await Browser.WaitInteractiveAsync(page);
        await page.FillAsync("#f-name", "Gruppo del parco Lame");
        await page.ClickAsync("label[for=f-zones-lame]");
        await page.FillAsync("#f-startYear", Year.ToString(CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#f-coordination", "odt");
        await page.ClickAsync("label[for=f-themes-anziani]");
        await page.ClickAsync("label[for=f-purposes-socializzazione]");
        // An organisation that is not in the registry yet is registered from the form.
        await page.Locator("#f-organisations details summary").ClickAsync();
        await page.FillAsync("#f-org-new-name", "Circolo La Fattoria");
        await page.SelectOptionAsync("#f-org-new-type", "centro-sociale");
        await page.GetByTestId("organisation-register").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=organisation-links] li[data-organisation=circolo-la-fattoria]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ClickAsync("label[for=f-org-circolo-la-fattoria-spazi]");
        await page.FillAsync("#f-meetings", "4");
        await page.FillAsync("#f-citizens", "25");
        await page.GetByTestId("save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var record = await RecordAsync("gruppo", "gruppo-del-parco-lame");
        Assert.Equal("navile", record.GetProperty("profile").GetProperty("quartieri")[0].GetString());
        Assert.Equal("lame", record.GetProperty("profile").GetProperty("zones")[0].GetString());
        Assert.Equal("odt", record.GetProperty("profile").GetProperty("coordination").GetString());
        Assert.Equal(25, record.GetProperty("years").GetProperty(Year.ToString(CultureInfo.InvariantCulture)).GetProperty("citizens").GetInt32());
        var link = record.GetProperty("profile").GetProperty("organisations")[0];
        Assert.Equal("circolo-la-fattoria", link.GetProperty("organisationId").GetString());
        Assert.Equal("spazi", link.GetProperty("functions")[0].GetString());

        // The director's open page follows without a reload.
        await Assertions.Expect(director.GetByTestId("headline-GC.TOT")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{before + 1}"), Soon);
    }

    [Fact]
    public async Task The_form_shows_the_domains_messages_inline_and_saves_nothing()
    {
        var page = await SignedInPageAsync("operatore.navile", "/citta/bologna/attivita/nuova/tavolo");
        await page.FillAsync("#f-name", "Tavolo sbagliato");
        await page.FillAsync("#f-startYear", "2024");
        await page.FillAsync("#f-endYear", "2020");
        await page.GetByTestId("save").ClickAsync();

        var error = page.Locator("[data-testid=field-error][data-field=endYear]");
        await Assertions.Expect(error).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Contains("is-invalid", await page.GetAttributeAsync("#f-endYear", "class"));
        await Assertions.Expect(page.GetByTestId("form-errors")).ToBeVisibleAsync();
        Assert.Equal(JsonValueKind.Undefined, (await RecordAsync("tavolo", "tavolo-sbagliato")).ValueKind);
    }

    [Fact]
    public async Task A_refused_form_names_each_field_by_the_label_people_read()
    {
        var page = await SignedInPageAsync("operatore.navile", "/citta/bologna/attivita/nuova/tavolo");
        await page.FillAsync("#f-startYear", "2024");
        await page.FillAsync("#f-endYear", "2020");
        await page.GetByTestId("save").ClickAsync();

        var name = page.Locator("[data-testid=field-error][data-field=name]");
        await Assertions.Expect(name).ToHaveTextAsync("Nome: campo obbligatorio.", Soon);
        var nameLabel = (await page.Locator("label[for=f-name]").TextContentAsync())!.Trim();
        Assert.StartsWith(nameLabel + ":", (await name.TextContentAsync())!.Trim());
        var endYear = (await page.Locator("[data-testid=field-error][data-field=endYear]").TextContentAsync())!.Trim();
        Assert.StartsWith("Anno di fine:", endYear);
        Assert.DoesNotContain("endYear", endYear);
        Assert.DoesNotContain("startYear", endYear);
    }

    [Fact]
    public async Task Quick_actions_record_a_meeting_and_add_an_organisation_in_one_click_each()
    {
        var integration = await Stack.IntegrationAsync();
        (await integration.PostAsJsonAsync("/api/v1/cities/bologna/organisations", new { id = "parrocchia-lame", name = "Parrocchia delle Lame", type = "parrocchia" })).EnsureSuccessStatusCode();
        await GruppoAsync("g-veloce", "navile", "Gruppo veloce");

        var page = await SignedInPageAsync("operatore.navile", "/mio-quartiere");
        await page.SelectOptionAsync("#my-year", (Year - 1).ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#my-search", "Gruppo veloce"); // the list has pages: find it as a person would
        var row = page.Locator("[data-testid=my-activities] li[data-id=g-veloce]");
        // The meeting's date is asked, today's day in the year shown by default.
        var today = DateTime.Now;
        var offered = new DateOnly(Year - 1, today.Month, Math.Min(today.Day, DateTime.DaysInMonth(Year - 1, today.Month)));
        await Assertions.Expect(row.GetByTestId("quick-meeting-date")).ToHaveValueAsync(offered.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await row.GetByTestId("quick-meeting-date").FillAsync($"{Year - 1}-03-14");
        await row.GetByTestId("quick-meeting").ClickAsync();
        await Assertions.Expect(row.GetByTestId("quick-done")).ToHaveTextAsync($"Incontro del 14 marzo {Year - 1} registrato.", Soon);
        await row.GetByTestId("quick-organisation-value").SelectOptionAsync("parrocchia-lame");
        await row.GetByTestId("quick-organisation").ClickAsync();
        await Assertions.Expect(row.GetByTestId("quick-done")).ToHaveTextAsync("Organizzazione aggiunta.", Soon);

        var record = await RecordAsync("gruppo", "g-veloce");
        Assert.Equal(3, record.GetProperty("version").GetInt64());
        var meeting = Assert.Single(record.GetProperty("years").GetProperty((Year - 1).ToString(CultureInfo.InvariantCulture)).GetProperty("events").EnumerateArray());
        Assert.Equal($"{Year - 1}-03-14", meeting.GetProperty("date").GetString());
        Assert.Equal("parrocchia-lame", record.GetProperty("profile").GetProperty("organisations")[0].GetProperty("organisationId").GetString());
    }

    [Fact]
    public async Task The_beneficiaries_of_a_progetto_are_updated_in_one_step_keeping_the_years_other_figures()
    {
        await Stack.CommandAsync("bologna", "progetto", "p-veloce", 0, new
        {
            type = "register",
            profile = new { name = "Progetto veloce", quartieri = new[] { "navile" }, zones = Array.Empty<string>(), startYear = Year - 1, status = "attivo" },
        });
        await Stack.CommandAsync("bologna", "progetto", "p-veloce", 1, new { type = "updateYearFigures", year = Year - 1, figures = new { beneficiaries = 10, volunteers = 3 } });

        var page = await SignedInPageAsync("operatore.navile", "/mio-quartiere");
        await page.SelectOptionAsync("#my-year", (Year - 1).ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#my-search", "Progetto veloce");
        var row = page.Locator("[data-testid=my-activities] li[data-id=p-veloce]");
        await row.GetByTestId("quick-beneficiaries-value").FillAsync("42");
        await row.GetByTestId("quick-beneficiaries").ClickAsync();
        await Assertions.Expect(row.GetByTestId("quick-done")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        var figures = (await RecordAsync("progetto", "p-veloce")).GetProperty("years").GetProperty((Year - 1).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(42, figures.GetProperty("beneficiaries").GetInt32());
        Assert.Equal(3, figures.GetProperty("volunteers").GetInt32());
    }

    [Fact]
    public async Task A_number_that_is_not_a_whole_number_is_shown_as_an_error_and_nothing_is_saved()
    {
        await GruppoAsync("g-numeri", "navile", "Gruppo dei numeri");
        var page = await SignedInPageAsync("operatore.navile", "/citta/bologna/attivita/gruppo/g-numeri/modifica");
        await page.FillAsync("#f-citizens", "99999999999");
        await page.GetByTestId("save").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=field-error][data-field=citizens]")).ToContainTextAsync("numero intero", new() { Timeout = 15_000 });
        Assert.Equal(1, (await RecordAsync("gruppo", "g-numeri")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task When_someone_else_saved_first_the_form_shows_what_changed_and_reloads_on_request()
    {
        await GruppoAsync("g-conteso", "navile", "Gruppo conteso");
        var page = await SignedInPageAsync("operatore.navile", "/citta/bologna/attivita/gruppo/g-conteso/modifica");
        await page.FillAsync("#f-name", "Il mio nome");

        // Meanwhile an integration changes the status.
        await Stack.CommandAsync("bologna", "gruppo", "g-conteso", 1, new { type = "changeStatus", status = "concluso" });
        await page.GetByTestId("save").ClickAsync();

        var conflict = page.GetByTestId("conflict");
        await Assertions.Expect(conflict).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // Labelled as people read it, with the terms' names: no field codes.
        var changes = page.GetByTestId("conflict-changes");
        await Assertions.Expect(changes.Locator("dt")).ToHaveTextAsync(["Stato"]);
        await Assertions.Expect(changes.Locator("dd")).ToHaveTextAsync(["Attivo → Concluso"]);
        Assert.Equal("Gruppo conteso", (await RecordAsync("gruppo", "g-conteso")).GetProperty("profile").GetProperty("name").GetString());

        await page.GetByTestId("conflict-reload").ClickAsync();
        await Assertions.Expect(page.Locator("#f-status")).ToHaveValueAsync("concluso", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#f-name")).ToHaveValueAsync("Gruppo conteso");
    }

    [Fact]
    public async Task Markup_in_a_text_field_is_shown_as_text_and_the_history_page_says_who_and_what()
    {
        const string name = "<script>window.pwned=1</script><b id=\"iniettato\">Gruppo</b>";
        var version = await GruppoAsync("g-markup", "navile", name);
        await Stack.CommandAsync("bologna", "gruppo", "g-markup", version, new { type = "recordMeeting", year = Year - 1 });

        var page = await SignedInPageAsync("direttore", "/citta/bologna/attivita/gruppo/g-markup");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(name, Soon);
        Assert.Equal(0, await page.Locator("#iniettato").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));

        await page.GetByTestId("history-link").ClickAsync();
        var history = page.GetByTestId("history");
        await Assertions.Expect(history.Locator("tbody tr")).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await Assertions.Expect(history.Locator("tr[data-version='2'] [data-testid=history-who]")).ToContainTextAsync("test integration");
        await Assertions.Expect(history.Locator("tr[data-version='2']")).ToContainTextAsync("Incontro registrato");
        await Assertions.Expect(history.Locator("tr[data-version='1']")).ToContainTextAsync(name);
    }

    [Fact]
    public async Task A_file_imported_on_the_page_shows_its_progress_and_result_or_the_rows_to_correct()
    {
        var page = await SignedInPageAsync("operatore.navile", "/mio-quartiere");
        await page.GetByTestId("import").ClickAsync();
        await Browser.WaitInteractiveAsync(page);

        var bad = "kind,id,name,quartieri,startYear,status\ngruppo,g-pagina,Dalla pagina,navile,2024,sospeso\n";
        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "attivita.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(bad) });
        await Assertions.Expect(page.Locator("[data-testid=import-status][data-phase=refused]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=import-problems] tr[data-row='2']")).ToContainTextAsync("status");
        Assert.Equal(JsonValueKind.Undefined, (await RecordAsync("gruppo", "g-pagina")).ValueKind);

        await page.SetInputFilesAsync("#import-file", new FilePayload { Name = "attivita.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(bad.Replace("sospeso", "attivo")) });
        await Assertions.Expect(page.Locator("[data-testid=import-status][data-phase=applied]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("import-summary")).ToContainTextAsync("1 nuove");
        Assert.Equal(1, (await RecordAsync("gruppo", "g-pagina")).GetProperty("version").GetInt64());
    }
}
