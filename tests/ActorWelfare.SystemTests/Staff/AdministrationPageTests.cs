using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

/// <summary>The administrators' page: people with roles and quartieri, tokens for integrations, the audit log, the cluster.</summary>
public sealed class AdministrationPageTests(StaffFixture fixture) : IClassFixture<StaffFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };
    private const int AuditPageSize = ActorWelfare.Dashboard.Components.Admin.AuditLogView.PageSize;
    private LiveStack Stack => fixture.Stack;

    private async Task<IPage> AdminPageAsync()
    {
        var page = await fixture.Browser.OpenAsync(Stack.Url("/amministrazione"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, "amministratore@actorwelfare.local");
        await Browser.WaitInteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task A_person_with_different_roles_in_different_cities_keeps_them_when_saved_on_the_page()
    {
        const string email = "misto@actorwelfare.local";
        var admin = await Stack.PersonAsync("amministratore@actorwelfare.local");
        using (var created = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email, password = DashboardProcess.DemoPassword, grants = new[] { "bologna/direttore", "crema/analista" } }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var page = await AdminPageAsync();
        var row = page.Locator($"[data-testid=users] tr[data-email='{email}']");
        await Assertions.Expect(row).ToContainTextAsync("direttore (Bologna), analista (Crema)", new() { Timeout = 15_000 });
        await row.GetByTestId("user-edit").ClickAsync();
        await Assertions.Expect(page.Locator("#u-g-direttore-bologna")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#u-g-direttore-crema")).Not.ToBeCheckedAsync();
        await page.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-done")).ToBeVisibleAsync(Soon);

        // Saved as it was: nothing widened (direttore stays Bologna's, analista Crema's), and no act recorded.
        var person = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users")).EnumerateArray().Single(p => p.GetProperty("email").GetString() == email);
        Assert.Equal(["bologna/direttore", "crema/analista"], person.GetProperty("grants").EnumerateArray().Select(g => g.GetString()));
        var acts = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/acts?format=json")).EnumerateArray();
        Assert.DoesNotContain(acts, a => a.GetProperty("target").GetString() == email && a.GetProperty("action").GetString() == "account-changed");

        // A direttore with quartieri is refused: only an operatore has them.
        using var stray = await admin.PutAsJsonAsync($"/api/v1/admin/users/{person.GetProperty("id").GetString()}",
            new { roles = new[] { "direttore" }, cities = new[] { "bologna" }, quartieri = new[] { "bologna/navile" } });
        Assert.Equal(HttpStatusCode.BadRequest, stray.StatusCode);
        var problem = await stray.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("quartieri", "operatore-only"), (problem.GetProperty("field").GetString(), problem.GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task Rights_in_a_city_whose_file_is_gone_are_kept_as_they_were_listed_and_revoked_by_unticking_them()
    {
        const string email = "milanese@actorwelfare.local";
        var admin = await Stack.PersonAsync("amministratore@actorwelfare.local");
        using (var created = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email, password = DashboardProcess.DemoPassword, grants = new[] { "bologna/direttore" } }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // Held from when the installation had Milano (its territory file since removed).
        await using (var db = new Npgsql.NpgsqlConnection(Stack.Db.ConnectionString))
        {
            await db.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "INSERT INTO \"AspNetUserClaims\" (\"UserId\", \"ClaimType\", \"ClaimValue\") SELECT \"Id\", 'aw:grant', 'milano/analista' FROM \"AspNetUsers\" WHERE \"Email\" = @e", db);
            command.Parameters.AddWithValue("e", email);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        async Task<IEnumerable<string?>> GrantsAsync() =>
            (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users")).EnumerateArray().Single(p => p.GetProperty("email").GetString() == email)
                .GetProperty("grants").EnumerateArray().Select(g => g.GetString());
        var id = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users")).EnumerateArray().Single(p => p.GetProperty("email").GetString() == email).GetProperty("id").GetString();

        // Kept as it was, never given: another city not configured is refused, naming the field and the rule.
        using (var kept = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { grants = new[] { "bologna/direttore", "crema/analista", "milano/analista" } }))
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        using (var given = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { grants = new[] { "bologna/direttore", "milano/analista", "roma/analista" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, given.StatusCode);
            var problem = await given.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("grants", "configured"), (problem.GetProperty("field").GetString(), problem.GetProperty("rule").GetString()));
        }
        Assert.Equal(["bologna/direttore", "crema/analista", "milano/analista"], await GrantsAsync());

        // On the page: listed apart, saved unchanged with the rest, revoked by unticking.
        var page = await AdminPageAsync();
        var row = page.Locator($"[data-testid=users] tr[data-email='{email}']");
        await row.GetByTestId("user-edit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-dormant")).ToContainTextAsync("milano/analista", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("#u-d-0")).ToBeCheckedAsync();
        await page.Locator("#u-g-analista-crema").UncheckAsync();
        await page.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-done")).ToBeVisibleAsync(Soon);
        Assert.Equal(["bologna/direttore", "milano/analista"], await GrantsAsync());

        await row.GetByTestId("user-edit").ClickAsync();
        await page.ClickAsync("label[for=u-d-0]"); // bootstrap-italia draws the box on the label
        await page.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-done")).ToBeVisibleAsync(Soon);
        Assert.Equal(["bologna/direttore"], await GrantsAsync());
        await row.GetByTestId("user-edit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-grants")).ToBeVisibleAsync(Soon);
        Assert.Equal(0, await page.GetByTestId("user-dormant").CountAsync());
    }

    [Fact]
    public async Task An_administrator_adds_an_operatore_for_a_quartiere_who_then_sees_it_as_their_own()
    {
        var page = await AdminPageAsync();
        await page.GetByTestId("user-new").ClickAsync();
        await page.FillAsync("#u-email", "operatore.savena@actorwelfare.local");
        await page.FillAsync("#u-password", "corta");
        await page.ClickAsync("label[for=u-role-operatore]");
        await page.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-error").Filter(new() { HasText = "password:" }).First).ToBeVisibleAsync(Soon);

        await page.FillAsync("#u-password", "Savena-operatore-2026");
        await page.ClickAsync("label[for=u-q-bologna-savena]");
        await page.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-done")).ToBeVisibleAsync(Soon);
        await Assertions.Expect(page.Locator("[data-testid=users] tr[data-email='operatore.savena@actorwelfare.local']")).ToContainTextAsync("Savena (Bologna)");

        var staff = await fixture.Browser.OpenAsync(Stack.Url("/mio-quartiere"));
        await Browser.SignInAsync(staff, Stack.Dashboard.BaseUrl, "operatore.savena@actorwelfare.local", "Savena-operatore-2026");
        await Assertions.Expect(staff.Locator("h1")).ToContainTextAsync("Savena", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task An_operatore_whose_quartiere_is_taken_away_is_refused_at_the_next_save_and_their_open_page_signs_out()
    {
        const string email = "operatore.revocato@actorwelfare.local", password = "Revocato-operatore-2026";
        using var admin = await Stack.SignedInClientAsync("amministratore@actorwelfare.local");
        using var created = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email, password, roles = new[] { "operatore" }, quartieri = new[] { "bologna/savena" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var version = await Stack.CommandAsync("bologna", "gruppo", "gruppo-revocato", 0, new
        {
            type = "register",
            profile = new { name = "Gruppo di Savena", quartieri = new[] { "savena" }, zones = Array.Empty<string>(), startYear = 2018, status = "attivo" },
        });

        var page = await fixture.Browser.OpenAsync(Stack.Url("/accesso"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, email, password);
        await page.GotoAsync(Stack.Url("/citta/bologna/attivita/gruppo/gruppo-revocato"));
        await Browser.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("quick-actions")).ToBeVisibleAsync(Soon);

        using (var moved = await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { roles = new[] { "operatore" }, quartieri = new[] { "bologna/navile" } }))
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        // The page opened before the change still shows the button; pressing it changes nothing (the page
        // says it was refused, or has already noticed and gone to the sign-in page).
        await page.GetByTestId("quick-meeting").ClickAsync();
        await Assertions.Expect(page.GetByTestId("quick-error").Or(page.Locator("[data-testid=sign-in-form]"))).ToBeVisibleAsync(Soon);
        Assert.Equal(0, await page.GetByTestId("quick-done").CountAsync());
        var reader = await Stack.PersonAsync("direttore@actorwelfare.local");
        var record = JsonDocument.Parse(await reader.GetStringAsync("/api/v1/cities/bologna/activities/gruppo/gruppo-revocato")).RootElement;
        Assert.Equal(version, record.GetProperty("version").GetInt64());
        // Within a minute the open page notices by itself and asks to sign in again.
        await page.WaitForURLAsync(url => url.Contains("/accesso"), new() { Timeout = 60_000 });
    }

    [Fact]
    public async Task Every_administrative_act_is_in_an_append_only_log_in_the_export_and_on_the_page()
    {
        const string email = "atti.amministrativi@actorwelfare.local";
        using var admin = await Stack.SignedInClientAsync("amministratore@actorwelfare.local");
        using var analyst = await Stack.SignedInClientAsync("analista@actorwelfare.local");
        var operatore = await Stack.PersonAsync("operatore.navile@actorwelfare.local");
        async Task Ok(Task<HttpResponseMessage> call) { using var r = await call; Assert.True(r.IsSuccessStatusCode, $"{r.StatusCode}: {await r.Content.ReadAsStringAsync()}"); }

        using var created = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email, password = "Atti-amministrativi-2026", roles = new[] { "operatore" }, quartieri = new[] { "bologna/navile" } });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Ok(admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { roles = new[] { "operatore" }, quartieri = new[] { "bologna/navile" } })); // the same: no act
        await Ok(admin.PutAsJsonAsync($"/api/v1/admin/users/{id}", new { roles = new[] { "operatore", "analista" }, quartieri = new[] { "bologna/savena" }, cities = new[] { "bologna" } }));
        await Ok(admin.PostAsync($"/api/v1/admin/users/{id}/lock", null));
        await Ok(admin.PostAsync($"/api/v1/admin/users/{id}/unlock", null));
        using var issued = await admin.PostAsJsonAsync("/api/v1/admin/tokens", new { name = "=gestionale atti", role = "direttore", quartieri = Array.Empty<string>(), days = 30, cities = new[] { "bologna" } });
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token");
        await Ok(admin.DeleteAsync($"/api/v1/admin/tokens/{token.GetProperty("id").GetString()}"));
        await Ok(operatore.PostAsJsonAsync("/api/v1/cities/bologna/organisations", new { id = "aps-atti", name = "APS degli atti", type = "aps" }));
        await Ok(analyst.PostAsync("/api/v1/cities/bologna/years/2012/close", null));
        await Ok(admin.PostAsJsonAsync("/api/v1/cities/bologna/years/2012/reopen", new { reason = "Prova del registro" }));

        using var json = await admin.GetAsync("/api/v1/admin/acts?format=json");
        var acts = (await json.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
            .Where(a => a.GetProperty("target").GetString() is email or "aps-atti" or "2012" || a.GetProperty("target").GetString()!.StartsWith("=gestionale", StringComparison.Ordinal))
            .Select(a => (Action: a.GetProperty("action").GetString(), By: a.GetProperty("actorName").GetString(),
                Before: a.GetProperty("before").GetString(), After: a.GetProperty("after").GetString())).ToList();
        var prefix = token.GetProperty("prefix").GetString();
        Assert.Equal(
        [
            ("account-created", "amministratore@actorwelfare.local", null, "bologna/navile"),
            ("account-changed", "amministratore@actorwelfare.local", "bologna/navile", "bologna/analista; bologna/savena"),
            ("account-locked", "amministratore@actorwelfare.local", "active", "locked"),
            ("account-unlocked", "amministratore@actorwelfare.local", "locked", "active"),
            ("token-issued", "amministratore@actorwelfare.local", null, $"bologna/direttore until {DateTime.UtcNow.AddDays(30):yyyy-MM-dd}"),
            ("token-revoked", "amministratore@actorwelfare.local", "active", "revoked"),
            ("organisation-registered", "operatore.navile@actorwelfare.local", null, "APS degli atti (aps; attiva)"),
            ("year-closed", "analista@actorwelfare.local", "open", "closed"),
            ("year-reopened", "amministratore@actorwelfare.local", "closed", "Prova del registro"),
        ], acts);

        // The export: a spreadsheet never runs the token's name as a formula.
        var csv = await admin.GetStringAsync("/api/v1/admin/acts");
        Assert.StartsWith("\uFEFF" + ActorWelfare.Dashboard.Access.AdminActs.CsvHeader, csv);
        Assert.Contains($"\"'=gestionale atti ({prefix}…)\"", csv);

        // Append-only, whoever asks the database.
        await using (var db = new Npgsql.NpgsqlConnection(Stack.Db.ConnectionString))
        {
            await db.OpenAsync();
            foreach (var sql in new[] { "UPDATE admin_audit SET actor_name = 'nessuno'", "DELETE FROM admin_audit", "TRUNCATE admin_audit" })
            {
                await using var command = new Npgsql.NpgsqlCommand(sql, db);
                var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => command.ExecuteNonQueryAsync());
                Assert.Contains("append-only", refused.MessageText);
            }
        }

        // On the page, newest first, in words.
        var page = await AdminPageAsync();
        var rows = page.Locator("[data-testid=acts] tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("Anno riaperto", new() { Timeout = 15_000 });
        await Assertions.Expect(rows.First).ToContainTextAsync("Prova del registro");
        await Assertions.Expect(page.Locator($"[data-testid=acts] tr[data-action=account-changed]").Filter(new() { HasText = email }))
            .ToContainTextAsync("bologna/analista; bologna/savena");
    }

    [Fact]
    public async Task The_audit_log_is_shown_on_the_page_newest_first_filtered_and_a_page_at_a_time()
    {
        var version = await Stack.CommandAsync("bologna", "tavolo", "tavolo-registro", 0, LiveStack.Tavolo("navile", 2024, "Tavolo del registro"));
        const int meetings = AuditPageSize + 3;
        for (var i = 0; i < meetings; i++)
            version = await Stack.CommandAsync("bologna", "tavolo", "tavolo-registro", version, new { type = "recordMeeting", year = 2024 });

        var page = await AdminPageAsync();
        await page.FillAsync("#a-text", "del registro");
        await page.GetByTestId("audit-search").ClickAsync();
        var changes = meetings + 1;
        await Assertions.Expect(page.GetByTestId("audit-count")).ToHaveTextAsync($"{changes} modifiche · pagina 1 di 2", new() { Timeout = 15_000 });
        var rows = page.Locator("[data-testid=audit] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(AuditPageSize);
        // Newest first, by the activity's name and in words, with a link to its history.
        await Assertions.Expect(rows.First).ToContainTextAsync("Tavolo del registro");
        await Assertions.Expect(rows.First).ToContainTextAsync("Incontro registrato");
        Assert.EndsWith("citta/bologna/attivita/tavolo/tavolo-registro/storia", await rows.First.Locator("a").GetAttributeAsync("href"));

        await page.GetByTestId("audit-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-count")).ToHaveTextAsync($"{changes} modifiche · pagina 2 di 2", new() { Timeout = 15_000 });
        await Assertions.Expect(rows).ToHaveCountAsync(changes - AuditPageSize);
        await Assertions.Expect(rows.Last).ToContainTextAsync("Registrazione");

        await page.SelectOptionAsync("#a-city", "crema");
        await page.GetByTestId("audit-search").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-none")).ToBeVisibleAsync(Soon);
    }

    [Fact]
    public async Task The_cluster_panel_opens_inside_the_app_with_a_way_back_and_quartieri_read_by_name()
    {
        var page = await AdminPageAsync();
        await Assertions.Expect(page.Locator("label[for=t-q-bologna-navile]")).ToHaveTextAsync("Navile (Bologna)");
        await Assertions.Expect(page.Locator("[data-testid=users] thead")).ToContainTextAsync("Quartieri / Zone");
        Assert.DoesNotContain("bologna/", await page.Locator("[data-testid=users] tbody").InnerTextAsync());

        await page.GetByTestId("ops-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Stato del cluster", new() { Timeout = 15_000 });
        // The Orleans panel itself loads in the frame (the policy lets the app, and only the app, frame it).
        await Assertions.Expect(page.FrameLocator("[data-testid=ops-frame]").Locator("#dashboard-sidebar")).ToBeAttachedAsync(new() { Timeout = 30_000 });
        using (var ops = await (await Stack.PersonAsync("amministratore@actorwelfare.local")).GetAsync("/ops/"))
        {
            Assert.Equal("SAMEORIGIN", ops.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'self'", ops.Headers.GetValues("Content-Security-Policy").Single());
        }

        await page.GetByTestId("ops-back").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Amministrazione", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task A_token_issued_on_the_page_works_until_it_is_revoked_there()
    {
        var page = await AdminPageAsync();
        await page.FillAsync("#t-name", "gestionale Porto");
        await page.SelectOptionAsync("#t-role", "direttore");
        await page.ClickAsync("label[for=t-c-bologna]"); // a direttore token holds its role in a city
        await page.GetByTestId("token-issue").ClickAsync();
        await Assertions.Expect(page.GetByTestId("token-issued")).ToBeVisibleAsync(Soon);
        var secret = (await page.GetByTestId("token-secret").TextContentAsync())!.Trim();

        using var http = Stack.WithToken(secret);
        using (var ok = await http.GetAsync("/api/v1/cities/bologna/activities")) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        // Its role holds in Bologna only, as the list says.
        await Assertions.Expect(page.Locator("[data-testid=tokens] tr[data-token='gestionale Porto'] [data-testid=token-cities]")).ToHaveTextAsync("Bologna");
        using (var elsewhere = await http.GetAsync("/api/v1/cities/crema/activities")) Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);

        await page.Locator("[data-testid=tokens] tr[data-token='gestionale Porto'] [data-testid=token-revoke]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=tokens] tr[data-token='gestionale Porto']")).ToContainTextAsync("revocato", new() { Timeout = 15_000 });
        using var refused = await http.GetAsync("/api/v1/cities/bologna/activities");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
