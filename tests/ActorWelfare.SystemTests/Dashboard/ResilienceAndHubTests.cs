using ActorWelfare.Indicators;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

public sealed class ResilienceAndHubTests
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 30_000 };

    [Fact]
    public async Task When_the_silo_restarts_the_page_says_it_is_reconnecting_then_resynchronises_by_itself()
    {
        await using var stack = await LiveStack.StartAsync();
        await using var browser = await Browser.LaunchAsync();
        await stack.CommandAsync("crema", "tavolo", "t-1", 0, LiveStack.Tavolo("zona-2", 2025));
        var page = await browser.OpenAsync(stack.Url("/citta/crema/2025"));
        await Assertions.Expect(page.GetByTestId("headline-TP.TOT")).ToHaveTextAsync("1", Soon);
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");

        await stack.Silo.Process.KillAsync();
        await Assertions.Expect(page.Locator("[data-testid=live-badge]")).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = 30_000 });

        await stack.Silo.RestartAsync();
        await Assertions.Expect(page.Locator("[data-testid=live-badge]")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 60_000 });
        await stack.CommandAsync("crema", "tavolo", "t-2", 0, LiveStack.Tavolo("zona-2", 2025));
        await Assertions.Expect(page.GetByTestId("headline-TP.TOT")).ToHaveTextAsync("2", Soon);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the page was reloaded");
    }

    [Fact]
    public async Task The_hub_sends_the_full_document_on_subscribe_and_every_new_version_after()
    {
        await using var stack = await LiveStack.StartAsync();
        await using var connection = new HubConnectionBuilder().WithUrl(stack.Url("/hubs/indicators")).Build();
        var received = System.Threading.Channels.Channel.CreateUnbounded<IndicatorDocument>();
        connection.On<IndicatorDocument>("indicators", d => received.Writer.TryWrite(d));
        await connection.StartAsync();

        var first = await connection.InvokeAsync<IndicatorDocument>("Subscribe", "crema", 2026);
        Assert.Equal("crema", first.City);
        Assert.Equal(0, first.Indicators["GC.TOT"].Value);
        Assert.Equal(5, first.Quartieri.Count);

        await stack.CommandAsync("crema", "tavolo", "t-hub", 0, LiveStack.Tavolo("zona-3", 2026));
        IndicatorDocument next;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
            do next = await received.Reader.ReadAsync(timeout.Token); while (next.Indicators["TP.TOT"].Value != 1);
        Assert.True(next.Version > first.Version);
        Assert.Equal(1, next.Quartieri["zona-3"]["TP.TOT"].Value);

        // A client that reconnects (here: a new connection) gets the whole current document at once.
        await using var again = new HubConnectionBuilder().WithUrl(stack.Url("/hubs/indicators")).Build();
        await again.StartAsync();
        var resync = await again.InvokeAsync<IndicatorDocument>("Subscribe", "crema", 2026);
        Assert.Equal(1, resync.Indicators["TP.TOT"].Value);
        Assert.True(resync.Version >= next.Version);

        var error = await Assert.ThrowsAsync<HubException>(() => again.InvokeAsync<IndicatorDocument>("Subscribe", "atlantide", 2026));
        Assert.Contains("city", error.Message);
    }

    [Fact]
    public async Task A_burst_of_changes_reaches_a_hub_client_as_few_messages_and_the_last_state_arrives()
    {
        // A quarter of a second between versions while changes keep coming (16 ms by default), so that the burst below
        // is a burst to the aggregator whatever this machine's speed.
        await using var stack = await LiveStack.StartAsync(bothEnv: new Dictionary<string, string> { ["Indicators__ShortestPublishGapMs"] = "250" });
        var version = await stack.CommandAsync("crema", "gruppo", "g-burst", 0, new
        {
            type = "register",
            profile = new { name = "Gruppo", quartieri = new[] { "zona-4" }, zones = Array.Empty<string>(), startYear = 2026, status = "attivo" },
        });
        await using var connection = new HubConnectionBuilder().WithUrl(stack.Url("/hubs/indicators")).Build();
        var messages = new List<IndicatorDocument>();
        connection.On<IndicatorDocument>("indicators", d => { lock (messages) messages.Add(d); });
        await connection.StartAsync();
        await connection.InvokeAsync<IndicatorDocument>("Subscribe", "crema", 2026);
        var integration = await stack.IntegrationAsync();

        const int burst = 60;
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async worker =>
        {
            for (var i = 0; i < burst / 3; i++)
            {
                // Concurrent writers on one activity: each retries on a conflict with the version it is told.
                while (true)
                {
                    using var response = await integration.PostAsync("/api/v1/cities/crema/activities/gruppo/g-burst/commands",
                        System.Net.Http.Json.JsonContent.Create(new { expectedVersion = Interlocked.Read(ref version), command = new { type = "recordMeeting", year = 2026 } }));
                    var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    var current = body.GetProperty("record").GetProperty("version").GetInt64();
                    InterlockedMax(ref version, current);
                    if (response.IsSuccessStatusCode) break;
                    Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
                }
            }
        }));

        await Eventually.TrueAsync(() => { lock (messages) return Task.FromResult(messages.LastOrDefault()?.Indicators["GC.MEET"].Value == burst); },
            $"the last message says GC.MEET {burst}", TimeSpan.FromSeconds(20));
        lock (messages)
        {
            Assert.Equal(burst, messages.Last().Indicators["GC.MEET"].Value);
            Assert.True(messages.Count < burst, $"{messages.Count} messages for {burst} changes");
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while ((seen = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
