using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

public sealed partial class LiveDashboardTests
{
    // What the browser tells a page whose tab goes to the background and comes back (headless Chromium shows every
    // page, so the page's document is told here what a browser would tell it: document.hidden and the event).
    private static Task SetHiddenAsync(IPage page, bool hidden) => page.EvaluateAsync("""
        hidden => {
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
          document.dispatchEvent(new Event('visibilitychange'));
          return window.aw.told; // the page's word reached its circuit
        }
        """, hidden);

    [Fact]
    public async Task A_page_nobody_sees_keeps_its_figures_and_shows_the_newest_as_soon_as_it_is_seen_again()
    {
        const string url = "/citta/crema/2027";
        await live.Stack.CommandAsync("crema", "tavolo", "tavolo-nascosto-1", 0, LiveStack.Tavolo("zona-2", 2027));
        var away = await live.Browser.OpenAsync(live.Stack.Url(url));
        var seen = await live.Browser.OpenAsync(live.Stack.Url(url));
        foreach (var page in new[] { away, seen })
        {
            await Assertions.Expect(page.GetByTestId("headline-TP.TOT")).ToHaveTextAsync("1", Soon);
            await Browser.WaitInteractiveAsync(page);
            await Assertions.Expect(page.Locator("[data-testid=live-badge][data-state=live]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }
        var version = await away.GetByTestId("live-badge").GetAttributeAsync("data-version");

        await SetHiddenAsync(away, true);
        await live.Stack.CommandAsync("crema", "tavolo", "tavolo-nascosto-2", 0, LiveStack.Tavolo("zona-2", 2027));
        await Assertions.Expect(seen.GetByTestId("headline-TP.TOT")).ToHaveTextAsync("2", Soon);
        // The same push reached both circuits; the hidden page rendered nothing (a render takes milliseconds).
        await Task.Delay(1_000);
        Assert.Equal("1", (await away.GetByTestId("headline-TP.TOT").TextContentAsync())?.Trim());
        Assert.Equal(version, await away.GetByTestId("live-badge").GetAttributeAsync("data-version"));

        // Seen again: the newest figures at once, without a reload and without another change.
        await SetHiddenAsync(away, false);
        await Assertions.Expect(away.GetByTestId("headline-TP.TOT")).ToHaveTextAsync("2", Soon);
        await Assertions.Expect(away.GetByTestId("live-badge")).Not.ToHaveAttributeAsync("data-version", version!);
    }
}
