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
}
