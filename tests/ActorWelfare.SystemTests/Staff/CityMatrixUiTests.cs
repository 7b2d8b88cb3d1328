using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

/// <summary>
/// Roles belong to cities, in the browser: every demo person × Bologna and Crema. The list of activities,
/// an activity's page and its quick actions, the year's page and its closing button, and the menu's links
/// to records: each shows what the person holds in that city, and nothing of a city where they hold nothing
/// (the open-data overview aside).
/// </summary>
public sealed class CityMatrixUiTests(StaffFixture fixture) : IClassFixture<StaffFixture>
{
    private const int Year = 2032; // a year no other test closes
    private LiveStack Stack => fixture.Stack;
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    private static IReadOnlyDictionary<string, (string Role, string City)> People => DemoPeople.ByName;

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var person in People.Keys)
            foreach (var city in new[] { "bologna", "crema" })
                data.Add(person, city);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_person_sees_and_may_do_in_a_city_what_they_hold_there(string person, string city)
    {
        var (role, where) = People[person];
        var reads = where == "*" || where == city;
        var id = $"cmu-{person.Replace('.', '-')}-{city}";
        await Stack.CommandAsync(city, "gruppo", id, 0, new
        {
            type = "register",
            profile = new { name = $"Gruppo {id}", quartieri = new[] { city == "bologna" ? "navile" : "zona-1" }, zones = Array.Empty<string>(), startYear = Year, status = "attivo" },
        });

        var page = await fixture.Browser.OpenAsync(Stack.Url("/accesso"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, $"{person}@actorwelfare.local");

        // The overview is open data; its menu links to the city's records only for someone who may read them.
        await page.GotoAsync(Stack.Url($"/citta/{city}/{Year}"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("nav-overview")).ToBeVisibleAsync(Soon);
        Assert.Equal(reads ? 1 : 0, await page.GetByTestId("nav-activities").CountAsync());

        async Task OpensAsync(string path, ILocator whenAllowed)
        {
            await page.GotoAsync(Stack.Url(path));
            await Assertions.Expect(reads ? whenAllowed : page.GetByTestId("not-allowed")).ToBeVisibleAsync(Soon);
        }
        await OpensAsync($"/citta/{city}/attivita", page.GetByTestId("activity-table"));
        await OpensAsync($"/citta/{city}/attivita/gruppo/{id}", page.Locator("h1", new() { HasText = $"Gruppo {id}" }));
        if (reads)
        {
            await Browser.WaitInteractiveAsync(page);
            if (role == "operatore") await Assertions.Expect(page.GetByTestId("quick-actions")).ToBeVisibleAsync(Soon);
            else Assert.Equal(0, await page.GetByTestId("quick-actions").CountAsync());
        }
        await OpensAsync($"/citta/{city}/{Year}/anno", page.GetByTestId("year-state"));
        if (reads)
        {
            await Browser.WaitInteractiveAsync(page);
            if (role == "analista") await Assertions.Expect(page.GetByTestId("close-year")).ToBeVisibleAsync(Soon);
            else Assert.Equal(0, await page.GetByTestId("close-year").CountAsync());
        }
    }
}
