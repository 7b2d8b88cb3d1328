using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace ActorWelfare.Tests.Access;

/// <summary>
/// The access rule through the REST API, as people signed in with their own accounts: every role ×
/// every command × own or other quartiere. Only an operatore in their own quartiere may write; every
/// refusal leaves the activity exactly as it was.
/// </summary>
public sealed partial class AccessMatrixApiTests(AccessStackFixture fixture) : IClassFixture<AccessStackFixture>
{
    private const string Own = "navile", Other = "savena";
    private static readonly string[] People = ["direttore", "operatore.navile", "analista", "amministratore", ""];
    private static readonly string[] Actions =
        ["register", "editProfile", "recordMeeting", "recordEvent", "updateYearFigures", "addOrganisation", "removeOrganisation",
         "changeStatus", "moveToQuartieri", "changeKind", "delete"];

    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var person in People)
            foreach (var action in Actions)
                foreach (var where in new[] { Own, Other })
                    data.Add(person, action, where);
        return data;
    }

    private static object Profile(string quartiere, string name = "Gruppo della matrice") => new
    {
        name, quartieri = new[] { quartiere }, zones = Array.Empty<string>(), startYear = 2024, status = "attivo",
        organisations = new[] { new { organisationId = "org-matrice", functions = new[] { "volontari" } } },
    };

    private static object Command(string action, string quartiere) => action switch
    {
        "register" => new { type = action, profile = Profile(quartiere) },
        "editProfile" => new { type = action, profile = Profile(quartiere, "Nome nuovo") },
        "recordMeeting" => new { type = action, year = 2024 },
        "recordEvent" => new { type = action, @event = new { date = "2024-05-10", citizens = 8 } },
        "updateYearFigures" => new { type = action, year = 2024, figures = new { meetings = 3, citizens = 12 } },
        "addOrganisation" => new { type = action, link = new { organisationId = "org-matrice-2", functions = new[] { "spazi" } } },
        "removeOrganisation" => new { type = action, organisationId = "org-matrice" },
        "changeStatus" => new { type = action, status = "in-attivazione" },
        "moveToQuartieri" => new { type = action, quartieri = new[] { Own }, zones = new[] { "lame" } },
        "changeKind" => new { type = action, newKind = "tavolo" },
        "delete" => new { type = action },
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_an_operatore_in_their_own_quartiere_changes_an_activity(string person, string action, string where)
    {
        var stack = fixture.Stack;
        var integration = await stack.IntegrationAsync();
        foreach (var (org, type) in new[] { ("org-matrice", "associazione"), ("org-matrice-2", "odv") })
            (await integration.PostAsJsonAsync("/api/v1/cities/bologna/organisations", new { id = org, name = org, type })).EnsureSuccessStatusCode();

        var id = $"m-{(person == "" ? "anonimo" : person.Replace('.', '-'))}-{action.ToLowerInvariant()}-{where}";
        long version = 0;
        if (action != "register") version = await stack.CommandAsync("bologna", "gruppo", id, 0, new { type = "register", profile = Profile(where) });
        var before = await RecordAsync(id);

        var client = person == "" ? stack.Http : await stack.PersonAsync($"{person}@actorwelfare.local");
        using var response = await client.PostAsJsonAsync($"/api/v1/cities/bologna/activities/gruppo/{id}/commands",
            new { expectedVersion = version, command = Command(action, where) });

        var allowed = person == "operatore.navile" && where == Own;
        var expected = allowed ? HttpStatusCode.OK : person == "" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
        Assert.Equal(expected, response.StatusCode);
        var after = await RecordAsync(id);
        if (allowed)
        {
            Assert.NotEqual(before, after);
            return;
        }
        Assert.Equal(before, after); // the refusal changed nothing
        if (person != "")
        {
            var rule = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0].GetProperty("rule").GetString();
            Assert.Equal(person == "operatore.navile" ? "assigned" : "operatore", rule);
        }
    }

    /// <summary>The record as stored (or its absence), read as a director.</summary>
    private async Task<string> RecordAsync(string id)
    {
        var reader = await fixture.Stack.PersonAsync("direttore@actorwelfare.local");
        using var response = await reader.GetAsync($"/api/v1/cities/bologna/activities/gruppo/{id}");
        // Without the answer's trace id, which every request has its own of.
        return $"{(int)response.StatusCode} {TraceId().Replace(await response.Content.ReadAsStringAsync(), "")}";
    }

    [GeneratedRegex("\"traceId\":\"[^\"]*\"")]
    private static partial Regex TraceId();
}
