using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

/// <summary>
/// A silo and a dashboard whose territory folder holds the shipped cities and Valdoro, a city invented
/// here: its file is all that is added.
/// </summary>
public sealed class ThirdCityFixture : BrowserStackFixture
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("aw-territories-").FullName;

    public ThirdCityFixture() : base(null) { }

    public override async Task InitializeAsync()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "deploy", "territories"), "*.json"))
            File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
        await File.WriteAllTextAsync(Path.Combine(Folder, "valdoro.json"), InventedCity.TerritoryJson());
        await base.InitializeAsync();
    }

    protected override Task<LiveStack> StartStackAsync() =>
        LiveStack.StartAsync(bothEnv: new Dictionary<string, string> { ["Territories__Directory"] = Folder });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>
/// A third city from a file alone: Valdoro gets people with roles there, an import, its overview and its
/// report, in its own words ("circoscrizione"), through the API and in Chromium.
/// </summary>
public sealed class ThirdCityTests(ThirdCityFixture fixture) : IClassFixture<ThirdCityFixture>
{
    private const int Year = 2019; // the test stack's current year
    private LiveStack Stack => fixture.Stack;

    [Fact]
    public async Task A_city_added_by_its_territory_file_alone_works_end_to_end_in_its_own_words()
    {
        // The API knows it.
        var cities = await Stack.Http.GetFromJsonAsync<JsonElement>("/api/v1/cities");
        var valdoro = cities.EnumerateArray().Single(c => c.GetProperty("id").GetString() == InventedCity.Id);
        Assert.Equal("circoscrizione", valdoro.GetProperty("districtTerm").GetProperty("it").GetString());

        // People get roles there like anywhere else.
        var admin = await Stack.PersonAsync("amministratore@actorwelfare.local");
        foreach (var (email, body) in new (string, object)[]
        {
            ("operatore.fiume@valdoro.example", new { roles = new[] { "operatore" }, quartieri = new[] { "valdoro/fiume" } }),
            ("analista@valdoro.example", new { roles = new[] { "analista" }, cities = new[] { "valdoro" } }),
        })
        {
            var json = JsonSerializer.SerializeToNode(body)!.AsObject();
            json["email"] = email;
            json["password"] = DashboardProcess.DemoPassword;
            using var created = await admin.PostAsJsonAsync("/api/v1/admin/users", json);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // Its operatore imports a tavolo of their circoscrizione with the city's own ids.
        var operatore = await Stack.SignedInClientAsync("operatore.fiume@valdoro.example");
        using (var imported = await operatore.PostAsync($"/api/v1/cities/{InventedCity.Id}/imports", new StringContent(
            "kind,id,name,quartieri,startYear,status,coordination,themes,year,meetings,operators\n" +
            $"tavolo,tavolo-del-fiume,Tavolo del fiume,fiume,{Year},attivo,sst,anziani,{Year},7,servizio-sociale=3|educativa=1\n", Encoding.UTF8, "text/csv")))
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        var figures = (await operatore.GetFromJsonAsync<JsonElement>($"/api/v1/cities/{InventedCity.Id}/years/{Year}/indicators")).GetProperty("indicators");
        Assert.Equal(1, figures.GetProperty("TP.TOT").GetProperty("value").GetInt32());
        Assert.Equal(3, figures.GetProperty("TP.OPS").GetProperty("breakdown").GetProperty("servizio-sociale").GetDouble());

        // Its pages: the operatore lands on Valdoro, in Valdoro's words.
        var page = await fixture.Browser.OpenAsync(Stack.Url("/accesso"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, "operatore.fiume@valdoro.example");
        await page.GotoAsync(Stack.Url("/"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Lavoro di comunità a Valdoro", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("comparison-title")).ToHaveTextAsync("Confronto tra le circoscrizioni", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("nav-my-quartiere")).ToHaveTextAsync("La mia circoscrizione");
        var overview = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Tavoli permanenti che coinvolgono la comunità per circoscrizione", overview);
        Assert.DoesNotContain("quartier", overview, StringComparison.OrdinalIgnoreCase); // Valdoro's words only
        await page.GetByTestId("nav-my-quartiere").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("La mia circoscrizione · Fiume", new() { Timeout = 15_000 });

        // Its report: a snapshot taken by its analista, read by district in its words.
        var analista = await Stack.SignedInClientAsync("analista@valdoro.example");
        using var taken = await analista.PostAsJsonAsync($"/api/v1/cities/{InventedCity.Id}/years/{Year}/snapshots", new { label = "provvisorio" });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var id = (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var report = await fixture.Browser.OpenAsync(Stack.Url("/accesso"));
        await Browser.SignInAsync(report, Stack.Dashboard.BaseUrl, "analista@valdoro.example");
        await report.GotoAsync(Stack.Url($"/citta/{InventedCity.Id}/{Year}/rapporto/{id}"));
        await Browser.WaitInteractiveAsync(report);
        await Assertions.Expect(report.Locator("#s-quartieri")).ToHaveTextAsync("Per circoscrizione", new() { Timeout = 15_000 });
        await Assertions.Expect(report.Locator("main")).ToContainTextAsync("Fiume");
    }
}
