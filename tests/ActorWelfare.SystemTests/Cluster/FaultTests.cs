using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>
/// Faults under a steady load of updates through the dashboard's API, as a city's staff would send them:
/// a silo killed with SIGKILL, PostgreSQL stopped and started again. Nothing acknowledged is lost, the
/// indicators come back equal to `verify`, and an open dashboard follows again by itself.
/// </summary>
public sealed class FaultTests
{
    private static readonly Dictionary<string, string> FastReconcile = new() { ["Indicators__ReconcileSeconds"] = "2" };

    /// <summary>Writers recording meetings on their own tavoli; what each was told, per activity.</summary>
    private sealed class Load(HttpClient http, IReadOnlyList<string> ids)
    {
        public readonly ConcurrentDictionary<string, int> Acknowledged = new();
        public readonly ConcurrentDictionary<string, int> Unknown = new(); // failed without an answer that says nothing was saved
        public readonly ConcurrentBag<string> Refusals = new();
        public int Failures;

        public async Task RunAsync(TimeSpan duration)
        {
            var until = DateTime.UtcNow + duration;
            await Task.WhenAll(ids.Select(async id =>
            {
                var path = $"/api/v1/cities/bologna/activities/tavolo/{id}";
                while (DateTime.UtcNow < until)
                {
                    try
                    {
                        using var current = await http.GetAsync(path);
                        if (!current.IsSuccessStatusCode) { await Failed(current); continue; }
                        var version = JsonDocument.Parse(await current.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt64();
                        using var response = await http.PostAsJsonAsync(path + "/commands", new { expectedVersion = version, command = new { type = "recordMeeting", year = 2019 } });
                        if (response.StatusCode == HttpStatusCode.OK) Acknowledged.AddOrUpdate(id, 1, (_, n) => n + 1);
                        else if (response.StatusCode != HttpStatusCode.Conflict)
                        {
                            // A 503 with rule "available" says nothing was saved; anything else (an "outcome-unknown"
                            // 503 when a silo died mid-change) might have been.
                            var body = await response.Content.ReadAsStringAsync();
                            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || !body.Contains("\"rule\":\"available\"", StringComparison.Ordinal))
                                Unknown.AddOrUpdate(id, 1, (_, n) => n + 1);
                            await Failed(response);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Unknown.AddOrUpdate(id, 1, (_, n) => n + 1);
                        Interlocked.Increment(ref Failures);
                        await Task.Delay(100);
                    }
                }
            }));
        }

        private async Task Failed(HttpResponseMessage response)
        {
            Interlocked.Increment(ref Failures);
            Refusals.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }

    private static async Task<(HttpClient Http, List<string> Ids)> PrepareAsync(DashboardProcess dashboard, int activities)
    {
        var admin = await LiveStack.SignInAsync(dashboard, "amministratore@actorwelfare.local");
        var http = new HttpClient { BaseAddress = new Uri(dashboard.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await LiveStack.IssueTokenAsync(admin, "carico", "operatore", [.. LiveStack.AllQuartieri("bologna")]));
        var ids = Enumerable.Range(0, activities).Select(i => $"guasto-{i}").ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            using var response = await http.PostAsJsonAsync($"/api/v1/cities/bologna/activities/tavolo/{id}/commands",
                new { expectedVersion = 0, command = LiveStack.Tavolo(LiveStack.Quartieri["bologna"][i % LiveStack.Quartieri["bologna"].Length], 2019) });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        return (http, ids);
    }

    /// <summary>Every acknowledged meeting is stored (and nothing beyond what might have been); returns the stored total.</summary>
    private static async Task<int> AssertNothingAcknowledgedLostAsync(HttpClient http, Load load, IEnumerable<string> ids)
    {
        var total = 0;
        foreach (var id in ids)
        {
            var record = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/cities/bologna/activities/tavolo/{id}")).RootElement;
            var stored = record.GetProperty("years").TryGetProperty("2019", out var year) && year.TryGetProperty("meetings", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : 0;
            var acknowledged = load.Acknowledged.GetValueOrDefault(id);
            Assert.InRange(stored, acknowledged, acknowledged + load.Unknown.GetValueOrDefault(id));
            total += stored;
        }
        return total;
    }

    private static async Task AssertVerifyEqualAsync(IGrainFactory grains)
    {
        // Verifying is an analyst's act.
        ActorWelfare.Access.CallerContext.HandDown(ActorWelfare.Access.Caller.InCity("analista", "bologna", [ActorWelfare.Access.Roles.Analista]));
        var verify = grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", 2019));
        var report = await Eventually.LastAsync(verify.Verify, r => r.Equal, TimeSpan.FromSeconds(20));
        Assert.True(report.Equal, string.Join("\n", report.Differences));
    }

    /// <summary>A hub client of the dashboard, as a browser's page is, keeping the last document it got.</summary>
    private static async Task<(HubConnection Hub, Func<IndicatorDocument?> Last)> SubscribeAsync(DashboardProcess dashboard)
    {
        IndicatorDocument? last = null;
        var hub = new HubConnectionBuilder().WithUrl(dashboard.BaseUrl + "/hubs/indicators").WithAutomaticReconnect().Build();
        hub.On<IndicatorDocument>("indicators", d => last = d);
        await hub.StartAsync();
        last = await hub.InvokeAsync<IndicatorDocument>("Subscribe", "bologna", 2019);
        return (hub, () => last);
    }

    private static async Task AssertDashboardFollowsAsync(DashboardProcess dashboard, Func<IndicatorDocument?> last, int meetings)
    {
        await Eventually.ValueAsync(() => Task.FromResult(last()?.Indicators.GetValueOrDefault("TP.MEET")?.Value), v => v == meetings,
            $"the open page's TP.MEET reaches {meetings}");
        // Diagnostics are for signed-in people: signing in works at once after an outage too (the test after one checks that).
        using var http = await LiveStack.SignInAsync(dashboard, "direttore@actorwelfare.local");
        var feed = JsonDocument.Parse(await http.GetStringAsync("/api/v1/diagnostics/feed")).RootElement;
        Assert.Equal("live", feed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_silo_killed_under_load_loses_nothing_acknowledged_and_the_open_dashboard_follows_again()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var first = await SiloProcess.StartAsync(db.ConnectionString, extra: FastReconcile);
        await using var second = await SiloProcess.StartAsync(db.ConnectionString, extra: FastReconcile);
        await using var dashboard = DashboardProcess.Start(db.ConnectionString);
        await dashboard.WaitUntilHealthyAsync();
        var (http, ids) = await PrepareAsync(dashboard, 12);
        var (hub, last) = await SubscribeAsync(dashboard);
        await using var _ = hub;

        var load = new Load(http, ids);
        var running = load.RunAsync(TimeSpan.FromSeconds(14));
        await Task.Delay(TimeSpan.FromSeconds(4));
        await second.Process.SignalAsync("KILL");
        await running;

        Assert.True(load.Acknowledged.Values.Sum() > 50, $"only {load.Acknowledged.Values.Sum()} updates acknowledged");
        var total = await AssertNothingAcknowledgedLostAsync(http, load, ids);
        await using var client = await TestClient.ViaGatewayAsync(first.GatewayPort);
        await AssertVerifyEqualAsync(client.Grains);
        await AssertDashboardFollowsAsync(dashboard, last, total);
        Assert.DoesNotContain("unhandled exception", dashboard.Process.Output(int.MaxValue), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task While_postgres_is_down_updates_fail_clearly_and_afterwards_the_system_recovers_without_a_restart()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var silo = await SiloProcess.StartAsync(postgres.ConnectionString, extra: FastReconcile);
        await using var dashboard = DashboardProcess.Start(postgres.ConnectionString);
        await dashboard.WaitUntilHealthyAsync();
        var (http, ids) = await PrepareAsync(dashboard, 6);
        var (hub, last) = await SubscribeAsync(dashboard);
        await using var _ = hub;

        var load = new Load(http, ids);
        var running = load.RunAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await postgres.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        var duringOutage = load.Refusals.ToList();
        await postgres.StartAgainAsync();
        await running;

        // While it was down: a clear 503 naming the database, never a 500.
        Assert.NotEmpty(duringOutage);
        Assert.True(duringOutage.All(r => r.StartsWith("503", StringComparison.Ordinal)), string.Join("\n", duringOutage.Where(r => !r.StartsWith("503", StringComparison.Ordinal)).Take(3))
            + "\n" + string.Join("\n", dashboard.Process.Output(int.MaxValue).Split('\n').Where(l => l.Contains("Exception") || l.Contains("ActorWelfare.") || l.Contains("Request")).Take(40)));
        Assert.Contains(duringOutage, r => r.Contains("\"field\":\"database\""));
        // Afterwards, without restarting anything: updates go through again and nothing acknowledged is lost.
        var acknowledgedBefore = load.Acknowledged.Values.Sum();
        var after = new Load(http, ids);
        await after.RunAsync(TimeSpan.FromSeconds(3));
        Assert.True(after.Acknowledged.Values.Sum() > 0, "no update went through after PostgreSQL came back: " + string.Join("\n", after.Refusals.Take(3)));
        foreach (var (id, n) in after.Acknowledged) load.Acknowledged.AddOrUpdate(id, n, (_, m) => m + n);
        var total = await AssertNothingAcknowledgedLostAsync(http, load, ids);
        Assert.True(total >= acknowledgedBefore);
        await using var client = await TestClient.ViaGatewayAsync(silo.GatewayPort);
        await AssertVerifyEqualAsync(client.Grains);
        await AssertDashboardFollowsAsync(dashboard, last, total);
        Assert.DoesNotContain("unhandled exception", dashboard.Process.Output(int.MaxValue), StringComparison.OrdinalIgnoreCase);
    }
}
