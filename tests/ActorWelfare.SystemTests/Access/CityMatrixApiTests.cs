using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Access;

/// <summary>
/// Roles belong to cities, through the REST API: every demo person × Bologna and Crema × every kind of
/// act (reading records, the year, verifying, closing and reopening, snapshots, their exports and comparison,
/// the registry, imports, the audit). A person acts only where
/// they hold the role; an amministratore of every city administers both; a refusal names the city and
/// changes nothing.
/// </summary>
public sealed class CityMatrixApiTests(AccessStackFixture fixture) : IClassFixture<AccessStackFixture>
{
    private const int Year = 2031; // a year of its own: closing it disturbs no other test

    private static IReadOnlyDictionary<string, (string Role, string City)> People => DemoPeople.ByName;

    private static readonly string[] Acts =
        ["read-activities", "read-year", "list-organisations", "verify", "close-year", "reopen-year", "take-snapshot", "read-snapshot",
         "export-snapshot", "compare", "register-organisation", "command", "import", "audit"];

    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var person in People.Keys)
            foreach (var city in new[] { "bologna", "crema" })
                foreach (var act in Acts)
                    data.Add(person, city, act);
        return data;
    }

    /// <summary>What the rule says: whether this person may do this act in this city.</summary>
    private static bool Allowed(string person, string city, string act)
    {
        var (role, where) = People[person];
        var holds = where == "*" || where == city;
        return holds && act switch
        {
            "read-activities" or "read-year" or "list-organisations" or "read-snapshot" or "export-snapshot" or "compare" => true,
            "verify" => role is "analista" or "amministratore",
            "close-year" or "take-snapshot" => role == "analista",
            "reopen-year" or "audit" => role == "amministratore",
            "register-organisation" => role is "operatore" or "amministratore",
            "command" or "import" => role == "operatore", // the activity is in the operatore's own district
            _ => throw new ArgumentOutOfRangeException(nameof(act)),
        };
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_person_acts_only_in_the_cities_where_they_hold_the_role(string person, string city, string act)
    {
        var client = await fixture.Stack.PersonAsync($"{person}@actorwelfare.local");
        var quartiere = city == "bologna" ? "navile" : "zona-1";
        var id = $"cm-{person.Replace('.', '-')}-{city}-{act}"; // an id per act: one act's record is not another's
        long version = 0;
        if (act == "command") // a gruppo of the operatore's district of the city, made by the integration
            version = await fixture.Stack.CommandAsync(city, "gruppo", id, 0, new
            {
                type = "register",
                profile = new { name = "Gruppo " + id, quartieri = new[] { quartiere }, zones = Array.Empty<string>(), startYear = 2031, status = "attivo" },
            });
        if (act == "reopen-year") // closed by the city's analista first
            using (var closed = await (await fixture.Stack.PersonAsync(AnalistaOf(city))).PostAsync($"/api/v1/cities/{city}/years/{Year}/close", null))
                Assert.True(closed.IsSuccessStatusCode, await closed.Content.ReadAsStringAsync());
        var snapshot = act is "read-snapshot" or "export-snapshot" or "compare" ? await SnapshotOfAsync(city) : Guid.Empty;
        using var response = act switch
        {
            "reopen-year" => await client.PostAsJsonAsync($"/api/v1/cities/{city}/years/{Year}/reopen", new { reason = "Prova della matrice per città" }),
            "read-snapshot" => await client.GetAsync($"/api/v1/cities/{city}/years/{Year}/snapshots/{snapshot}"),
            "export-snapshot" => await client.GetAsync($"/api/v1/cities/{city}/years/{Year}/snapshots/{snapshot}/export.csv"),
            "compare" => await client.GetAsync($"/api/v1/cities/{city}/compare?fromYear={Year}&from={snapshot}&toYear={Year}&to={snapshot}"),
            "audit" => await client.GetAsync($"/api/v1/admin/audit?city={city}&format=json"),
            "read-activities" => await client.GetAsync($"/api/v1/cities/{city}/activities"),
            "list-organisations" => await client.GetAsync($"/api/v1/cities/{city}/organisations"),
            "take-snapshot" => await client.PostAsJsonAsync($"/api/v1/cities/{city}/years/{Year}/snapshots", new { label = "provvisorio" }),
            "command" => await client.PostAsJsonAsync($"/api/v1/cities/{city}/activities/gruppo/{id}/commands",
                new { expectedVersion = version, command = new { type = "recordMeeting", year = 2031 } }),
            "read-year" => await client.GetAsync($"/api/v1/cities/{city}/years/{Year}"),
            "verify" => await client.GetAsync($"/api/v1/cities/{city}/years/{Year}/verify"),
            "close-year" => await client.PostAsync($"/api/v1/cities/{city}/years/{Year}/close", null),
            "register-organisation" => await client.PostAsJsonAsync($"/api/v1/cities/{city}/organisations", new { id, name = "Organizzazione " + id, type = "associazione" }),
            "import" => await client.PostAsync($"/api/v1/cities/{city}/imports", new StringContent(
                $"kind,id,name,quartieri,startYear,status\ngruppo,{id},Gruppo {id},{quartiere},2031,attivo\n", Encoding.UTF8, "text/csv")),
            _ => throw new ArgumentOutOfRangeException(nameof(act)),
        };
        var body = await response.Content.ReadAsStringAsync();
        var allowed = Allowed(person, city, act);
        try
        {
            if (allowed)
            {
                Assert.True(response.IsSuccessStatusCode, $"{person} {act} in {city}: {(int)response.StatusCode} {body}");
                return;
            }
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            // Refused for the city alone (the same act is theirs at home): the answer names the city.
            var (_, home) = People[person];
            if (home != "*" && Allowed(person, home, act)) Assert.Contains(city, body, StringComparison.OrdinalIgnoreCase);
            await NothingChangedAsync(city, act, id, person);
        }
        finally
        {
            if (act == "close-year" && allowed || act == "reopen-year" && !allowed)
                using (var reopened = await (await fixture.Stack.PersonAsync("amministratore@actorwelfare.local"))
                    .PostAsJsonAsync($"/api/v1/cities/{city}/years/{Year}/reopen", new { reason = "Fine della prova per città" }))
                    Assert.True(reopened.IsSuccessStatusCode, await reopened.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Read by the amministratore of every city: the refused act left no trace.</summary>
    private async Task NothingChangedAsync(string city, string act, string id, string person)
    {
        var admin = await fixture.Stack.PersonAsync("amministratore@actorwelfare.local");
        switch (act)
        {
            case "reopen-year":
                var closed = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/cities/{city}/years/{Year}")).RootElement;
                Assert.True(closed.GetProperty("status").GetProperty("closed").GetBoolean());
                break;
            case "close-year":
                var year = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/cities/{city}/years/{Year}")).RootElement;
                Assert.False(year.GetProperty("status").GetProperty("closed").GetBoolean());
                break;
            case "register-organisation":
                var registry = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/cities/{city}/organisations");
                Assert.DoesNotContain(registry.EnumerateArray(), o => o.GetProperty("id").GetString() == id);
                break;
            case "import":
                using (var record = await admin.GetAsync($"/api/v1/cities/{city}/activities/gruppo/{id}"))
                    Assert.Equal(HttpStatusCode.NotFound, record.StatusCode);
                break;
            case "command":
                var gruppo = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/cities/{city}/activities/gruppo/{id}")).RootElement;
                Assert.Equal(1, gruppo.GetProperty("version").GetInt64());
                break;
            case "take-snapshot":
                var snapshots = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/cities/{city}/years/{Year}")).RootElement.GetProperty("snapshots");
                Assert.DoesNotContain(snapshots.EnumerateArray(), s => s.GetProperty("takenBy").GetString()!.StartsWith(person + "@", StringComparison.Ordinal));
                break;
        }
    }

    private static string AnalistaOf(string city) => city == "bologna" ? "analista@actorwelfare.local" : "analista.crema@actorwelfare.local";

    private static readonly Dictionary<string, Guid> Snapshots = [];

    /// <summary>A snapshot of the city's year, taken once by its analista, for the acts that read one.</summary>
    private async Task<Guid> SnapshotOfAsync(string city)
    {
        if (Snapshots.TryGetValue(city, out var id)) return id;
        using var taken = await (await fixture.Stack.PersonAsync(AnalistaOf(city)))
            .PostAsJsonAsync($"/api/v1/cities/{city}/years/{Year}/snapshots", new { label = "provvisorio" });
        var body = await taken.Content.ReadAsStringAsync();
        Assert.True(taken.IsSuccessStatusCode, body);
        return Snapshots[city] = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task An_amministratore_of_one_city_gives_rights_only_there_and_sees_only_its_people()
    {
        var admin = await fixture.Stack.PersonAsync("amministratore@actorwelfare.local");
        const string email = "amministratore.crema@actorwelfare.local";
        using (var created = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email, password = DashboardProcess.DemoPassword, roles = new[] { "amministratore" }, cities = new[] { "crema" } }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cremaAdmin = await fixture.Stack.SignedInClientAsync(email, DashboardProcess.DemoPassword);

        // Bologna's people are not theirs to see or change.
        var people = await cremaAdmin.GetFromJsonAsync<JsonElement>("/api/v1/admin/users");
        var emails = people.EnumerateArray().Select(p => p.GetProperty("email").GetString()).ToList();
        Assert.Contains("direttore.crema@actorwelfare.local", emails);
        Assert.DoesNotContain("direttore@actorwelfare.local", emails);
        Assert.DoesNotContain("amministratore@actorwelfare.local", emails);

        // A role in Bologna, or in every city, is refused with every problem named; Crema is fine.
        using (var refused = await cremaAdmin.PostAsJsonAsync("/api/v1/admin/users",
            new { email = "nuovo.bologna@actorwelfare.local", password = DashboardProcess.DemoPassword, roles = new[] { "direttore" }, cities = new[] { "bologna", "*" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("administered", problem.GetProperty("rule").GetString());
            Assert.Contains("bologna", problem.GetProperty("title").GetString());
        }
        using (var ok = await cremaAdmin.PostAsJsonAsync("/api/v1/admin/users",
            new { email = "nuovo.crema@actorwelfare.local", password = DashboardProcess.DemoPassword, roles = new[] { "direttore" }, cities = new[] { "crema" } }))
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);

        // Closing or reopening Bologna's years is not theirs either.
        using (var reopen = await cremaAdmin.PostAsJsonAsync($"/api/v1/cities/bologna/years/{Year}/reopen", new { reason = "prova" }))
            Assert.Equal(HttpStatusCode.Forbidden, reopen.StatusCode);

        // A role without a city is refused, naming the field.
        using var cityless = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email = "senza.citta@actorwelfare.local", password = DashboardProcess.DemoPassword, roles = new[] { "analista" } });
        Assert.Equal(HttpStatusCode.BadRequest, cityless.StatusCode);
        Assert.Equal("cities", (await cityless.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
    }
}
