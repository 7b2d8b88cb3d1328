using System.Net.Http.Json;
using System.Text.Json;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>A test database, a silo and the dashboard as processes, and an HTTP client for the API.</summary>
public sealed class LiveStack : IAsyncDisposable
{
    private LiveStack(TestDatabase db, SiloProcess silo, DashboardProcess dashboard)
    {
        Db = db;
        Silo = silo;
        Dashboard = dashboard;
        Http = new HttpClient { BaseAddress = new Uri(dashboard.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public TestDatabase Db { get; }
    public SiloProcess Silo { get; }
    public DashboardProcess Dashboard { get; }
    public HttpClient Http { get; }
    public string Url(string path) => Dashboard.BaseUrl + path;

    /// <param name="bothEnv">Settings for the silo and the dashboard alike (a territory folder, say).</param>
    public static async Task<LiveStack> StartAsync(string? datasets = null, IReadOnlyDictionary<string, string>? dashboardEnv = null,
        IReadOnlyDictionary<string, string>? bothEnv = null)
    {
        var db = await TestDatabase.CreateAsync();
        var env = new Dictionary<string, string> { ["Indicators__ReconcileSeconds"] = "2" };
        if (datasets is not null) env["Datasets__Load"] = datasets;
        foreach (var (key, value) in bothEnv ?? new Dictionary<string, string>()) env[key] = value;
        if (bothEnv is not null) dashboardEnv = new Dictionary<string, string>((dashboardEnv ?? new Dictionary<string, string>()).Concat(bothEnv));
        SiloProcess? silo = null;
        DashboardProcess? dashboard = null;
        try
        {
            silo = await SiloProcess.StartAsync(db.ConnectionString, extra: env);
            foreach (var name in (datasets ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
                await silo.Process.WaitForOutputAsync($"Dataset {name} loaded", TimeSpan.FromMinutes(3));
            dashboard = DashboardProcess.Start(db.ConnectionString, extra: dashboardEnv);
            await dashboard.WaitUntilHealthyAsync();
            return new LiveStack(db, silo, dashboard);
        }
        catch
        {
            // A fixture that fails to start is never disposed by xunit: end what was started here.
            if (dashboard is not null) await dashboard.DisposeAsync();
            if (silo is not null) await silo.DisposeAsync();
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// An HTTP client with an operatore token for every quartiere of Bologna and Crema (and the whole of each), issued through
    /// the administrators' API as an integration would get one.
    /// </summary>
    public async Task<HttpClient> IntegrationAsync()
    {
        if (integration is not null) return integration;
        using var admin = await SignedInClientAsync("amministratore@actorwelfare.local");
        var secret = await IssueTokenAsync(admin, "test integration", "operatore",
            [.. AllQuartieri("bologna"), "bologna/*", .. AllQuartieri("crema"), "crema/*"]);
        return integration = WithToken(secret);
    }

    private HttpClient? integration;

    public static readonly IReadOnlyDictionary<string, string[]> Quartieri = new Dictionary<string, string[]>
    {
        ["bologna"] = ["borgo-panigale-reno", "navile", "porto-saragozza", "san-donato-san-vitale", "santo-stefano", "savena"],
        ["crema"] = ["zona-1", "zona-2", "zona-3", "zona-4", "zona-5"],
    };

    public static IEnumerable<string> AllQuartieri(string city) => Quartieri[city].Select(q => $"{city}/{q}");

    /// <summary>Issues a token through POST /api/v1/admin/tokens with an administrator's client; returns its secret.</summary>
    /// <summary>Issues a token; a direttore or analista token holds its role in <paramref name="cities"/> (default: Bologna).</summary>
    public static async Task<string> IssueTokenAsync(HttpClient admin, string name, string role, string[] quartieri, int days = 1, string[]? cities = null)
    {
        cities ??= role == "operatore" ? [] : ["bologna"];
        using var response = await admin.PostAsJsonAsync("/api/v1/admin/tokens", new { name, role, quartieri, days, cities });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Issuing a token: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("secret").GetString()!;
    }

    public HttpClient WithToken(string secret)
    {
        var http = new HttpClient { BaseAddress = new Uri(Dashboard.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return http;
    }

    /// <summary>Sends a command through the REST API as an integration would; returns the new version.</summary>
    public async Task<long> CommandAsync(string city, string kind, string id, long expectedVersion, object command)
    {
        var http = await IntegrationAsync();
        using var response = await http.PostAsJsonAsync($"/api/v1/cities/{city}/activities/{kind}/{id}/commands",
            new { expectedVersion, command });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("record").GetProperty("version").GetInt64();
    }

    /// <summary>A tavolo's registration in a district of Bologna or (a "zona-") of Crema, with that city's own terms.</summary>
    public static object Tavolo(string quartiere, int year, string name = "Tavolo di prova")
    {
        var crema = quartiere.StartsWith("zona-", StringComparison.Ordinal);
        return new
        {
            type = "register",
            profile = new
            {
                name, quartieri = new[] { quartiere }, zones = Array.Empty<string>(), startYear = year, status = "attivo",
                coordination = crema ? "micro-equipe" : "sst", themes = new[] { "anziani" },
                purposes = new[] { crema ? "contrasto-isolamento" : "scambio-informazioni" },
            },
        };
    }

    /// <summary>An HTTP client signed in through the sign-in form (with its antiforgery token), as a browser would be.</summary>
    public Task<HttpClient> SignedInClientAsync(string email, string password = DashboardProcess.DemoPassword,
        System.Net.CookieContainer? cookies = null) => SignInAsync(Dashboard, email, password, cookies);

    /// <summary>A client signed in to <paramref name="dashboard"/> (which must have the demo accounts) through the sign-in form.</summary>
    /// <paramref name="cookies"/>, when given, receives the session cookie (for a hub connection of the same person).
    public static async Task<HttpClient> SignInAsync(DashboardProcess dashboard, string email,
        string password = DashboardProcess.DemoPassword, System.Net.CookieContainer? cookies = null)
    {
        await dashboard.Process.WaitForOutputAsync("Demo accounts ready", TimeSpan.FromSeconds(60));
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new() };
        var http = new HttpClient(handler) { BaseAddress = new Uri(dashboard.BaseUrl) };
        // As a browser on the site's own pages: every write carries the site's Origin.
        http.DefaultRequestHeaders.Add("Origin", new Uri(dashboard.BaseUrl).GetLeftPart(UriPartial.Authority));
        using var signIn = await PostSignInFormAsync(http, email, password);
        if (signIn.Headers.Location?.OriginalString.Contains("errore") != false)
            throw new InvalidOperationException($"Signing in as {email} failed: {signIn.StatusCode} {signIn.Headers.Location}");
        return http;
    }

    /// <summary>Fills and posts the sign-in form as a browser does (with the form's antiforgery token); <paramref name="http"/> keeps the cookies.</summary>
    public static async Task<HttpResponseMessage> PostSignInFormAsync(HttpClient http, string email, string password)
    {
        var form = await http.GetStringAsync("/accesso");
        var input = System.Text.RegularExpressions.Regex.Match(form, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*>").Value;
        var token = System.Text.RegularExpressions.Regex.Match(input, "value=\"([^\"]+)\"").Groups[1].Value;
        return await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["ritorno"] = "/", ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>A signed-in client shared by the tests of this stack (do not dispose it).</summary>
    public async Task<HttpClient> PersonAsync(string email)
    {
        if (people.TryGetValue(email, out var client)) return client;
        return people[email] = await SignedInClientAsync(email);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HttpClient> people = new();

    /// <summary>The feed's diagnostics (signed-in people only), read as a director.</summary>
    public async Task<JsonElement> FeedAsync() =>
        JsonDocument.Parse(await (await PersonAsync("direttore@actorwelfare.local")).GetStringAsync("/api/v1/diagnostics/feed")).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        integration?.Dispose();
        foreach (var client in people.Values) client.Dispose();
        await Dashboard.DisposeAsync();
        await Silo.DisposeAsync();
        await Db.DisposeAsync();
    }
}
