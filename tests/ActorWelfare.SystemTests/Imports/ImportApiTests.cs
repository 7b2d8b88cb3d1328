using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Imports;

public sealed class ImportFixture() : StackFixture(null);

/// <summary>Bulk import through the API: the documented examples, all-or-nothing, idempotence, bad files.</summary>
public sealed class ImportApiTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    private LiveStack Stack => fixture.Stack;

    private static HttpContent Body(string text, string type) => Body(Encoding.UTF8.GetBytes(text), type);

    private static HttpContent Body(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(HttpClient client, HttpContent content, string city = "bologna", string query = "")
    {
        using var response = await client.PostAsync($"/api/v1/cities/{city}/imports{query}", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<HttpClient> OperatorAsync() => await Stack.PersonAsync("operatore.navile@actorwelfare.local");

    private async Task<long?> VersionAsync(string kind, string id)
    {
        var reader = await Stack.PersonAsync("direttore@actorwelfare.local");
        using var response = await reader.GetAsync($"/api/v1/cities/bologna/activities/{kind}/{id}");
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt64() : null;
    }

    [Fact]
    public async Task The_documented_csv_example_imports_and_the_same_file_again_changes_nothing()
    {
        var csv = DocExamples.Import("CSV", "csv");
        var (status, body) = await ImportAsync(await OperatorAsync(), Body(csv, "text/csv"));
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal("applied", body.GetProperty("phase").GetString());
        Assert.Equal(3, body.GetProperty("created").GetInt32());
        Assert.Equal(3, await VersionAsync("tavolo", "tavolo-anziani-bolognina")); // register + two years
        var reader = await Stack.PersonAsync("direttore@actorwelfare.local");
        var progetto = JsonDocument.Parse(await reader.GetStringAsync("/api/v1/cities/bologna/activities/progetto/progetto-spesa-sospesa")).RootElement;
        Assert.Equal("Spesa \"sospesa\" Navile", progetto.GetProperty("profile").GetProperty("name").GetString());
        Assert.Equal(40, progetto.GetProperty("years").GetProperty("2019").GetProperty("beneficiariesInCarico").GetInt32());
        Assert.Equal("Incontri mensili, con la biblioteca",
            JsonDocument.Parse(await reader.GetStringAsync("/api/v1/cities/bologna/activities/tavolo/tavolo-anziani-bolognina")).RootElement
                .GetProperty("profile").GetProperty("description").GetString());

        var (again, repeated) = await ImportAsync(await OperatorAsync(), Body(csv, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.True(repeated.GetProperty("repeated").GetBoolean());
        Assert.Equal(3, await VersionAsync("tavolo", "tavolo-anziani-bolognina"));
    }

    [Fact]
    public async Task The_documented_json_example_imports_with_its_organisation_and_the_audit_names_the_operatore()
    {
        var (status, body) = await ImportAsync(await OperatorAsync(), Body(DocExamples.Import("JSON", "json"), "application/json"));
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(2, body.GetProperty("created").GetInt32());
        var reader = await Stack.PersonAsync("direttore@actorwelfare.local");
        var history = await reader.GetStringAsync("/api/v1/cities/bologna/activities/gruppo/gruppo-lettura-lame/history");
        Assert.Contains("operatore.navile@actorwelfare.local", history);
        Assert.Contains("biblioteca-lame", await reader.GetStringAsync("/api/v1/cities/bologna/organisations"));
        // The year's meetings, as the minutes gave them, with the ids the activity gave them in date order.
        var events = JsonDocument.Parse(await reader.GetStringAsync("/api/v1/cities/bologna/activities/gruppo/gruppo-lettura-lame")).RootElement
            .GetProperty("years").GetProperty("2019").GetProperty("events");
        Assert.Equal(["m1", "m2"], events.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(("2019-10-03", "17:30:00", 12, "2019-10-17"), (events[0].GetProperty("date").GetString(), events[0].GetProperty("start").GetString(),
            events[0].GetProperty("citizens").GetInt32(), events[0].GetProperty("nextDate").GetString()));
    }

    [Fact]
    public async Task One_bad_row_refuses_the_whole_file_with_a_report_of_every_problem_of_every_row_at_once()
    {
        var csv = """
            kind,id,name,quartieri,startYear,endYear,status,year,meetings
            gruppo,g-buono-1,Buono uno,navile,2020,,attivo,2020,3
            gruppo,g-buono-2,Buono due,navile,2020,,attivo,,
            gruppo,g-cattivo,Cattivo,navile,2022,2021,attivo,2022,-1
            tavolo,t-tipo,Tipo sbagliato,navile,duemila,,attivo,,
            """;
        var (status, body) = await ImportAsync(await OperatorAsync(), Body(csv, "text/csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("refused", body.GetProperty("phase").GetString());
        var problems = body.GetProperty("problems").EnumerateArray().Select(p => (Row: p.GetProperty("row").GetInt32(), Field: p.GetProperty("field").GetString(), Rule: p.GetProperty("rule").GetString())).ToList();
        // The format error of row 5 and both domain errors of row 4, in one answer.
        Assert.Contains((5, "startYear", "whole-number"), problems);
        Assert.Contains((4, "endYear", "not-before-start"), problems);
        Assert.Contains((4, "years.2022.meetings", "non-negative"), problems);
        Assert.DoesNotContain(problems, p => p.Row is 2 or 3);
        Assert.Null(await VersionAsync("gruppo", "g-buono-1"));
        Assert.Null(await VersionAsync("gruppo", "g-buono-2"));
    }

    public static TheoryData<string, string, string, string> BadFiles() => new()
    {
        // content, content type, field, rule
        { "kind,id,name,quartieri,startYear,status\ngruppo,g-q,\"Nome \"rotto\",navile,2020,attivo\n", "text/csv", "csv", "quoting" },
        { "kind,id,name,quartieri,startYear,status\ngruppo,g-q,\"Mai chiuso,navile,2020,attivo\n", "text/csv", "csv", "quoting" },
        { "kind,id,name,quartieri,startYear,status,colore\ngruppo,g-u,U,navile,2020,attivo,rosso\n", "text/csv", "colore", "unknown-column" },
        { "kind,id,name,quartieri,status\ngruppo,g-m,M,navile,attivo\n", "text/csv", "startYear", "missing-column" },
        { "kind,id,name,quartieri,startYear,status\ngruppo,g-c,C,navile,2020\n", "text/csv", "csv", "field-count" },
        { "kind,id,name,quartieri,startYear,status\ngruppo,g-d,Uno,navile,2020,attivo\ngruppo,g-d,Due,navile,2020,attivo\n", "text/csv", "id", "same-profile" },
        { "kind,id,name,quartieri,startYear,status\ngruppo,G D,Uno,navile,2020,attivo\n", "text/csv", "id", "kebab-case" },
        { "kind,id,name,quartieri,startYear,status\nassemblea,a-1,Uno,navile,2020,attivo\n", "text/csv", "kind", "activity-kind" },
        { """{"city":"bologna","activities":[{"kind":"gruppo","id":"g-j","profile":{"name":"J","quartieri":["navile"],"startYear":"2020","status":"attivo"}}]}""", "application/json", "$.activities[0].profile.startYear", "json" },
        { """{"city":"bologna","activities":[{"kind":"gruppo","id":"g-j","budget":1,"profile":{"name":"J","quartieri":["navile"],"startYear":2020,"status":"attivo"}}]}""", "application/json", "$.activities[0]", "unknown-field" },
        { """{"city":"bologna","activities":[{"kind":"gruppo","id":"g-j","profile":{"name":"J","quartieri":["navile"],"startYear":2020,"status":"attivo"}},{"kind":"gruppo","id":"g-j","profile":{"name":"J","quartieri":["navile"],"startYear":2020,"status":"attivo"}}]}""", "application/json", "id", "unique" },
        { """{"city":"crema","activities":[]}""", "application/json", "city", "same-city" },
        { """{"city":"bologna","activities":[{"kind":"gruppo",""", "application/json", "$.activities[0]", "json" },
        { "{\"city\":\"bologna\",\"activities\":[{\"kind\":\"gruppo\",\"id\":\"g-n\",\"profile\":" + new string('[', 40) + new string(']', 40) + "}]}", "application/json", "$.activities[0].profile", "json" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_malformed_file_is_refused_naming_the_field_and_the_rule_and_changes_nothing(string content, string type, string field, string rule)
    {
        var (status, body) = await ImportAsync(await OperatorAsync(), Body(content, type));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(body.GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("field").GetString()!.StartsWith(field, StringComparison.Ordinal) && p.GetProperty("rule").GetString() == rule);
        foreach (var id in new[] { "g-q", "g-u", "g-m", "g-c", "g-d", "g-j", "g-n" }.Where(content.Contains)) Assert.Null(await VersionAsync("gruppo", id));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_not_guessed()
    {
        var latin1 = Encoding.Latin1.GetBytes("kind,id,name,quartieri,startYear,status\ngruppo,g-latin,Attività,navile,2020,attivo\n");
        var (status, body) = await ImportAsync(await OperatorAsync(), Body(latin1, "text/csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("utf-8", body.GetProperty("problems")[0].GetProperty("rule").GetString());
        Assert.Null(await VersionAsync("gruppo", "g-latin"));
    }

    [Fact]
    public async Task Oversized_files_and_other_content_types_are_refused_before_reading_them()
    {
        // As curl does for large bodies, the client waits for "100 Continue": the answer comes before the body is sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cities/bologna/imports") { Content = Body(new byte[11 * 1024 * 1024], "text/csv") };
        request.Headers.ExpectContinue = true;
        using var response = await (await OperatorAsync()).SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("max-size", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("rule").GetString());
        var (xml, body2) = await ImportAsync(await OperatorAsync(), Body("<activities/>", "application/xml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, xml);
        Assert.Equal("Content-Type", body2.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Rows_outside_the_operatores_quartieri_refuse_the_file_and_other_roles_cannot_import()
    {
        var csv = "kind,id,name,quartieri,startYear,status\ngruppo,g-mio,Mio,navile,2020,attivo\ngruppo,g-altrui,Altrui,savena,2020,attivo\n";
        var (status, body) = await ImportAsync(await OperatorAsync(), Body(csv, "text/csv"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains(body.GetProperty("problems").EnumerateArray(), p => p.GetProperty("row").GetInt32() == 3 && p.GetProperty("rule").GetString() == "assigned");
        Assert.Null(await VersionAsync("gruppo", "g-mio"));

        foreach (var person in new[] { "direttore", "analista", "amministratore" })
        {
            var (refused, _) = await ImportAsync(await Stack.PersonAsync($"{person}@actorwelfare.local"), Body(csv, "text/csv"));
            Assert.Equal(HttpStatusCode.Forbidden, refused);
        }
        var (anonymous, _) = await ImportAsync(Stack.Http, Body(csv, "text/csv"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Null(await VersionAsync("gruppo", "g-mio"));
    }

    [Fact]
    public async Task A_large_file_can_be_followed_while_it_runs_until_it_is_applied()
    {
        var csv = new StringBuilder("kind,id,name,quartieri,startYear,status,year,meetings\n");
        for (var i = 0; i < 600; i++) csv.Append(CultureInfo.InvariantCulture, $"gruppo,g-grande-{i},Gruppo {i},navile,2021,attivo,2021,{i % 9}\n");
        var integration = await Stack.IntegrationAsync();
        var (status, body) = await ImportAsync(integration, Body(csv.ToString(), "text/csv"), query: "?wait=false");
        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = body.GetProperty("id").GetString()!.Split('/')[1];
        var seen = new List<(string Phase, int Done)>();
        JsonElement current;
        do
        {
            await Task.Delay(50);
            current = JsonDocument.Parse(await integration.GetStringAsync($"/api/v1/cities/bologna/imports/{id}")).RootElement.Clone();
            seen.Add((current.GetProperty("phase").GetString()!, current.GetProperty("done").GetInt32()));
        } while (current.GetProperty("phase").GetString() is "checking" or "applying");
        Assert.Equal("applied", current.GetProperty("phase").GetString());
        Assert.Equal(600, current.GetProperty("total").GetInt32());
        Assert.Equal(600, current.GetProperty("created").GetInt32());
        Assert.True(seen.Count > 1, "the status was readable while the import ran");
        Assert.Equal(2, await VersionAsync("gruppo", "g-grande-599"));
    }

    [Fact]
    public async Task A_refused_import_with_more_problems_than_shown_is_read_back_from_storage_after_its_grain_is_gone()
    {
        var csv = new StringBuilder("kind,id,name,quartieri,startYear,status,year,meetings\n");
        for (var i = 0; i < ActorWelfare.Imports.ImportReport.MaxProblems + 20; i++) csv.Append(CultureInfo.InvariantCulture, $"gruppo,g-rotto-{i},G {i},navile,2021,attivo,2021,x{i}\n");
        var integration = await Stack.IntegrationAsync();
        var (status, body) = await ImportAsync(integration, Body(csv.ToString(), "text/csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var id = body.GetProperty("id").GetString()!.Split('/')[1];

        // The finished import's grain releases itself; its status is then read from grain storage.
        await Task.Delay(500);
        using var again = await integration.GetAsync($"/api/v1/cities/bologna/imports/{id}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var stored = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("refused", stored.GetProperty("phase").GetString());
        Assert.Equal(ActorWelfare.Imports.ImportReport.MaxProblems + 1, stored.GetProperty("problems").GetArrayLength());
    }
}
