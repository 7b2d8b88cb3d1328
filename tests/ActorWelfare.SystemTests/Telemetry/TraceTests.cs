using System.Globalization;
using System.Diagnostics;
using System.Net.Http.Json;
using ActorWelfare.Dashboard;
using ActorWelfare.Indicators;
using ActorWelfare.Silo.Hosting;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace ActorWelfare.Tests.Telemetry;

/// <summary>
/// One trace follows an operatore's save: a silo on PostgreSQL and the dashboard, hosted in this process so an
/// in-memory exporter sees both, and a real SignalR client on the hub. The save's HTTP request is the root; below it
/// the activity grain's call, its PostgreSQL statements, the aggregator's contribution, the publication of the new
/// version and, back in the dashboard, the push to the hub client that received it.
/// </summary>
public sealed class TraceTests
{
    [Fact]
    public async Task An_operatore_s_save_is_one_trace_from_the_request_to_the_push_to_the_page()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("ActorWelfare.*", "Microsoft.Orleans.*", "Npgsql", "Microsoft.AspNetCore")
            .AddInMemoryExporter(spans)
            .Build();

        await using var db = await TestDatabase.CreateAsync();
        int http = FreePort.Next(), siloPort = FreePort.Next(), gateway = FreePort.Next(), web = FreePort.Next();
        var cluster = $"aw-trace-{Guid.NewGuid():N}";
        await using var silo = await SiloApp.BuildAsync([
            $"--Urls=http://127.0.0.1:{http}", $"--ConnectionStrings:ActorWelfare={db.ConnectionString}", $"--Cluster:ClusterId={cluster}",
            $"--Silo:SiloPort={siloPort}", $"--Silo:GatewayPort={gateway}", "--Silo:ShutdownTimeoutSeconds=5",
        ], Path.Combine(RepoPaths.Root, "silo"));
        await silo.StartAsync();
        await using var dashboard = DashboardApp.Build([
            $"--Urls=http://127.0.0.1:{web}", $"--ConnectionStrings:ActorWelfare={db.ConnectionString}", $"--Cluster:ClusterId={cluster}",
            "--Access:DemoUsers=true", "--Access:OpenData=*", "--Dashboard:Year=2019", "--Access:SignInsPerMinute=100000",
        ], Path.Combine(RepoPaths.Root, "dashboard"));
        await dashboard.StartAsync();
        var site = $"http://127.0.0.1:{web}";

        // A page's live connection: the hub client watching Bologna 2019.
        await using var hub = new HubConnectionBuilder().WithUrl($"{site}/hubs/indicators").Build();
        var pushed = new TaskCompletionSource<IndicatorDocument>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<IndicatorDocument>("indicators", d => { if (d.Indicators["TP.TOT"].Value == 1) pushed.TrySetResult(d); });
        await Eventually.TrueAsync(async () =>
        {
            try { await hub.StartAsync(); await hub.InvokeAsync<IndicatorDocument>("Subscribe", "bologna", 2019); return true; }
            catch (Exception) { if (hub.State != HubConnectionState.Disconnected) await hub.StopAsync(); return false; }
        }, "the hub subscribed to Bologna 2019");

        // The operatore of Navile saves a new tavolo through the API, as their page's form does.
        using var operatore = await Eventually.ValueAsync(() => TrySignInAsync(site, "operatore.navile@actorwelfare.local"), "the operatore signed in");
        using var saved = await operatore.PostAsJsonAsync("/api/v1/cities/bologna/activities/tavolo/tavolo-tracciato/commands",
            new { expectedVersion = 0, command = LiveStack.Tavolo("navile", 2019, "Tavolo tracciato") });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        var document = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => Task.FromResult(Snapshot(spans).Any(s => s.DisplayName == "indicators push" && Tag(s, "actorwelfare.version") == document.Version.ToString(CultureInfo.InvariantCulture))),
            "the push span ended");

        var all = Snapshot(spans);
        var request = Assert.Single(all, s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server
            && (s.GetTagItem("url.path") as string ?? s.DisplayName).Contains("tavolo-tracciato/commands"));
        var trace = all.Where(s => s.TraceId == request.TraceId).ToList();
        Activity Find(string what, Func<Activity, bool> match) =>
            trace.FirstOrDefault(match) ?? throw new Xunit.Sdk.XunitException($"no {what} in the save's trace; it holds: {string.Join(", ", trace.Select(s => $"{s.Source.Name}:{s.DisplayName}"))}");

        var execute = Find("activity grain call", s => s.Kind == ActivityKind.Server && Tag(s, "rpc.method")?.EndsWith("IActivityGrain/Execute", StringComparison.Ordinal) == true);
        // The statement that stores the activity and its audit row (one transaction): its text is on the span.
        var statement = Find("PostgreSQL write of the activity", s => s.Source.Name == "Npgsql" && IsBelow(s, execute, trace)
            && Statement(s) is { } sql && sql.Contains("INSERT INTO activity (", StringComparison.Ordinal));
        // The tavolo reaches the aggregator of every year it is active in, each of which publishes: followed back from
        // the push of the version the page got.
        var push = Find("push", s => s.DisplayName == "indicators push" && Tag(s, "actorwelfare.version") == document.Version.ToString(CultureInfo.InvariantCulture));
        var publish = Find("publication", s => s.DisplayName == "indicators publish" && IsBelow(push, s, trace));
        var contribute = Find("aggregator call", s => s.SpanId == publish.ParentSpanId); // the version published is the save's

        Assert.True(IsBelow(execute, request, trace), "the grain call is below the request");
        Assert.Equal(ActivityKind.Server, contribute.Kind);
        Assert.EndsWith("ICityIndicatorsGrain/Contribute", Tag(contribute, "rpc.method"), StringComparison.Ordinal);
        Assert.True(IsBelow(contribute, execute, trace), "the contribution is below the grain call");
        Assert.Equal("bologna", Tag(publish, "actorwelfare.city"));
        Assert.StartsWith("Microsoft.Orleans", execute.Source.Name);
        Assert.Contains("activity_audit", Statement(statement), StringComparison.Ordinal);

        // The metrics the Grafana dashboard and the alert rules read, under the names Prometheus gets.
        using var scrape = new HttpClient();
        // The health checks' gauge appears once the background checks have run (5 s after the start, then every 15 s).
        var siloMetrics = await Eventually.ValueAsync(() => scrape.GetStringAsync($"http://127.0.0.1:{http}/metrics"),
            m => System.Text.RegularExpressions.Regex.IsMatch(m, @"^actorwelfare_health\{[^}]*check=""database""[^}]*\} 1$", System.Text.RegularExpressions.RegexOptions.Multiline), "the health gauge on the silo's /metrics");
        foreach (var name in new[] { "actorwelfare_commands_total{", "actorwelfare_contribution_lag_milliseconds_bucket{",
                     "actorwelfare_indicators_publish_delay_milliseconds_bucket{", "actorwelfare_indicators_publish_gap_milliseconds_bucket{", "actorwelfare_indicators_published_total" })
            Assert.Contains(name, siloMetrics);
        Assert.Contains("outcome=\"accepted\"", siloMetrics);
        var dashboardMetrics = await scrape.GetStringAsync($"{site}/metrics");
        foreach (var name in new[] { "actorwelfare_pushes_total", "actorwelfare_push_delay_milliseconds_bucket{", "actorwelfare_subscriptions", "actorwelfare_watchers", "http_server_request_duration_seconds_bucket{",
                     "signalr_server_active_connections" })
            Assert.Contains(name, dashboardMetrics);

        await dashboard.StopAsync();
        await silo.StopAsync();
    }

    private static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans) return [.. spans];
    }

    private static string? Tag(Activity span, string key) => span.GetTagItem(key)?.ToString();

    // Npgsql names the text by the semantic conventions of its version: db.query.text, formerly db.statement.
    private static string? Statement(Activity span) => Tag(span, "db.query.text") ?? Tag(span, "db.statement");

    /// <summary>Whether <paramref name="child"/> descends from <paramref name="ancestor"/> through the trace's spans.</summary>
    private static bool IsBelow(Activity child, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var at = child; byId.TryGetValue(at.ParentSpanId, out var parent); at = parent)
            if (parent.SpanId == ancestor.SpanId) return true;
        return false;
    }

    private static async Task<HttpClient?> TrySignInAsync(string site, string email)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() };
        var http = new HttpClient(handler) { BaseAddress = new Uri(site) };
        http.DefaultRequestHeaders.Add("Origin", site);
        try
        {
            using var signIn = await LiveStack.PostSignInFormAsync(http, email, DashboardProcess.DemoPassword);
            if (signIn.Headers.Location?.OriginalString.Contains("errore") == false) return http;
        }
        catch (HttpRequestException) { }
        http.Dispose();
        return null;
    }
}
