using ActorWelfare.Activities;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Quartieri;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>A real silo process on a real PostgreSQL: persistence, restart, shutdown, endpoints.</summary>
public sealed class SiloOnPostgresTests
{
    private static readonly string Navile = GrainKeys.Quartiere("bologna", "navile");

    [Fact]
    public async Task Grain_state_survives_a_silo_killed_with_sigkill()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString);
        // The test drives the cluster as its own work: it holds the cluster's key.
        ActorWelfare.Access.SystemIdentity.HandDown(await db.SystemKeyAsync());

        await using (var client = await TestClient.ViaMembershipAsync(db.ConnectionString))
        {
            // Orleans grain storage (the organisation registry) and the activity store (the quartiere's registry).
            await client.Grains.GetGrain<IOrganisationRegistryGrain>("bologna").Register(new Organisation("odv-bolognina", "ODV Bolognina", "odv"));
            var profile = new ActivityProfile { Name = "In Navile", Quartieri = ["navile"], StartYear = 2024, Status = "attivo" };
            foreach (var (kind, id) in new[] { (ActivityKind.Tavolo, "tavolo-bolognina"), (ActivityKind.Tavolo, "tavolo-beverara"), (ActivityKind.Progetto, "progetto-1") })
                Assert.Equal(CommandOutcome.Accepted, (await client.Grains.Activity("bologna", kind, id).Execute(new RegisterActivity(profile), 0)).Outcome);
        }

        await silo.Process.KillAsync();
        await silo.RestartAsync();

        await using var again = await TestClient.ViaMembershipAsync(db.ConnectionString);
        Assert.Equal(new QuartiereSummary("bologna", "navile", Progetti: 1, Tavoli: 2, Gruppi: 0), await again.Grains.GetGrain<IQuartiereGrain>(Navile).GetSummary());
        Assert.Contains(await again.Grains.GetGrain<IOrganisationRegistryGrain>("bologna").List(), o => o.Id == "odv-bolognina");
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM orleans_grain_state WHERE payload IS NOT NULL AND grain_type ILIKE '%registry%'"));
    }

    [Fact]
    public async Task A_stopped_silo_leaves_the_cluster_cleanly()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString);
        Assert.Equal(3, await db.ScalarAsync<int>($"SELECT status FROM orleans_membership WHERE port = {silo.SiloPort}"));

        Assert.Equal(0, await silo.Process.StopAsync());

        // SiloStatus.Dead = 6: the silo said goodbye instead of waiting to be voted out.
        Assert.Equal(6, await db.ScalarAsync<int>($"SELECT status FROM orleans_membership WHERE port = {silo.SiloPort}"));
    }

    [Fact]
    public async Task Silo_serves_health_liveness_and_metrics_on_loopback_and_leaves_the_ops_pages_to_the_dashboard()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString, extra: new Dictionary<string, string> { ["Silo__Name"] = "silo-di-prova" });
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };

        Assert.Equal("Healthy", await http.GetStringAsync("/healthz"));
        Assert.Equal("Healthy", await http.GetStringAsync("/livez"));
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Contains("orleans_", metrics);
        // The ops pages are the dashboard's, behind its sign-in (Security/SecurityTests); the silo only collects.
        using (var ops = await http.GetAsync("/ops/"))
            Assert.Equal(System.Net.HttpStatusCode.NotFound, ops.StatusCode);
        Assert.Equal("silo-di-prova", await db.ScalarAsync<string>($"SELECT silo_name FROM orleans_membership WHERE port = {silo.SiloPort}"));
        Assert.Equal("127.0.0.1", await db.ScalarAsync<string>($"SELECT address FROM orleans_membership WHERE port = {silo.SiloPort}"));
    }

    [Fact]
    public async Task Health_check_fails_while_the_database_is_unreachable()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString);
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        // Dropping the database makes every new connection fail, as an outage would.
        await db.DisposeAsync();

        var response = await http.GetAsync("/healthz");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
