using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

/// <summary>A render caused by a live push keeps the page's language and its number and date formats.</summary>
public sealed partial class LiveDashboardTests
{
    [Theory]
    [InlineData("it", "it-IT", "14.844", "In diretta · ultimo aggiornamento ")]
    [InlineData("en", "en-GB", "14,844", "Live · last change ")]
    public async Task A_live_update_keeps_the_pages_number_and_date_formats(string language, string culture, string beneficiaries, string badgePrefix)
    {
        var page = await live.Browser.OpenAsync(live.Stack.Url($"/lingua/{language}?ritorno=citta/bologna/2019"));
        await Assertions.Expect(page.GetByTestId("headline-PI.BEN")).ToHaveTextAsync(beneficiaries, Soon);
        await Browser.WaitInteractiveAsync(page);
        var badge = page.Locator("[data-testid=live-badge][data-state=live]");
        await badge.WaitForAsync(new() { Timeout = 15_000 });
        var before = await HeadlinesAsync(page);
        var version = long.Parse((await badge.GetAttributeAsync("data-version"))!, CultureInfo.InvariantCulture);

        // Two pushes: one more beneficiary in a project, then its figures as they were. The changed figure
        // is written in the page's culture; once restored, every headline is what it was, character for character.
        var (id, figures) = await ProgettoWithBeneficiariesAsync();
        try
        {
            version = await PushAsync(page, version, id, figures.DeepClone().AsObject(), f => f["beneficiaries"] = f["beneficiaries"]!.GetValue<int>() + 1);
            Assert.Equal(beneficiaries.Replace("844", "845"), (await page.GetByTestId("headline-PI.BEN").TextContentAsync())!.Trim());
        }
        finally
        {
            // The other tests of this fixture read the published 2019 figures: they are put back whatever happened.
            await PushAsync(page, version, id, figures.DeepClone().AsObject(), _ => { });
        }

        var after = await HeadlinesAsync(page);
        Assert.Equal(beneficiaries, after["PI.BEN"]);
        Assert.Equal(before.Count, after.Count);
        foreach (var (code, text) in before) Assert.True(text == after[code], $"{code}: \"{text}\" before the pushes, \"{after[code]}\" after");

        // The badge's time is the new document's, written as the page's culture writes it.
        var document = JsonDocument.Parse(await live.Stack.Http.GetStringAsync("/api/v1/cities/bologna/years/2019/indicators")).RootElement;
        var asOf = document.GetProperty("asOf").GetDateTimeOffset();
        var expected = badgePrefix + asOf.ToLocalTime().ToString("g", CultureInfo.GetCultureInfo(culture));
        Assert.Equal(expected, (await badge.TextContentAsync())!.Trim());
    }

    private static async Task<Dictionary<string, string>> HeadlinesAsync(IPage page)
    {
        var texts = await page.EvaluateAsync<Dictionary<string, string>>(
            "() => Object.fromEntries([...document.querySelectorAll('[data-testid^=headline-]')].map(e => [e.dataset.testid.substring(9), e.textContent.trim()]))");
        Assert.True(texts.Count >= 10, $"only {texts.Count} headline figures on the page");
        return texts;
    }

    private async Task<(string Id, JsonObject Figures)> ProgettoWithBeneficiariesAsync()
    {
        var http = await live.Stack.IntegrationAsync();
        var list = JsonNode.Parse(await http.GetStringAsync("/api/v1/cities/bologna/activities?kind=progetto"))!.AsArray();
        foreach (var id in list.Select(p => p!["id"]!.GetValue<string>()))
        {
            var record = JsonNode.Parse(await http.GetStringAsync($"/api/v1/cities/bologna/activities/progetto/{id}"))!;
            if (record["years"]?["2019"] is JsonObject figures && figures["beneficiaries"] is not null
                && record["profile"]?["excludedFromAggregates"]?.GetValue<bool>() != true) return (id, figures);
        }
        throw new InvalidOperationException("no progetto of bologna-2019 reports beneficiaries");
    }

    /// <summary>Replaces a project's 2019 figures through the API and waits for the page to show the new version.</summary>
    private async Task<long> PushAsync(IPage page, long version, string id, JsonObject figures, Action<JsonObject> change)
    {
        change(figures);
        var http = await live.Stack.IntegrationAsync();
        var record = JsonNode.Parse(await http.GetStringAsync($"/api/v1/cities/bologna/activities/progetto/{id}"))!;
        using var response = await http.PostAsJsonAsync($"/api/v1/cities/bologna/activities/progetto/{id}/commands", new
        {
            expectedVersion = record["version"]!.GetValue<long>(),
            command = new JsonObject { ["type"] = "updateYearFigures", ["year"] = 2019, ["figures"] = figures },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await page.WaitForFunctionAsync(
            "v => Number(document.querySelector('[data-testid=live-badge]')?.dataset.version) > v", version, new() { Timeout = 15_000 });
        return long.Parse((await page.GetByTestId("live-badge").GetAttributeAsync("data-version"))!, CultureInfo.InvariantCulture);
    }
}
