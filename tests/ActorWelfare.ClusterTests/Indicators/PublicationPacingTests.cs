using Stopwatch = System.Diagnostics.Stopwatch;
using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Indicators;

/// <summary>
/// How an aggregator paces its versions in a running cluster: changes that come while it waits out its gap go out
/// together, the last state reaches the subscribers without anyone asking, and versions keep growing across a
/// reactivation although they are written once per block.
/// </summary>
public sealed class PublicationPacingTests : IAsyncLifetime
{
    // The shortest gap set to a second, so that what a burst becomes does not depend on this machine's speed.
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(1);
    private InProcessCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await InProcessCluster.StartAsync(
        settings: new Dictionary<string, string> { ["Indicators:ShortestPublishGapMs"] = Gap.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private static ActivityProfile Gruppo(int year) => new()
    {
        Name = "Gruppo del ritmo", Quartieri = ["navile"], StartYear = year, EndYear = year, Status = "attivo",
        Themes = ["anziani"], Purposes = ["socializzazione"],
    };

    [Fact]
    public async Task A_burst_goes_out_as_one_version_per_gap_and_its_last_state_reaches_the_subscriber_by_itself()
    {
        InProcessCluster.AsSystem(); // the test sets up and subscribes as the cluster's own work
        var received = new Received();
        var aggregator = cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024));
        await aggregator.Subscribe(cluster.Cluster.Client.CreateObjectReference<IIndicatorsObserver>(received));
        var gruppo = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-ritmo");
        await gruppo.Execute(new RegisterActivity(Gruppo(2024)), 0);
        var registered = await Eventually.ValueAsync(() => Task.FromResult(received.Latest), d => d?.Indicators["GC.TOT"].Value == 1, "the registration published");

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++) await gruppo.Execute(new RecordMeeting(2024), 1 + i);
        var elapsed = clock.Elapsed;

        // Nobody reads the document: the pacing's own timer publishes the last state.
        await Eventually.TrueAsync(() => Task.FromResult(received.Latest?.Indicators["GC.MEET"].Value == 50), "the 50th meeting pushed");
        var versions = received.VersionsAfter(registered!.Version);
        Assert.True(versions <= 2 + (int)(elapsed / Gap), $"{versions} versions for 50 changes in {elapsed.TotalMilliseconds:0} ms with a gap of {Gap.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task After_a_reactivation_versions_continue_past_the_reserved_block()
    {
        InProcessCluster.AsSystem();
        var aggregator = cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2025));
        var gruppo = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-riattivato");
        await gruppo.Execute(new RegisterActivity(Gruppo(2025)), 0);
        var first = await aggregator.GetDocument();
        Assert.Equal(1, first.Version); // the first version, with its block reserved in one write

        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await gruppo.Execute(new RecordMeeting(2025), 1);
        var next = await aggregator.GetDocument();
        Assert.Equal(1, next.Indicators["GC.MEET"].Value);
        // A new activation does not know which of the block's versions went out: it starts after the block.
        Assert.Equal(CityIndicatorsGrain.ReservedVersions + 1, next.Version);
    }

    private sealed class Received : IIndicatorsObserver
    {
        private readonly List<IndicatorDocument> documents = [];

        public IndicatorDocument? Latest { get { lock (documents) return documents.Count == 0 ? null : documents[^1]; } }

        public int VersionsAfter(long version) { lock (documents) return documents.Count(d => d.Version > version); }

        public Task OnIndicators(IndicatorDocument document)
        {
            lock (documents) documents.Add(document);
            return Task.CompletedTask;
        }
    }
}
