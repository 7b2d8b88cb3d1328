using System.Net;
using System.Text;
using System.Text.Json;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace ActorWelfare.Tests.Hostile;

public sealed class HostileFixture() : StackFixture(null);

/// <summary>
/// The corpus in <c>hostile-inputs.json</c> (negative numbers, overflow, huge strings and payloads, invalid
/// UTF-8, markup, SQL-like strings, wrong content types, deep nesting, unknown fields, forged identities),
/// sent through the API commands, the import, other API requests, the hub and the sign-in forms. Each gets
/// the expected 4xx with a body naming the field where it has one; nothing changes; and neither process
/// logs an unhandled exception.
/// </summary>
public sealed class HostileInputTests(HostileFixture fixture) : IClassFixture<HostileFixture>
{
    private static readonly string CorpusPath = Path.Combine(RepoPaths.Root, "tests", "ActorWelfare.SystemTests", "Hostile", "hostile-inputs.json");

    private static List<JsonElement> Corpus() => [.. JsonDocument.Parse(File.ReadAllText(CorpusPath)).RootElement.EnumerateArray()];

    public static IEnumerable<object[]> Cases() => Corpus().Select(c => new object[] { c.GetProperty("name").GetString()! });

    [Fact]
    public void The_corpus_has_at_least_fifty_inputs_through_every_door()
    {
        var corpus = Corpus();
        Assert.True(corpus.Count >= 50, $"{corpus.Count} inputs");
        Assert.Equal(["command", "form", "hub", "import", "request"], corpus.Select(c => c.GetProperty("door").GetString()).Distinct().Order());
        Assert.Equal(corpus.Count, corpus.Select(c => c.GetProperty("name").GetString()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_input_is_refused_clearly_and_changes_nothing(string name)
    {
        var input = Corpus().Single(c => c.GetProperty("name").GetString() == name);
        var stack = fixture.Stack;
        var before = await StateAsync();

        var door = input.GetProperty("door").GetString();
        if (door == "hub") await HubAsync(input);
        else
        {
            var (status, body) = await SendAsync(door!, input);
            var expected = input.GetProperty("expect").EnumerateArray().Select(e => e.GetInt32()).ToList();
            Assert.True(expected.Contains((int)status), $"{name}: {(int)status} {Truncate(body)}; expected one of {string.Join(", ", expected)}");
            if (door != "form") Assert.True(NamesAField(body), $"{name}: the answer names no field: {Truncate(body)}");
        }

        Assert.Equal(before, await StateAsync());
        foreach (var process in new[] { stack.Dashboard.Process, stack.Silo.Process })
        {
            var log = process.Output(int.MaxValue);
            Assert.DoesNotContain("unhandled exception", log, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>What must not change: the activities of both cities and the version of Bologna's 2019 figures.</summary>
    private async Task<string> StateAsync()
    {
        var http = await fixture.Stack.IntegrationAsync();
        var bologna = await http.GetStringAsync("/api/v1/cities/bologna/activities");
        var crema = await http.GetStringAsync("/api/v1/cities/crema/activities");
        var version = JsonDocument.Parse(await http.GetStringAsync("/api/v1/cities/bologna/years/2019/indicators")).RootElement.GetProperty("version").GetInt64();
        return $"{bologna}\n{crema}\n{version}";
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string door, JsonElement input)
    {
        var stack = fixture.Stack;
        HttpClient http = await stack.IntegrationAsync();
        HttpRequestMessage request;
        switch (door)
        {
            case "command":
                request = new(HttpMethod.Post, $"/api/v1/cities/bologna/activities/{input.GetProperty("kind").GetString()}/{input.GetProperty("id").GetString()}/commands");
                break;
            case "import":
                request = new(HttpMethod.Post, "/api/v1/cities/bologna/imports");
                break;
            case "request":
                request = new(new HttpMethod(input.GetProperty("method").GetString()!), input.GetProperty("path").GetString());
                http = input.GetProperty("auth").GetString() switch
                {
                    "none" => new HttpClient { BaseAddress = new Uri(stack.Dashboard.BaseUrl) },
                    "forged" => stack.WithToken("awt_" + new string('f', 48)),
                    "director" => stack.WithToken(await LiveStack.IssueTokenAsync(await stack.PersonAsync("amministratore@actorwelfare.local"), "ostile direttore", "direttore", [])),
                    _ => http,
                };
                break;
            case "form":
                http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(stack.Dashboard.BaseUrl) };
                var fields = input.GetProperty("fields").EnumerateObject().ToDictionary(f => f.Name, f => f.Value.GetString()!);
                using (var response = await http.PostAsync(input.GetProperty("path").GetString(), new FormUrlEncodedContent(fields)))
                    return (response.StatusCode, await response.Content.ReadAsStringAsync());
            default:
                throw new InvalidOperationException($"Unknown door {door}");
        }
        request.Content = Body(input);
        using (request)
        using (var response = await http.SendAsync(request))
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The body as text, as raw bytes (base64 in the corpus: invalid UTF-8, latin-1) or generated (huge payloads).</summary>
    private static HttpContent? Body(JsonElement input)
    {
        byte[]? bytes = null;
        if (input.TryGetProperty("bodyBase64", out var b64)) bytes = Convert.FromBase64String(b64.GetString()!);
        else if (input.TryGetProperty("bodyRepeat", out var repeat))
        {
            var text = new StringBuilder(repeat.GetProperty("prefix").GetString())
                .Append(repeat.GetProperty("fill").GetString()![0], repeat.GetProperty("times").GetInt32())
                .Append(repeat.GetProperty("suffix").GetString()).ToString();
            bytes = Encoding.UTF8.GetBytes(text);
        }
        else if (input.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String) bytes = Encoding.UTF8.GetBytes(body.GetString()!);
        if (bytes is null) return null;
        var content = new ByteArrayContent(bytes);
        var type = input.TryGetProperty("contentType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (!string.IsNullOrEmpty(type)) content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        return content;
    }

    private async Task HubAsync(JsonElement input)
    {
        await using var hub = new HubConnectionBuilder().WithUrl(fixture.Stack.Dashboard.BaseUrl + "/hubs/indicators").Build();
        await hub.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<ActorWelfare.Indicators.IndicatorDocument>("Subscribe", input.GetProperty("city").GetString(), input.GetProperty("year").GetInt32()));
        Assert.True(refused.Message.Contains("city") || refused.Message.Contains("year"), refused.Message);
        // The connection is still usable: a hostile call did not break it.
        Assert.Equal("bologna", (await hub.InvokeAsync<ActorWelfare.Indicators.IndicatorDocument>("Subscribe", "bologna", 2019)).City);
    }

    /// <summary>True when the JSON answer has a "field" (a problem document, a command's errors, an import's problems).</summary>
    private static bool NamesAField(string body)
    {
        try
        {
            return HasField(JsonDocument.Parse(body).RootElement);
        }
        catch (JsonException)
        {
            return false;
        }

        static bool HasField(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => e.EnumerateObject().Any(p => (p.Name == "field" && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Length > 0) || HasField(p.Value)),
            JsonValueKind.Array => e.EnumerateArray().Any(HasField),
            _ => false,
        };
    }

    private static string Truncate(string s) => s.Length > 400 ? s[..400] + "…" : s;
}
