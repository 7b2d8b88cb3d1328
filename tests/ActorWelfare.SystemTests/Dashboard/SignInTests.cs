using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

public sealed class SignInFixture() : BrowserStackFixture(null)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Stack.Dashboard.Process.WaitForOutputAsync("Demo accounts ready", TimeSpan.FromSeconds(60));
    }
}

/// <summary>Signing in with ASP.NET Core Identity on PostgreSQL, as people do it.</summary>
public sealed class SignInTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    private string Url(string path) => fixture.Stack.Url(path);

    [Fact]
    public async Task Activity_pages_ask_to_sign_in_and_come_back_after_it_and_signing_out_ends_it()
    {
        var page = await fixture.Browser.OpenAsync(Url("/citta/crema/attivita"));
        Assert.Contains("/accesso", page.Url);

        await Browser.SignInAsync(page, fixture.Stack.Dashboard.BaseUrl, "analista.crema@actorwelfare.local");

        Assert.Contains("/citta/crema/attivita", page.Url);
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("analista.crema@actorwelfare.local", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByTestId("activity-count")).ToBeVisibleAsync();

        await Browser.WaitInteractiveAsync(page);
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/attivita"), new() { Timeout = 15_000 });
        await page.GotoAsync(Url("/citta/crema/attivita"));
        Assert.Contains("/accesso", page.Url);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_failures_lock_the_account()
    {
        // An account of its own, made by the administrator, so the others stay usable.
        const string email = "da.bloccare@actorwelfare.local";
        using (var admin = await fixture.Stack.SignedInClientAsync("amministratore@actorwelfare.local"))
        using (var created = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email, password = DashboardProcess.DemoPassword, roles = new[] { "direttore" }, cities = new[] { "bologna" } }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var page = await fixture.Browser.OpenAsync(Url("/accesso"));
        for (var i = 0; i < 5; i++)
        {
            await page.FillAsync("#email", email);
            await page.FillAsync("#password", "Sbagliata-1234");
            await page.ClickAsync("[data-testid=sign-in-form] button[type=submit]");
            await Assertions.Expect(page.GetByTestId("sign-in-error")).ToBeVisibleAsync();
        }
        // Locked now: even the right password is refused.
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", DashboardProcess.DemoPassword);
        await page.ClickAsync("[data-testid=sign-in-form] button[type=submit]");
        await Assertions.Expect(page.GetByTestId("sign-in-error")).ToContainTextAsync("bloccato");
        Assert.Contains("/accesso", page.Url);
    }

    [Fact]
    public async Task A_forged_sign_in_post_without_the_antiforgery_token_is_refused_and_signs_nobody_in()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(fixture.Stack.Dashboard.BaseUrl) };
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "direttore@actorwelfare.local", ["password"] = DashboardProcess.DemoPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("actorwelfare=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_production_configuration_refuses_to_start_with_demo_accounts()
    {
        await using var dashboard = DashboardProcess.Start(fixture.Stack.Db.ConnectionString,
            extra: new Dictionary<string, string> { ["Access__Production"] = "true", ["Access__DemoUsers"] = "true" });
        Assert.NotEqual(0, await dashboard.Process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Access:DemoUsers must be off when Access:Production is on", dashboard.Process.Output());
    }

    [Fact]
    public async Task Programs_get_401_instead_of_the_sign_in_page_and_may_read_after_signing_in()
    {
        await fixture.Stack.CommandAsync("crema", "tavolo", "t-history", 0, LiveStack.Tavolo("zona-1", 2025));
        using var anonymousClient = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.Stack.Dashboard.BaseUrl) };
        using var anonymous = await anonymousClient.GetAsync("/api/v1/cities/crema/activities/tavolo/t-history/history");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Null(anonymous.Headers.Location);

        using var http = await fixture.Stack.SignedInClientAsync("direttore.crema@actorwelfare.local");
        using var history = await http.GetAsync("/api/v1/cities/crema/activities/tavolo/t-history/history");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        Assert.Contains("RegisterActivity", await history.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_person_demoted_then_locked_loses_their_api_session_and_their_hub_connection_at_once()
    {
        const string email = "da.revocare@actorwelfare.local";
        using var admin = await fixture.Stack.SignedInClientAsync("amministratore@actorwelfare.local");
        using var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new { email, password = DashboardProcess.DemoPassword, roles = new[] { "direttore" }, cities = new[] { "bologna", "crema" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var cookies = new CookieContainer();
        using var http = await fixture.Stack.SignedInClientAsync(email, DashboardProcess.DemoPassword, cookies);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/cities/crema/activities")).StatusCode);
        await using var hub = new HubConnectionBuilder().WithUrl(Url("/hubs/indicators"), o => o.Cookies = cookies).Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("Subscribe", "crema", 2019); // crema is not open data: this needs the session

        // Demoted: the cookie from before no longer signs anyone in, on the very next call.
        using (var demoted = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { roles = new[] { "analista" }, cities = new[] { "bologna", "crema" } }))
            Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/cities/crema/activities")).StatusCode);
        // The hub connection made with it is closed within the revalidation interval, subscriptions and all.
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // Signing in again gives the new role; locking ends that session too, and a hub call made with it is refused.
        using var again = await fixture.Stack.SignedInClientAsync(email, DashboardProcess.DemoPassword, cookies);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/cities/crema/activities")).StatusCode);
        await using var second = new HubConnectionBuilder().WithUrl(Url("/hubs/indicators"), o => o.Cookies = cookies).Build();
        await second.StartAsync();
        using (var locked = await admin.PostAsync($"/api/v1/admin/users/{id}/lock", null))
            Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var refused = await Assert.ThrowsAsync<HubException>(() => second.InvokeAsync<JsonElement>("Subscribe", "crema", 2019));
        Assert.Contains("sign in again", refused.Message);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/v1/cities/crema/activities")).StatusCode);
        using var users = await admin.GetAsync("/api/v1/admin/users");
        Assert.Contains((await users.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray(),
            u => u.GetProperty("id").GetString() == id && u.GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task A_person_whose_role_in_a_city_ends_is_no_longer_notified_of_it()
    {
        const string email = "da.non.notificare@actorwelfare.local";
        using var admin = await fixture.Stack.SignedInClientAsync("amministratore@actorwelfare.local");
        using var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new { email, password = DashboardProcess.DemoPassword, roles = new[] { "direttore" }, cities = new[] { "bologna", "crema" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // Subscribed in both cities, as their page would (their caller, handed down by the web tier).
        await using var client = await TestClient.ViaMembershipAsync(fixture.Stack.Db.ConnectionString);
        var person = ActorWelfare.Access.Caller.InCity(id, "bologna", ["direttore"]) with
        {
            Grants = new HashSet<string> { "bologna/direttore", "crema/direttore" }, Email = email,
        };
        Task<T> As<T>(ActorWelfare.Access.Caller caller, Func<Task<T>> call) => Task.Run(async () => { ActorWelfare.Access.CallerContext.HandDown(caller); return await call(); });
        ActorWelfare.Notifications.INotificationsGrain In(string city) => client.Grains.GetGrain<ActorWelfare.Notifications.INotificationsGrain>(city);
        foreach (var city in new[] { "bologna", "crema" })
            Assert.True((await As(person, () => In(city).Subscribe("weekly", "*", "it"))).Succeeded);

        // Crema is taken away: their subscriptions there end, Bologna's stay.
        using (var changed = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { roles = new[] { "direttore" }, cities = new[] { "bologna" } }))
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Empty((await As(person, () => In("crema").Mine())).Subscriptions);
        Assert.Single((await As(person, () => In("bologna").Mine())).Subscriptions);

        // Locked out: they end everywhere.
        using (var locked = await admin.PostAsync($"/api/v1/admin/users/{id}/lock", null))
            Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Empty((await As(person, () => In("bologna").Mine())).Subscriptions);
    }
}
