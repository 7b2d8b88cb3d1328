using Microsoft.Playwright;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>The dashboard's sign-in form, as the browser scenarios that need a person's session use it.</summary>
internal static class SignIn
{
    /// <summary>
    /// Signs in on <paramref name="page"/>; done once the redirect away from the form commits (the cookie comes with it):
    /// the landing page's own load is not the scenario's business, and under load it once took longer than the wait.
    /// </summary>
    public static async Task AsAsync(IPage page, string baseUrl, string email, string password)
    {
        await page.GotoAsync(baseUrl + "/accesso");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in-form] button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/accesso"), new() { Timeout = 60_000, WaitUntil = WaitUntilState.Commit });
    }
}
