using System.Net;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

public sealed class DashboardTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Shows_a_connecting_page_until_a_silo_is_up_then_reports_healthy()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
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

    private static Task<string> GetWhenServingAsync(string url) => Eventually.ValueAsync(async () =>
    {
        try { return await Http.GetStringAsync(url); }
        catch (HttpRequestException) { return null; }
    }, $"{url} serving", TimeSpan.FromSeconds(60));

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
        shown.Follow("bologna", 2019);
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
        sequential.Follow("bologna", 2019);
        var seen = versions.Select(v =>
        {
            sequential.Offer(new ActorWelfare.Indicators.IndicatorDocument { City = "bologna", Year = 2019, Version = v });
            return sequential.Current!.Version;
        }).ToList();
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(versions.Max(), seen[^1]);
        Assert.False(shown.Offer(new ActorWelfare.Indicators.IndicatorDocument { City = "bologna", Year = 2019, Version = 1999 }));
        Assert.False(shown.Offer(null));
        // Another year followed: a late document of the year before is dropped, the new year's shown whatever its version.
        shown.Follow("bologna", 2020);
        Assert.False(shown.Offer(new ActorWelfare.Indicators.IndicatorDocument { City = "bologna", Year = 2019, Version = 2001 }));
        Assert.True(shown.Offer(new ActorWelfare.Indicators.IndicatorDocument { City = "bologna", Year = 2020, Version = 3 }));
        Assert.Equal(2020, shown.Current!.Year);
    }

    [Fact]
    public void Refused_tokens_count_per_address_an_ipv6_client_per_64_and_the_memory_of_addresses_is_bounded()
    {
        var clock = new ManualClock { Now = DateTimeOffset.UtcNow };
        var limiter = new ActorWelfare.Dashboard.Security.FailedTokenLimiter(3, clock);
        static System.Net.IPAddress ip(string text) => System.Net.IPAddress.Parse(text);
        for (var i = 0; i < 3; i++) limiter.Failed(ip($"2001:db8:1:2::{i + 1}")); // one client, three addresses of its /64
        Assert.True(limiter.IsBlocked(ip("2001:db8:1:2::99")));
        Assert.False(limiter.IsBlocked(ip("2001:db8:1:3::1")));
        limiter.Failed(ip("192.0.2.1"));
        Assert.False(limiter.IsBlocked(ip("::ffff:192.0.2.1")));
        limiter.Failed(ip("::ffff:192.0.2.1"));
        limiter.Failed(ip("192.0.2.1"));
        Assert.True(limiter.IsBlocked(ip("192.0.2.1"))); // IPv4 and IPv4-mapped IPv6 are one address
        clock.Now += TimeSpan.FromMinutes(1);
        Assert.False(limiter.IsBlocked(ip("192.0.2.1"))); // a new minute

        // Flooded with new addresses, it stays bounded and still remembers the worst offender of the minute.
        for (var i = 0; i < 3; i++) limiter.Failed(ip("198.51.100.7"));
        for (var i = 0; i < ActorWelfare.Dashboard.Security.FailedTokenLimiter.MaxAddresses + 500; i++)
            limiter.Failed(new System.Net.IPAddress(BitConverter.GetBytes(0x0A000000 + i)));
        Assert.True(limiter.IsBlocked(ip("198.51.100.7")));
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
