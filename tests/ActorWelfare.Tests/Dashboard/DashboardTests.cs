using System.Net;
using ActorWelfare.Silo.Database;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

public sealed class DashboardTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Shows_a_connecting_page_until_a_silo_is_up_then_reports_healthy()
    {
        await using var db = await TestDatabase.CreateAsync();
        await new SchemaMigrator(db.DataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync(Migration.Embedded());
        await using var dashboard = DashboardProcess.Start(db.ConnectionString);

        var page = await GetWhenServingAsync(dashboard.BaseUrl + "/");
        Assert.Contains("Connessione al cluster in corso", page);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Http.GetAsync(dashboard.BaseUrl + "/healthz")).StatusCode);

        await using var silo = await SiloProcess.StartAsync(db.ConnectionString);
        await dashboard.WaitUntilHealthyAsync();

        var ready = await Http.GetStringAsync(dashboard.BaseUrl + "/");
        Assert.DoesNotContain("Connessione al cluster in corso", ready);
        // An empty database: the live page says that no activity is recorded yet, instead of empty figures.
        Assert.Contains("data-testid=\"no-activity\"", ready);
    }

    private static async Task<string> GetWhenServingAsync(string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try { return await Http.GetStringAsync(url); }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline) { await Task.Delay(250); }
        }
    }

    [Fact]
    public void Trusted_proxies_are_addresses_or_networks_and_anything_else_stops_the_start_naming_it()
    {
        var networks = ActorWelfare.Dashboard.Security.TrustedProxies.Parse(" 10.0.0.0/8, 192.168.1.5 ,::1");
        Assert.Equal(["10.0.0.0/8", "192.168.1.5/32", "::1/128"], networks.Select(n => n.ToString()));
        Assert.Empty(ActorWelfare.Dashboard.Security.TrustedProxies.Parse(""));
        var refused = Assert.Throws<InvalidOperationException>(() => ActorWelfare.Dashboard.Security.TrustedProxies.Parse("10.0.0.0/8,ingress.local"));
        Assert.Contains("'ingress.local'", refused.Message);
    }

    [Fact]
    public async Task A_live_page_never_goes_back_to_an_older_version_whatever_order_the_documents_arrive_in()
    {
        var shown = new ActorWelfare.Dashboard.Live.LatestDocument();
        var versions = Enumerable.Range(1, 2000).Select(v => (long)v).OrderBy(_ => Random.Shared.Next()).ToList();
        // Offered from many threads at once: the newest wins.
        await Parallel.ForEachAsync(versions, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (version, _) =>
        {
            shown.Offer(new ActorWelfare.Indicators.IndicatorDocument { City = "bologna", Year = 2019, Version = version });
            return ValueTask.CompletedTask;
        });
        Assert.Equal(2000, shown.Current!.Version);
        // Offered one after another in any order: what is shown only ever moves forward.
        var sequential = new ActorWelfare.Dashboard.Live.LatestDocument();
        var seen = versions.Select(v =>
        {
            sequential.Offer(new ActorWelfare.Indicators.IndicatorDocument { City = "bologna", Year = 2019, Version = v });
            return sequential.Current!.Version;
        }).ToList();
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(versions.Max(), seen[^1]);
        Assert.False(shown.Offer(new ActorWelfare.Indicators.IndicatorDocument { City = "bologna", Year = 2019, Version = 1999 }));
        Assert.False(shown.Offer(null));
        shown.Clear();
        Assert.True(shown.Offer(new ActorWelfare.Indicators.IndicatorDocument { City = "bologna", Year = 2020, Version = 3 }));
    }
}
