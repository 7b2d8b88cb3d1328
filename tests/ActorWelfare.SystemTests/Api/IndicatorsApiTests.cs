using System.Net;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Api;

/// <summary>A silo on PostgreSQL with bologna-2019 loaded, and the dashboard serving the API.</summary>
public sealed class ApiFixture() : StackFixture("bologna-2019");

public sealed class IndicatorsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await api.Stack.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Cities_lists_bologna_and_crema_with_their_quartieri_and_zones()
    {
        var cities = await GetJsonAsync("/api/v1/cities");
        var bologna = cities.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "bologna");
        Assert.Equal(6, bologna.GetProperty("quartieri").GetArrayLength());
        var navile = bologna.GetProperty("quartieri").EnumerateArray().Single(q => q.GetProperty("id").GetString() == "navile");
        Assert.Contains(navile.GetProperty("zones").EnumerateArray(), z => z.GetProperty("id").GetString() == "bolognina");
        var crema = cities.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "crema");
        Assert.Equal(5, crema.GetProperty("quartieri").GetArrayLength());
        Assert.Equal("zona", crema.GetProperty("districtTerm").GetProperty("it").GetString());
    }

    [Fact]
    public async Task Indicators_follow_the_documented_contract()
    {
        var doc = await GetJsonAsync("/api/v1/cities/bologna/years/2019/indicators");
        Assert.Equal("bologna", doc.GetProperty("city").GetString());
        Assert.Equal(2019, doc.GetProperty("year").GetInt32());
        Assert.True(doc.GetProperty("version").GetInt64() > 0);
        Assert.True(doc.GetProperty("asOf").TryGetDateTimeOffset(out _));

        var tot = doc.GetProperty("indicators").GetProperty("PI.TOT");
        Assert.Equal(99, tot.GetProperty("value").GetInt32());
        Assert.Equal(1, tot.GetProperty("excluded").GetInt32());
        Assert.Equal(JsonValueKind.Null, tot.GetProperty("base").ValueKind);
        Assert.Equal(86, tot.GetProperty("breakdown").GetProperty("quartiere").GetInt32());
        var vol = doc.GetProperty("indicators").GetProperty("PI.VOL");
        Assert.Equal(866, vol.GetProperty("value").GetInt32());
        Assert.Equal(62, vol.GetProperty("base").GetInt32());
        var inCarico = doc.GetProperty("indicators").GetProperty("B3.05");
        Assert.Equal(3671, inCarico.GetProperty("breakdown").GetProperty("totale").GetInt32());

        foreach (var code in new[] { "B3.01", "B3.02", "B3.03", "B3.04", "B3.06", "B3.07", "B3.08", "B3.09", "B3.10", "B3.11", "B3.12", "B3.13", "B3.14", "PI.STAFF", "GC.OPS", "TP.OPS.SST" })
            Assert.True(doc.GetProperty("indicators").TryGetProperty(code, out _), code);
        var quartieri = doc.GetProperty("quartieri");
        Assert.Equal(6, quartieri.EnumerateObject().Count());
        Assert.Equal(5, quartieri.GetProperty("san-donato-san-vitale").GetProperty("TP.TOT").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task A_quartiere_has_its_own_document_with_the_same_codes()
    {
        var doc = await GetJsonAsync("/api/v1/cities/bologna/years/2019/quartieri/santo-stefano/indicators");
        Assert.Equal("santo-stefano", doc.GetProperty("quartiere").GetString());
        Assert.Equal(4, doc.GetProperty("indicators").GetProperty("GC.TOT").GetProperty("value").GetInt32());
        Assert.True(doc.GetProperty("indicators").TryGetProperty("PI.BEN", out _));
        using var unknown = await api.Stack.Http.GetAsync("/api/v1/cities/bologna/years/2019/quartieri/atlantide/indicators");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Verify_is_for_analysts_and_administrators_only()
    {
        const string path = "/api/v1/cities/bologna/years/2019/verify";
        using (var anonymous = await api.Stack.Http.GetAsync(path))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var director = await api.Stack.SignedInClientAsync("direttore@actorwelfare.local");
        using (var refused = await director.GetAsync(path))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var administrator = await api.Stack.SignedInClientAsync("amministratore@actorwelfare.local");
        using (var allowed = await administrator.GetAsync(path))
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Verify_finds_the_live_document_equal_to_the_recomputation()
    {
        using var analyst = await api.Stack.SignedInClientAsync("analista@actorwelfare.local");
        using var response = await analyst.GetAsync("/api/v1/cities/bologna/years/2019/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(report.GetProperty("equal").GetBoolean(), report.GetProperty("differences").ToString());
        Assert.Equal(130, report.GetProperty("activities").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/cities/atlantide/years/2019/indicators", HttpStatusCode.NotFound, "city")]
    [InlineData("/api/v1/cities/bologna/years/duemila/indicators", HttpStatusCode.BadRequest, "year")]
    [InlineData("/api/v1/cities/bologna/years/1850/indicators", HttpStatusCode.BadRequest, "year")]
    [InlineData("/api/v1/cities/atlantide", HttpStatusCode.NotFound, "city")]
    public async Task Bad_requests_get_a_problem_naming_the_field(string path, HttpStatusCode status, string field)
    {
        using var response = await api.Stack.Http.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(field, problem.GetProperty("field").GetString());
        // The title is for people: it starts with the field's label, the code stays in "field".
        Assert.StartsWith(ActorWelfare.Activities.FieldLabels.Of(field).En + ": ", problem.GetProperty("title").GetString());
    }
}
