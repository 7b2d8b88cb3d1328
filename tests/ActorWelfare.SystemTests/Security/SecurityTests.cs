using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Security;

public sealed class SecurityFixture() : BrowserStackFixture("bologna-2019");

/// <summary>
/// Security headers (and that Blazor and plotly.js work under the Content-Security-Policy), the ops
/// dashboard only for amministratori, rate limits on sign-in, token use and import.
/// </summary>
public sealed class SecurityTests(SecurityFixture fixture) : IClassFixture<SecurityFixture>
{
    private LiveStack Stack => fixture.Stack;

    [Theory]
    [InlineData("/")]
    [InlineData("/accesso")]
    [InlineData("/api/v1/cities")]
    [InlineData("/api/v1/cities/nowhere/years/2019/indicators")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await Stack.Http.GetAsync(path);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_live_overview_works_under_the_content_security_policy_with_its_charts_drawn()
    {
        var page = await fixture.Browser.Instance.NewPageAsync(new() { Locale = "it-IT", ViewportSize = new() { Width = 1280, Height = 900 } });
        var refused = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) refused.Add(message.Text); };
        // Installed by the browser itself, so the policy does not apply to it.
        await page.AddInitScriptAsync("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));");
        await page.GotoAsync(Stack.Url("/citta/bologna/2019"));
        await Browser.WaitInteractiveAsync(page);
        await page.Locator(".js-plotly-plot .main-svg").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.True(await page.Locator(".js-plotly-plot .main-svg").CountAsync() > 0);

        // A live update still arrives through the circuit.
        await page.Locator("[data-testid=live-badge][data-state=live]").First.WaitForAsync(new() { Timeout = 30_000 });
        var before = await page.Locator("[data-testid=live-badge]").First.GetAttributeAsync("data-version");
        await Stack.CommandAsync("bologna", "tavolo", "csp-" + Guid.NewGuid().ToString("N")[..8], 0, LiveStack.Tavolo("navile", 2019));
        await page.WaitForFunctionAsync("v => document.querySelector('[data-testid=live-badge]')?.getAttribute('data-version') !== v", before,
            new() { Timeout = 30_000 });

        var violations = await page.EvaluateAsync<string[]>("() => window.__violations");
        Assert.Empty(violations);
        Assert.Empty(refused);
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_write_to_the_api_with_the_session_cookie_must_come_from_the_sites_own_pages()
    {
        using var admin = await LiveStack.SignInAsync(Stack.Dashboard, "amministratore@actorwelfare.local");
        var site = new Uri(Stack.Dashboard.BaseUrl).GetLeftPart(UriPartial.Authority);
        async Task<HttpResponseMessage> PostAsync(string? origin, string name, string path = "/api/v1/cities/bologna/organisations")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = path.EndsWith("/close", StringComparison.Ordinal) ? null : JsonContent.Create(new { id = "odv-origine", name, type = "odv" }),
            };
            request.Headers.Remove("Origin");
            if (origin is not null) request.Headers.Add("Origin", origin);
            admin.DefaultRequestHeaders.Remove("Origin");
            return await admin.SendAsync(request);
        }

        // Another site's page, or a request that says nothing of where it comes from: refused, nothing changes.
        using (var forged = await PostAsync("https://evil.example", "Da un altro sito"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            var problem = JsonDocument.Parse(await forged.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(("Origin", "same-origin"), (problem.GetProperty("field").GetString(), problem.GetProperty("rule").GetString()));
        }
        using (var silent = await PostAsync(null, "Senza origine")) Assert.Equal(HttpStatusCode.Forbidden, silent.StatusCode);
        using (var bodyless = await PostAsync(null, "", "/api/v1/cities/bologna/years/2012/close"))
            Assert.Equal("same-origin", JsonDocument.Parse(await bodyless.Content.ReadAsStringAsync()).RootElement.GetProperty("rule").GetString());
        Assert.DoesNotContain("odv-origine", await admin.GetStringAsync("/api/v1/cities/bologna/organisations"));

        // From the site's own pages it goes through; a bearer token needs no Origin.
        using (var own = await PostAsync(site, "Dal sito")) Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var integration = await Stack.IntegrationAsync();
        using (var token = await integration.PostAsJsonAsync("/api/v1/cities/bologna/organisations", new { id = "odv-token", name = "Col token", type = "odv" }))
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task The_ops_dashboard_is_served_by_the_dashboard_to_amministratori_only_and_not_by_the_silo()
    {
        var admin = await Stack.PersonAsync("amministratore@actorwelfare.local");
        using (var index = await admin.GetAsync("/ops/"))
        {
            Assert.Equal(HttpStatusCode.OK, index.StatusCode);
            Assert.Contains("<html", await index.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        using (var counters = await admin.GetAsync("/ops/DashboardCounters"))
        {
            Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
            var json = JsonDocument.Parse(await counters.Content.ReadAsStringAsync()).RootElement;
            Assert.True(json.GetProperty("totalActiveHostCount").GetInt32() >= 1, json.ToString());
        }

        var director = await Stack.PersonAsync("direttore@actorwelfare.local");
        using (var refused = await director.GetAsync("/ops/DashboardCounters"))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/non-consentito", refused.Headers.Location!.OriginalString);
        }
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Stack.Dashboard.BaseUrl) };
        using (var signIn = await anonymous.GetAsync("/ops/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Contains("/accesso", signIn.Headers.Location!.OriginalString);
        }
        using var silo = new HttpClient();
        using (var none = await silo.GetAsync(Stack.Silo.BaseUrl + "/ops/DashboardCounters"))
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task In_production_http_is_redirected_to_https_and_https_answers_carry_hsts_but_probes_are_answered_over_http()
    {
        await using var dashboard = DashboardProcess.Start(Stack.Db.ConnectionString, extra: new Dictionary<string, string>
        {
            ["Access__Production"] = "true", ["Access__DemoUsers"] = "false", ["Access__TrustedProxies"] = "127.0.0.1",
        });
        await dashboard.WaitUntilHealthyAsync(); // /healthz over plain HTTP: not redirected
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(dashboard.BaseUrl) };
        using (var live = await http.GetAsync("/livez"))
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        using (var plain = new HttpRequestMessage(HttpMethod.Get, "/"))
        {
            plain.Headers.Host = "welfare.comune.example";
            using var response = await http.SendAsync(plain);
            Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
            Assert.Equal("https://welfare.comune.example/", response.Headers.Location!.OriginalString);
        }
        // Behind the proxy that ended TLS: served, with HSTS for a year.
        using var secure = new HttpRequestMessage(HttpMethod.Get, "/");
        secure.Headers.Host = "welfare.comune.example";
        secure.Headers.Add("X-Forwarded-Proto", "https");
        using var served = await http.SendAsync(secure);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(served.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Sign_in_attempts_token_requests_and_imports_are_rate_limited()
    {
        await Stack.PersonAsync("direttore@actorwelfare.local"); // the demo accounts exist before a second host starts
        var secret = await LiveStack.IssueTokenAsync(await Stack.PersonAsync("amministratore@actorwelfare.local"), "limitato", "operatore",
            ["bologna/navile"]);
        await using var dashboard = DashboardProcess.Start(Stack.Db.ConnectionString, extra: new Dictionary<string, string>
        {
            ["Access__DemoUsers"] = "false", ["Access__SignInsPerMinute"] = "3", ["Access__TokenRequestsPerMinute"] = "5", ["Access__ImportsPerMinute"] = "2",
        });
        await dashboard.WaitUntilHealthyAsync();

        // Sign-in: three wrong attempts are answered as such, the fourth is refused before the password is checked.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(dashboard.BaseUrl) };
        var answers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var attempt = await LiveStack.PostSignInFormAsync(browser, "nessuno@example.org", "sbagliata-" + i);
            answers.Add(attempt.Headers.Location?.OriginalString ?? attempt.StatusCode.ToString());
            if (i == 3) Assert.Equal("60", Assert.Single(attempt.Headers.GetValues("Retry-After")));
        }
        Assert.All(answers.Take(3), a => Assert.Contains("errore=credenziali", a));
        Assert.Contains("errore=troppi", answers[3]);
        var message = await browser.GetStringAsync(answers[3]);
        Assert.Contains("Troppi tentativi di accesso", message);

        // A token: five requests a minute, then 429 with a problem document naming the rule.
        using var program = new HttpClient { BaseAddress = new Uri(dashboard.BaseUrl) };
        program.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        for (var i = 0; i < 5; i++)
            using (var ok = await program.GetAsync("/api/v1/cities"))
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var limited = await program.GetAsync("/api/v1/cities"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("rate", problem.GetProperty("field").GetString());
            Assert.Equal("limit", problem.GetProperty("rule").GetString());
        }
        // Another token is not affected.
        var other = await LiveStack.IssueTokenAsync(await Stack.PersonAsync("amministratore@actorwelfare.local"), "importatore", "operatore", ["bologna/navile"]);
        using var importer = new HttpClient { BaseAddress = new Uri(dashboard.BaseUrl) };
        importer.DefaultRequestHeaders.Authorization = new("Bearer", other);

        // Imports: two a minute per person, then 429 and nothing imported.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var csv = $"kind,id,name,quartieri,startYear,status,coordination,themes,purposes\ntavolo,rl-{i},Tavolo limitato {i},navile,2019,attivo,sst,anziani,scambio-informazioni\n";
            using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
            using var response = await importer.PostAsync("/api/v1/cities/bologna/imports", content);
            statuses.Add(response.StatusCode);
        }
        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[0]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, statuses[1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        using (var absent = await (await Stack.IntegrationAsync()).GetAsync("/api/v1/cities/bologna/activities/tavolo/rl-2"))
            Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Fact]
    public async Task Cookie_api_calls_count_per_person_refused_tokens_per_address_and_forwarded_addresses_only_from_trusted_proxies()
    {
        await Stack.PersonAsync("direttore@actorwelfare.local"); // the demo accounts exist before a second host starts
        var valid = await LiveStack.IssueTokenAsync(await Stack.PersonAsync("amministratore@actorwelfare.local"), "indovinato", "direttore", []);
        await using var direct = DashboardProcess.Start(Stack.Db.ConnectionString, extra: new Dictionary<string, string>
        {
            ["Access__PersonRequestsPerMinute"] = "4", ["Access__FailedTokensPerMinute"] = "3",
        });
        await using var proxied = DashboardProcess.Start(Stack.Db.ConnectionString, extra: new Dictionary<string, string>
        {
            ["Access__FailedTokensPerMinute"] = "3", ["Access__TrustedProxies"] = "127.0.0.1",
        });
        await direct.WaitUntilHealthyAsync();
        await proxied.WaitUntilHealthyAsync();

        // A person's session: four API calls a minute here, then 429 naming the rule; pages are not counted.
        using var person = await LiveStack.SignInAsync(direct, "direttore@actorwelfare.local");
        for (var i = 0; i < 4; i++)
            using (var ok = await person.GetAsync("/api/v1/cities/bologna/activities"))
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var limited = await person.GetAsync("/api/v1/cities/bologna/activities"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal("60", Assert.Single(limited.Headers.GetValues("Retry-After")));
        }
        using (var page = await person.GetAsync("/citta/bologna/attivita"))
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // Three refused tokens from an address, then every bearer request from it is refused, a right guess too;
        // a forged X-Forwarded-For does not give a fresh budget where no proxy is trusted.
        async Task<HttpStatusCode> BearerAsync(DashboardProcess dashboard, string token, string? forwardedFor = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, dashboard.BaseUrl + "/api/v1/cities");
            request.Headers.Authorization = new("Bearer", token);
            if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var http = new HttpClient();
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await BearerAsync(direct, valid));
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, await BearerAsync(direct, $"awt_sbagliato{i}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await BearerAsync(direct, "awt_sbagliato4"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await BearerAsync(direct, valid));
        Assert.Equal(HttpStatusCode.TooManyRequests, await BearerAsync(direct, valid, forwardedFor: "203.0.113.9"));

        // Behind a trusted proxy, the forwarded address is the client's: one client's guesses do not block another.
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, await BearerAsync(proxied, $"awt_sbagliato{i}", "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await BearerAsync(proxied, valid, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await BearerAsync(proxied, valid, "203.0.113.2"));
    }
}
