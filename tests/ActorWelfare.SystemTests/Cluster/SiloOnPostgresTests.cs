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
    public async Task After_a_sigkill_the_aggregator_takes_back_its_checkpoint_and_reads_again_only_what_changed_after_it()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString, extra: new Dictionary<string, string> { ["Indicators__CheckpointSeconds"] = "1" });
        ActorWelfare.Access.SystemIdentity.HandDown(await db.SystemKeyAsync());
        const string Written = "SELECT encode(head, 'base64') || ',' || encode(contributions, 'base64') FROM indicator_checkpoint WHERE city = 'bologna' AND year = 2024";
        string? before;
        await using (var client = await TestClient.ViaMembershipAsync(db.ConnectionString))
        {
            var profile = new ActivityProfile { Name = "Tavolo del quaderno", Quartieri = ["navile"], StartYear = 2024, Status = "attivo" };
            foreach (var id in new[] { "tavolo-a", "tavolo-b", "tavolo-c" })
                Assert.True((await client.Grains.Activity("bologna", ActivityKind.Tavolo, id).Execute(new RegisterActivity(profile), 0)).Succeeded);
            var aggregator = client.Grains.GetGrain<ActorWelfare.Indicators.ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024));
            await Eventually.ValueAsync(() => aggregator.GetDocument(), d => d.Indicators["TP.TOT"].Value == 3, "three tavoli counted");
            before = await Eventually.ValueAsync(() => db.ScalarAsync<string>(Written + " AND activities = 3"), "the checkpoint of the three tavoli");

            // A meeting, written down at the next tick; then the silo dies and the checkpoint is put back as it was
            // before the meeting (as if the silo had died before that tick).
            Assert.True((await client.Grains.Activity("bologna", ActivityKind.Tavolo, "tavolo-b").Execute(new RecordMeeting(2024), 1)).Succeeded);
            await Eventually.TrueAsync(async () => await db.ScalarAsync<string>(Written) != before, "the meeting written down");
        }
        await silo.Process.KillAsync();
        var (head, contributions) = (before!.Split(',')[0], before.Split(',')[1]);
        await using (var put = db.DataSource.CreateCommand(
            $"UPDATE indicator_checkpoint SET head = decode('{head}', 'base64'), contributions = decode('{contributions}', 'base64') WHERE city = 'bologna' AND year = 2024"))
            Assert.Equal(1, await put.ExecuteNonQueryAsync());
        await silo.RestartAsync();

        await using var again = await TestClient.ViaMembershipAsync(db.ConnectionString);
        var document = await again.Grains.GetGrain<ActorWelfare.Indicators.ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024)).GetDocument();
        Assert.Equal(3, document.Indicators["TP.TOT"].Value);
        Assert.Equal(1, document.Indicators["TP.MEET"].Value); // the meeting the checkpoint did not have
        ActorWelfare.Access.CallerContext.HandDown(ActorWelfare.Access.Caller.InCity("analista", "bologna", [ActorWelfare.Access.Roles.Analista]));
        Assert.True((await again.Grains.GetGrain<ActorWelfare.Indicators.IVerifyGrain>(GrainKeys.CityYear("bologna", 2024)).Verify()).Equal);
        // The aggregator took its checkpoint back and read the changed tavolo again.
        using var http = new HttpClient { BaseAddress = new Uri(silo.BaseUrl) };
        var metrics = await Eventually.ValueAsync(() => http.GetStringAsync("/metrics"), m => m.Contains("actorwelfare_indicators_loads_total", StringComparison.Ordinal), "the loads counted");
        Assert.Matches(new System.Text.RegularExpressions.Regex(@"^actorwelfare_indicators_loads_total\{[^}]*from=""checkpoint-repaired""[^}]*\} 1( |$)", System.Text.RegularExpressions.RegexOptions.Multiline), metrics);
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
