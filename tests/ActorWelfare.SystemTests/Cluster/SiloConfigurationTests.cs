using ActorWelfare.Activities;
using ActorWelfare.Keys;
using ActorWelfare.Quartieri;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

public sealed class SiloConfigurationTests
{
    [Fact]
    public async Task Memory_storage_and_localhost_clustering_run_a_silo_without_any_database()
    {
        // Without a database, the cluster's system key comes from configuration.
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        await using var silo = await SiloProcess.StartAsync(connectionString: "", extra: new Dictionary<string, string>
        {
            ["Silo__Storage"] = "Memory",
            ["Silo__Clustering"] = "Localhost",
            ["Cluster__SystemKey"] = Convert.ToBase64String(key),
        });
        await using var client = await TestClient.ViaGatewayAsync(silo.GatewayPort);
        ActorWelfare.Access.SystemIdentity.HandDown(new ActorWelfare.Access.SystemKey(key));

        var registered = await client.Grains.Activity("crema", ActivityKind.Progetto, "progetto-1")
            .Execute(new RegisterActivity(new ActivityProfile { Name = "Progetto", Quartieri = ["zona-4"], StartYear = 2024, Status = "attivo" }), 0);
        var summary = await client.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("crema", "zona-4")).GetSummary();

        Assert.Equal(CommandOutcome.Accepted, registered.Outcome);
        Assert.Equal(1, summary.Progetti);
    }

    [Fact]
    public async Task Demo_datasets_load_once_per_database_and_a_deleted_record_stays_deleted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var load = new Dictionary<string, string> { ["Datasets__Load"] = "bologna-2019" };
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString, extra: load);
        await silo.Process.WaitForOutputAsync("Dataset bologna-2019 loaded: 130 activities", TimeSpan.FromSeconds(30));
        ActorWelfare.Access.SystemIdentity.HandDown(await db.SystemKeyAsync());
        await using (var client = await TestClient.ViaMembershipAsync(db.ConnectionString))
        {
            var santoStefano = client.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("bologna", "santo-stefano"));
            Assert.Equal(4, (await santoStefano.GetSummary()).Gruppi);
            var gruppo = client.Grains.Activity("bologna", ActivityKind.Gruppo, "gruppo-up-side-down");
            var deleted = await gruppo.Execute(new DeleteActivity(), (await gruppo.Get()).Version);
            Assert.Equal(CommandOutcome.Accepted, deleted.Outcome);
        }

        await silo.Process.StopAsync();
        await silo.RestartAsync();
        await silo.Process.WaitForOutputAsync("was loaded before", TimeSpan.FromSeconds(30));

        await using var again = await TestClient.ViaMembershipAsync(db.ConnectionString);
        Assert.Equal(3, (await again.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("bologna", "santo-stefano")).GetSummary()).Gruppi);
        Assert.True((await again.Grains.Activity("bologna", ActivityKind.Gruppo, "gruppo-up-side-down").Get()).Deleted);
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM dataset_load WHERE name = 'bologna-2019' AND activities = 130"));
    }

    [Fact]
    public async Task A_new_version_of_a_dataset_file_is_applied_at_the_next_start()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("aw-datasets-").FullName;
        try
        {
            string Tavolo(string id) => $$$"""{"kind":"tavolo","id":"{{{id}}}","real":false,"profile":{"name":"{{{id}}}","quartieri":["zona-1"],"zones":[],"startYear":2024,"status":"attivo"},"years":{}}""";
            string Dataset(params string[] tavoli) =>
                $$"""{"dataset":"crema-test","city":"crema","year":2024,"provenance":"test","organisations":[],"activities":[{{string.Join(",", tavoli)}}]}""";
            await File.WriteAllTextAsync(Path.Combine(folder, "crema-test.json"), Dataset(Tavolo("t-1")));
            var env = new Dictionary<string, string> { ["Datasets__Load"] = "crema-test", ["Datasets__Directory"] = folder };
            await using var silo = await SiloProcess.StartAsync(db.ConnectionString, extra: env);
            await silo.Process.WaitForOutputAsync("Dataset crema-test loaded: 1 activities", TimeSpan.FromSeconds(30));

            await File.WriteAllTextAsync(Path.Combine(folder, "crema-test.json"), Dataset(Tavolo("t-1"), Tavolo("t-2")));
            await silo.Process.StopAsync();
            await silo.RestartAsync();
            await silo.Process.WaitForOutputAsync("Dataset crema-test loaded: 2 activities", TimeSpan.FromSeconds(30));

            await silo.Process.StopAsync();
            await silo.RestartAsync();
            await silo.Process.WaitForOutputAsync("Dataset crema-test was loaded before", TimeSpan.FromSeconds(30));
            Assert.Equal(2, await db.ScalarAsync<int>("SELECT count(*) FROM activity WHERE city = 'crema'"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
