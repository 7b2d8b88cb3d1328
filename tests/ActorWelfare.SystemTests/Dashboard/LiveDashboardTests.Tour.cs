using System.Text.RegularExpressions;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

/// <summary>
/// The tour a new user takes: every page, as every role, in both languages. Each page loads with no
/// failed request and no script error, goes live, is in the language asked for, and shows text a
/// person reads: no Razor leftovers ("v@…"), no raw JSON.
/// </summary>
public sealed partial class LiveDashboardTests
{
    public static TheoryData<string?, string, string> Tour() => new()
    {
        { null, "it", "/" }, { null, "en", "/citta/bologna/2019/quartiere/navile" }, { null, "it", "/citta/crema/2019" },
        { "direttore", "it", "/citta/bologna/attivita" },
        { "direttore", "en", "/citta/bologna/attivita/tavolo/tavolo-bolognina" },
        { "direttore", "it", "/citta/bologna/attivita/tavolo/tavolo-bolognina/storia" },
        { "direttore", "it", "/citta/bologna/confronto" }, { "direttore", "en", "/citta/bologna/2019/rete" },
        { "direttore", "en", "/citta/bologna/organizzazioni/ets-001" }, { "amministratore", "it", "/citta/bologna/organizzazioni/ets-001" },
        { "operatore.navile", "en", "/citta/bologna/organizzazioni" },
        { "operatore.navile", "it", "/mio-quartiere" }, { "operatore.navile", "en", "/mio-quartiere" },
        { "operatore.navile", "it", "/citta/bologna/attivita/nuova/progetto" },
        { "operatore.navile", "it", "/citta/bologna/attivita/tavolo/tavolo-bolognina/modifica" },
        { "operatore.navile", "it", "/citta/bologna/importa" }, { "operatore.navile", "en", "/citta/bologna/importa/formato" },
        { "analista", "it", "/citta/bologna/2019/anno" }, { "analista", "en", "/citta/bologna/2019/anno" },
        { "amministratore", "it", "/amministrazione" }, { "amministratore", "it", "/amministrazione/cluster" },
    };

    [Theory]
    [MemberData(nameof(Tour))]
    public async Task Every_page_of_the_tour_loads_clean_in_the_language_asked_for(string? person, string language, string path)
    {
        var context = await live.Browser.Instance.NewContextAsync(new() { Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } });
        try
        {
            var page = await context.NewPageAsync();
            var problems = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") problems.Add($"script error: {m.Text}"); };
            page.Response += (_, r) => { if (r.Status >= 400) problems.Add($"HTTP {r.Status}: {r.Url}"); };
            if (person is not null) await Browser.SignInAsync(page, live.Stack.Dashboard.BaseUrl, $"{person}@actorwelfare.local");
            await page.GotoAsync(live.Stack.Url($"/lingua/{language}?ritorno={path.TrimStart('/')}"));
            await Browser.WaitInteractiveAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            Assert.Equal(path, new Uri(page.Url).PathAndQuery);
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
            var text = await page.Locator("main").InnerTextAsync();
            Assert.True(text.Length > 40, $"{path}: almost nothing on the page");
            Assert.DoesNotMatch(new Regex(@"\w@[a-zA-Z(]"), text.Replace("actorwelfare.local", "")); // Razor printed literally
            Assert.DoesNotContain("{\"", text);
            Assert.True(problems.Count == 0, $"{path} as {person ?? "visitor"} ({language}): " + string.Join("; ", problems));
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
