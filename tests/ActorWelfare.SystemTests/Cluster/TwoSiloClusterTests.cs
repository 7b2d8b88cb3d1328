using ActorWelfare.Activities;
using ActorWelfare.Keys;
using ActorWelfare.Quartieri;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

public sealed class TwoSiloClusterTests
{
    [Fact]
    public async Task Two_silo_processes_form_one_cluster_through_the_membership_table()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var first = await SiloProcess.StartAsync(db.ConnectionString);
        await using var second = await SiloProcess.StartAsync(db.ConnectionString);

        Assert.Equal(2, await db.ScalarAsync<int>("SELECT count(*) FROM orleans_membership WHERE status = 3"));

        // One key for both silos: a proof made with the database's key is believed by either.
        ActorWelfare.Access.SystemIdentity.HandDown(await db.SystemKeyAsync());
        await using var viaFirst = await TestClient.ViaGatewayAsync(first.GatewayPort);
        await using var viaSecond = await TestClient.ViaGatewayAsync(second.GatewayPort);
        var hosts = await viaFirst.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);

        // Half the grains are created through each gateway; every grain is then read through both,
        // so each read through the gateway of the silo that does not host it crosses the cluster.
        var ids = Enumerable.Range(1, 12).Select(i => $"gruppo-{i}").ToList();
        var profile = new ActivityProfile { Name = "Gruppo", Quartieri = ["navile"], StartYear = 2024, Status = "attivo" };
        for (var i = 0; i < ids.Count; i++)
            Assert.Equal(CommandOutcome.Accepted, (await (i % 2 == 0 ? viaFirst : viaSecond).Grains.Activity("bologna", ActivityKind.Gruppo, ids[i])
                .Execute(new RegisterActivity(profile with { Name = $"Gruppo {i + 1}" }), 0)).Outcome);
        foreach (var client in new[] { viaFirst, viaSecond })
        {
            foreach (var id in ids)
                Assert.Equal(1, (await client.Grains.Activity("bologna", ActivityKind.Gruppo, id).Get()).Version);
            Assert.Equal(12, (await client.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("bologna", "navile")).GetSummary()).Gruppi);
        }
    }
}
