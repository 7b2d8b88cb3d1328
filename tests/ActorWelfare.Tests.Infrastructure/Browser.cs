using Microsoft.Playwright;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>Headless Debian Chromium driven by Playwright (never a downloaded browser).</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly IPlaywright playwright;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Instance = browser;
    }

    public IBrowser Instance { get; }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: ./test.sh installs Debian's chromium package.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // No sandbox as root; no background traffic to hosts this machine cannot reach; no address-bar popup page
            // made in a renderer of its own for every new tab (a headless browser has no address bar to show it in,
            // and on two cores it takes CPU from the pages tested).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI"],
        });
        return new Browser(playwright, browser);
    }

    public async Task<IPage> OpenAsync(string url)
    {
        var page = await Instance.NewPageAsync(new() { Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } });
        await page.GotoAsync(url);
        return page;
    }

    /// <summary>Waits until the page is live (its Blazor circuit has taken over from the prerendered HTML).</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>Signs in through the sign-in form, as a person would, and waits to be back on a page.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, string email, string password = DashboardProcess.DemoPassword)
    {
        if (!page.Url.Contains("/accesso")) await page.GotoAsync(baseUrl + "/accesso");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in-form] button[type=submit]");
        // A dashboard just started builds its first pages and queries slowly: a first sign-in may take longer.
        await page.WaitForURLAsync(url => !url.Contains("/accesso"), new() { Timeout = 30_000 });
    }

    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")) + "\n;true");

    /// <summary>Runs axe-core in the page and returns the serious and critical violations, one line each.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityProblemsAsync(IPage page)
    {
        // Evaluated by the browser's debugging protocol, not as a <script> tag: the site's CSP allows no inline script.
        await page.EvaluateAsync(Axe.Value);
        var result = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))");
        return [.. result.EnumerateArray().Select(e => e.GetString()!)];
    }

    public async ValueTask DisposeAsync()
    {
        await Instance.DisposeAsync();
        playwright.Dispose();
    }
}
