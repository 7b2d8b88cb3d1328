using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

public sealed class KillDuringCommandsTests
{
    [Fact]
    public async Task A_silo_killed_in_the_middle_loses_no_acknowledged_change_and_the_indicators_converge()
    {
        await using var db = await TestDatabase.CreateAsync();
        var env = new Dictionary<string, string> { ["Indicators__ReconcileSeconds"] = "2" };
        await using var first = await SiloProcess.StartAsync(db.ConnectionString, extra: env);
        await using var second = await SiloProcess.StartAsync(db.ConnectionString, extra: env);
        // One client per silo, used in turn, so that activities live on both silos.
        await using var client = await TestClient.ViaGatewayAsync(first.GatewayPort);
        await using var viaSecond = await TestClient.ViaGatewayAsync(second.GatewayPort);
        ActorWelfare.Access.SystemIdentity.HandDown(await db.SystemKeyAsync()); // the test drives the cluster as its own work
        var commands = new RandomCommands(42, InProcessCluster.Territories["bologna"]);
        foreach (var org in commands.Organisations)
            await client.Grains.GetGrain<IOrganisationRegistryGrain>("bologna").Register(org);

        var acknowledged = new Dictionary<string, long>();
        var dated = new HashSet<string>();
        var failed = 0;
        for (var i = 0; i < 240; i++)
        {
            if (i == 80) await second.Process.KillAsync();
            if (i == 160) await second.RestartAsync();
            var (kind, id) = commands.PickActivity();
            var grain = (i % 2 == 0 ? client : viaSecond).Grains.Activity("bologna", kind, id);
            try
            {
                var (command, version) = commands.Next(await grain.Get());
                var result = await grain.Execute(command, version);
                if (result.Outcome == CommandOutcome.Accepted) acknowledged[GrainKeys.Activity("bologna", kind, id)] = result.Record.Version;
                if (result.Record.ProfilesUntil.Count > 0) dated.Add(id);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                // A call that reached the dead silo fails without acknowledgement: nothing to keep.
                failed++;
            }
        }

        Assert.True(failed > 0, "the kill disturbed nothing");
        Assert.True(acknowledged.Count > 5);
        Assert.NotEmpty(dated); // dated changes went through the kill: some activity has a profile per period
        foreach (var (key, version) in acknowledged)
        {
            var (_, kind, id) = GrainKeys.ParseActivity(key);
            var stored = await db.ScalarAsync<long>($"SELECT version FROM activity WHERE kind = '{GrainKeys.KindId(kind)}' AND id = '{id}'");
            Assert.True(stored >= version, $"{key}: acknowledged v{version}, stored v{stored}");
        }

        foreach (var year in RandomCommands.AllYears)
        {
            var verify = client.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", year));
            // Contributions lost with the killed silo are repaired by reconciliation within seconds.
            var report = await Eventually.LastAsync(verify.Verify, r => r.Equal, TimeSpan.FromSeconds(10));
            Assert.True(report.Equal, $"{year}:\n" + string.Join("\n", report.Differences));
        }
    }
}
