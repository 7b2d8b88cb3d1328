using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace ActorWelfare.Tests.Access;

/// <summary>Requests with the wrong types or forged by another site get a clear refusal and change nothing.</summary>
public sealed class ForgedAndMistypedRequestTests(AccessStackFixture fixture) : IClassFixture<AccessStackFixture>
{
    [Theory]
    [InlineData("""{"expectedVersion":0,"command":{"type":"register","profile":{"name":"X","quartieri":["navile"],"startYear":"2020","status":"attivo"}}}""")]
    [InlineData("""{"expectedVersion":"zero","command":{"type":"register","profile":{"name":"X","quartieri":["navile"],"startYear":2020,"status":"attivo"}}}""")]
    [InlineData("""{"expectedVersion":0,"command":{"type":"register","profile":{"name":"X","quartieri":"navile","startYear":2020,"status":"attivo"}}}""")]
    [InlineData("""{"expectedVersion":0,"command":{"type":"teleport"}}""")]
    [InlineData("""{"expectedVersion":0,"command":""")]
    public async Task A_command_with_wrong_types_is_refused_naming_the_body_and_changes_nothing(string body)
    {
        var integration = await fixture.Stack.IntegrationAsync();
        using var response = await integration.PostAsync("/api/v1/cities/bologna/activities/gruppo/g-tipi/commands",
            new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("body", problem.GetProperty("field").GetString());
        using var record = await integration.GetAsync("/api/v1/cities/bologna/activities/gruppo/g-tipi");
        Assert.Equal(HttpStatusCode.NotFound, record.StatusCode);
    }

    [Fact]
    public async Task An_import_form_posted_with_the_cookie_but_without_the_antiforgery_token_is_refused()
    {
        var operatore = await fixture.Stack.PersonAsync("operatore.navile@actorwelfare.local");
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("kind,id,name,quartieri,startYear,status\ngruppo,g-falso,Falso,navile,2020,attivo\n")), "file", "a.csv");
        using var response = await operatore.PostAsync("/api/v1/cities/bologna/imports", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("antiforgery", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("rule").GetString());
        using var record = await operatore.GetAsync("/api/v1/cities/bologna/activities/gruppo/g-falso");
        Assert.Equal(HttpStatusCode.NotFound, record.StatusCode);

        // The same upload from a program with its token goes through.
        using var tokenForm = new MultipartFormDataContent();
        tokenForm.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("kind,id,name,quartieri,startYear,status\ngruppo,g-vero,Vero,navile,2020,attivo\n")), "file", "a.csv");
        using var ok = await (await fixture.Stack.IntegrationAsync()).PostAsync("/api/v1/cities/bologna/imports", tokenForm);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_command_in_another_content_type_gets_415_naming_the_header()
    {
        var integration = await fixture.Stack.IntegrationAsync();
        using var response = await integration.PostAsync("/api/v1/cities/bologna/activities/gruppo/g-xml/commands",
            new StringContent("<command type='delete'/>", Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Content-Type", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
    }

    /// <summary>The members every error answer has, whoever wrote it: the API, routing, authentication or a grain's refusal.</summary>
    private static JsonElement AssertProblem(HttpResponseMessage response, string body, HttpStatusCode status, string field, string rule)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.StartsWith("https://", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$", problem.GetProperty("traceId").GetString());
        Assert.StartsWith("/api/", problem.GetProperty("instance").GetString(), StringComparison.Ordinal);
        return problem;
    }

    [Fact]
    public async Task Every_error_a_program_gets_is_one_problem_document_shape()
    {
        var integration = await fixture.Stack.IntegrationAsync();
        // A grain's refusal: every problem in "errors", the answer's own members beside.
        using (var refused = await integration.PostAsync("/api/v1/cities/bologna/activities/gruppo/g-forma/commands",
            new StringContent("""{"expectedVersion":0,"command":{"type":"register","profile":{"name":"","quartieri":["navile"],"startYear":2020,"status":"inventato"}}}""", Encoding.UTF8, "application/json")))
        {
            var problem = AssertProblem(refused, await refused.Content.ReadAsStringAsync(), HttpStatusCode.BadRequest, "name", "required");
            Assert.Equal("Invalid", problem.GetProperty("outcome").GetString(), ignoreCase: true);
            var errors = problem.GetProperty("errors").EnumerateArray().ToList();
            Assert.True(errors.Count >= 2, problem.ToString());
            Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("title").GetString())));
            Assert.Contains(errors, e => e.GetProperty("field").GetString() == "status");
        }
        // The API's own checks, routing and authentication.
        using (var city = await integration.GetAsync("/api/v1/cities/atlantide/activities"))
            AssertProblem(city, await city.Content.ReadAsStringAsync(), HttpStatusCode.NotFound, "city", "configured");
        using (var nowhere = await integration.GetAsync("/api/v1/nessuna-risorsa"))
            AssertProblem(nowhere, await nowhere.Content.ReadAsStringAsync(), HttpStatusCode.NotFound, "path", "exists");
        using (var method = await integration.DeleteAsync("/api/v1/cities/bologna/activities"))
            AssertProblem(method, await method.Content.ReadAsStringAsync(), HttpStatusCode.MethodNotAllowed, "method", "allowed");
        using var anonymous = new HttpClient { BaseAddress = integration.BaseAddress };
        using (var badToken = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cities/bologna/activities"))
        {
            badToken.Headers.Authorization = new("Bearer", "awt_not-a-token");
            using var answer = await anonymous.SendAsync(badToken);
            AssertProblem(answer, await answer.Content.ReadAsStringAsync(), HttpStatusCode.Unauthorized, "Authorization", JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("rule").GetString()!);
        }
    }
}
