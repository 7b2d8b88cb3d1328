using ActorWelfare.Activities;
using ActorWelfare.Dashboard.Network;
using ActorWelfare.Indicators;
using ActorWelfare.Territories;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

/// <summary>The network laid out on the server (issue 18, point 5): every node placed, none on another, and a live change that keeps the picture still.</summary>
public sealed class NetworkLayoutTests
{
    private static DrawnNode Node(string id, double size = 16) => new(id, id, "#000", size, null, false, "");

    private static DrawnEdge Edge(string a, string b) => new($"{a}|{b}", a, b, 1);

    // Two organisations in three activities, a third organisation alone in a fourth: two parts.
    private static readonly DrawnNode[] Drawn = [Node("o:a", 30), Node("o:b", 20), Node("o:c"), Node("a:1", 12), Node("a:2", 12), Node("a:3", 12), Node("a:4", 12)];
    private static readonly DrawnEdge[] Ties = [Edge("o:a", "a:1"), Edge("o:a", "a:2"), Edge("o:a", "a:3"), Edge("o:b", "a:1"), Edge("o:b", "a:2"), Edge("o:c", "a:4")];

    private static double Distance(NodePlace p, NodePlace q) => Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y));

    [Fact]
    public void Every_node_is_placed_apart_and_linked_nodes_are_nearer_than_the_other_part()
    {
        var places = NetworkLayout.Place(Drawn, Ties, before: null);

        Assert.Equal(Drawn.Select(n => n.Id).Order(), places.Keys.Order());
        Assert.All(places.Values, p => Assert.True(double.IsFinite(p.X) && double.IsFinite(p.Y)));
        foreach (var n in Drawn)
            foreach (var m in Drawn.Where(m => string.CompareOrdinal(m.Id, n.Id) > 0))
                Assert.True(Distance(places[n.Id], places[m.Id]) >= (n.Size + m.Size) / 2, $"{n.Id} and {m.Id} overlap");
        // An activity sits nearer its organisations than the organisation of the other part does.
        Assert.True(Distance(places["a:1"], places["o:a"]) < Distance(places["a:1"], places["o:c"]));
        Assert.True(Distance(places["a:4"], places["o:c"]) < Distance(places["a:4"], places["o:a"]));
    }

    [Fact]
    public void A_live_change_keeps_the_nodes_that_stay_where_they_were_and_puts_a_new_one_by_its_neighbour()
    {
        var before = NetworkLayout.Place(Drawn, Ties, before: null);

        var after = NetworkLayout.Place([.. Drawn, Node("a:5", 12)], [.. Ties, Edge("o:c", "a:5")], before);

        Assert.Equal(Drawn.Length + 1, after.Count);
        Assert.All(Drawn, n => Assert.Equal(before[n.Id], after[n.Id]));
        Assert.True(Distance(after["a:5"], after["o:c"]) < Distance(after["a:5"], after["o:a"]), "the new activity is drawn by its organisation");
        Assert.All(Drawn, n => Assert.True(Distance(after["a:5"], after[n.Id]) >= (12 + n.Size) / 2, $"the new activity lies on {n.Id}"));
    }

    [Fact]
    public void A_network_mostly_new_is_laid_out_afresh_and_an_empty_one_has_no_places()
    {
        var before = new Dictionary<string, NodePlace> { ["o:a"] = new(10_000, 10_000) };

        var places = NetworkLayout.Place(Drawn, Ties, before);

        // One node in seven known: the old place is not kept, the drawing is laid out from scratch around the others.
        Assert.NotEqual(new NodePlace(10_000, 10_000), places["o:a"]);
        Assert.True(Distance(places["o:a"], places["a:1"]) < 1_000);
        Assert.Empty(NetworkLayout.Place([], [], before));
    }

    private static readonly Territory Bologna = TerritoryFile.LoadAll(Path.Combine(ActorWelfare.Tests.Infrastructure.RepoPaths.Root, "deploy", "territories"))["bologna"];

    // One tavolo with two organisations; the next version adds a gruppo with a third, tied to the second.
    private static NetworkGraph Graph(long version, bool withGruppo) => new()
    {
        City = "bologna", Year = 2019, Version = version,
        Organisations = [new("alfa", "Alfa", "odv", null, 1, 1, false), new("beta", "Beta", "odv", null, withGruppo ? 2 : 1, withGruppo ? 2 : 1, withGruppo), .. withGruppo ? new NetworkOrganisation[] { new("gamma", "Gamma", "odv", null, 1, 1, false) } : []],
        Activities = [new(ActivityKind.Tavolo, "t1", "Tavolo", []), .. withGruppo ? new NetworkActivity[] { new(ActivityKind.Gruppo, "g1", "Gruppo", []) } : []],
        Links = [new(0, 0, []), new(1, 0, []), .. withGruppo ? new NetworkLink[] { new(1, 1, []), new(2, 1, []) } : []],
    };

    private static NetworkDrawing Drawing(NetworkGraph graph) => new(Bologna, graph, NetworkView.Activities, NetworkColour.Group, english: false);

    [Fact]
    public async Task Pages_share_one_layout_per_version_and_a_new_version_keeps_the_places_of_the_nodes_that_stay()
    {
        var layouts = new NetworkLayouts(NullLogger<NetworkLayouts>.Instance);
        var first = Graph(1, withGruppo: false);

        var once = layouts.PlaceAsync(first, NetworkView.Activities, Drawing(first));
        var again = layouts.PlaceAsync(first with { }, NetworkView.Activities, Drawing(first));
        var otherView = layouts.PlaceAsync(first, NetworkView.Organisations, new NetworkDrawing(Bologna, first, NetworkView.Organisations, NetworkColour.Group, false));
        Assert.Same(once, again); // the prerendered page and its circuit, and every other visitor
        Assert.NotSame(once, otherView);
        var before = (await once)!;
        Assert.Equal(3, before.Count);

        var second = Graph(2, withGruppo: true);
        var shared = layouts.PlaceAsync(second, NetworkView.Activities, Drawing(second));
        var after = (await shared)!;
        Assert.Equal(5, after.Count);
        Assert.All(before, p => Assert.Equal(p.Value, after[p.Key]));

        // A page still on the first version gets its places, but the shared layout stays the newer one.
        await layouts.PlaceAsync(first, NetworkView.Activities, Drawing(first));
        Assert.Same(shared, layouts.PlaceAsync(second, NetworkView.Activities, Drawing(second)));
    }
}
