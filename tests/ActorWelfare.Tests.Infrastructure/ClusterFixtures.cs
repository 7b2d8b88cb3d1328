using Xunit;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>
/// One in-process cluster for a whole test class (<c>IClassFixture&lt;OneSiloCluster&gt;</c>), for classes whose tests
/// each touch their own records: starting a cluster per test is most of such a class's time.
/// </summary>
public class OneSiloCluster : IAsyncLifetime
{
    protected virtual int Silos => 1;

    public InProcessCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await InProcessCluster.StartAsync(silos: Silos);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>The same with two silos, for tests of what crosses between silos.</summary>
public sealed class TwoSiloCluster : OneSiloCluster
{
    protected override int Silos => 2;
}
