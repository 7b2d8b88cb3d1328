using System.Text.Json;
using ActorWelfare.Tests.Access;
using Xunit;

namespace ActorWelfare.Tests.Api;

/// <summary>The app serves an OpenAPI document of its API, as clients generate code from it.</summary>
public sealed class OpenApiTests(AccessStackFixture fixture) : IClassFixture<AccessStackFixture>
{
    [Fact]
    public async Task The_openapi_document_describes_the_commands_imports_admin_and_the_bearer_scheme()
    {
        using var response = await fixture.Stack.Http.GetAsync("/api/v1/openapi.json");
        response.EnsureSuccessStatusCode();
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
        var paths = doc.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/cities", "/api/v1/cities/{city}/years/{year}/indicators", "/api/v1/cities/{city}/activities/{kind}/{id}/commands",
            "/api/v1/cities/{city}/imports", "/api/v1/admin/tokens", "/api/v1/admin/audit",
        })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is in the document");
        var commands = paths.GetProperty("/api/v1/cities/{city}/activities/{kind}/{id}/commands").GetProperty("post");
        Assert.True(commands.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(commands.GetProperty("responses").TryGetProperty("409", out _));
        Assert.Equal("bearer", doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }
}
