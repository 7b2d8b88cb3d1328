using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

public sealed partial class StaffPagesTests
{
    [Fact]
    public async Task My_quartiere_shows_a_long_list_a_page_at_a_time_and_a_changed_filter_goes_back_to_its_first_page()
    {
        // Thirty ended gruppi (years before the dataset's: no figure moves), hidden until ended ones are shown.
        for (var n = 1; n <= 30; n++)
            await Stack.CommandAsync("bologna", "gruppo", $"gruppo-finito-{n:00}", 0, new
            {
                type = "register",
                profile = new { name = $"Gruppo finito {n:00}", quartieri = new[] { "navile" }, zones = Array.Empty<string>(), startYear = 2010, endYear = 2011, status = "concluso" },
            });

        var page = await SignedInPageAsync("operatore.navile", "/mio-quartiere");
        var rows = page.Locator("[data-testid=my-activities] > li");
        await page.ClickAsync("label[for=my-concluded]");
        await Assertions.Expect(page.GetByTestId("my-page-of")).ToContainTextAsync(new Regex(@"pagina 1 di [2-9]"), new() { Timeout = 15_000 });
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        var first = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.id)");

        // The next page: other rows of the same list (the ended ones still shown), the address says which page.
        await page.GetByTestId("pager").GetByTestId("page-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("my-page-of")).ToContainTextAsync("pagina 2 di", new() { Timeout = 15_000 });
        await page.WaitForURLAsync(new Regex(@"page=2"));
        var second = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.id)");
        Assert.NotEmpty(second);
        Assert.Empty(second.Intersect(first));
        Assert.True(await page.Locator("#my-concluded").IsCheckedAsync());

        // Searching shows the first page of what matches.
        await page.FillAsync("#my-search", "finito 07");
        await Assertions.Expect(rows).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("my-page-of")).ToHaveCountAsync(0);
        await page.WaitForURLAsync(url => !url.Contains("page="));
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-id", "gruppo-finito-07");
    }
}
