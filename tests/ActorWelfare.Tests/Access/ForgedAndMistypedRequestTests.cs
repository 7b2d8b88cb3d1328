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
}
