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
        var keys = Enumerable.Range(1, 12).Select(i => GrainKeys.Quartiere("bologna", $"q{i}")).ToList();
        for (var i = 0; i < keys.Count; i++)
            await (i % 2 == 0 ? viaFirst : viaSecond).Grains.GetGrain<IQuartiereGrain>(keys[i])
                .RegisterActivity(ActivityKind.Gruppo, "gruppo-1");
        foreach (var client in new[] { viaFirst, viaSecond })
            foreach (var key in keys)
                Assert.Equal(1, (await client.Grains.GetGrain<IQuartiereGrain>(key).GetSummary()).Gruppi);
    }
}
