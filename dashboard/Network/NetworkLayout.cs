using Microsoft.Msagl.Core.Geometry;
using Microsoft.Msagl.Core.Geometry.Curves;
using Microsoft.Msagl.Core.Layout;
using Microsoft.Msagl.Core.Routing;
using Microsoft.Msagl.Layout.Incremental;
using Microsoft.Msagl.Miscellaneous;

namespace ActorWelfare.Dashboard.Network;

/// <summary>Where a node sits in the drawing, in pixels at zoom 1 (the browser fits the whole drawing to its frame).</summary>
public readonly record struct NodePlace(double X, double Y);

/// <summary>
/// Lays a network out on the server with MSAGL's force-directed layout (PivotMDS, then FastIncrementalLayout with
/// overlaps removed), so the page draws every node already placed instead of running a layout in the browser.
/// Given where the previous version's nodes were, it keeps them there, puts each new node among its neighbours and
/// settles only those a few rounds: a live change adds to the picture without moving it.
/// </summary>
public static class NetworkLayout
{
    // Room for the label under a node, and between nodes.
    private const double LabelRoom = 8, Separation = 6;
    // A previous layout is kept while it places at least half the nodes; past that a fresh layout reads better.
    private const double KeptShare = 0.5;
    private const int RelaxRounds = 12;

    public static IReadOnlyDictionary<string, NodePlace> Place(IReadOnlyList<DrawnNode> nodes, IReadOnlyList<DrawnEdge> edges, IReadOnlyDictionary<string, NodePlace>? before)
    {
        if (nodes.Count == 0) return new Dictionary<string, NodePlace>();
        var graph = new GeometryGraph();
        var byId = new Dictionary<string, Node>(nodes.Count);
        foreach (var n in nodes)
        {
            var node = new Node(CurveFactory.CreateRectangle(n.Size, n.Size + LabelRoom, new Point()), n.Id);
            byId[n.Id] = node;
            graph.Nodes.Add(node);
        }
        foreach (var e in edges)
            if (byId.TryGetValue(e.Source, out var s) && byId.TryGetValue(e.Target, out var t) && s != t) graph.Edges.Add(new Edge(s, t));

        var kept = before is null ? 0 : nodes.Count(n => before.ContainsKey(n.Id));
        if (kept > 0 && kept >= KeptShare * nodes.Count) Relax(graph, byId, before!);
        else LayoutHelpers.CalculateLayout(graph, Settings(), null);

        return byId.ToDictionary(p => p.Key, p => new NodePlace(Math.Round(p.Value.Center.X, 1), Math.Round(p.Value.Center.Y, 1)));
    }

    private static FastIncrementalLayoutSettings Settings() => new()
    {
        AvoidOverlaps = true,
        NodeSeparation = Separation,
        EdgeRoutingSettings = { EdgeRoutingMode = EdgeRoutingMode.None },
    };

    /// <summary>The nodes that were there stay; a new one starts at the middle of its placed neighbours (or beside the drawing), a few rounds of forces settle it, and it takes the nearest free spot.</summary>
    private static void Relax(GeometryGraph graph, Dictionary<string, Node> byId, IReadOnlyDictionary<string, NodePlace> before)
    {
        var placed = new HashSet<Node>();
        foreach (var (id, node) in byId)
            if (before.TryGetValue(id, out var p))
            {
                node.Center = new Point(p.X, p.Y);
                placed.Add(node);
            }
        var box = placed.Aggregate(new Rectangle(placed.First().Center), (r, n) => { r.Add(n.Center); return r; });
        var aside = 0;
        foreach (var (id, node) in byId)
        {
            if (placed.Contains(node)) continue;
            var neighbours = node.InEdges.Select(e => e.Source).Concat(node.OutEdges.Select(e => e.Target)).Where(placed.Contains).ToList();
            // A small offset fixed by the id: two new nodes of the same neighbours do not start on the same spot.
            var jitter = id.Aggregate(17u, (h, c) => h * 31 + c) % 360 * Math.PI / 180;
            node.Center = neighbours.Count > 0
                ? new Point(neighbours.Average(n => n.Center.X) + 20 * Math.Cos(jitter), neighbours.Average(n => n.Center.Y) + 20 * Math.Sin(jitter))
                : new Point(box.Right + 40, box.Bottom + 40 * aside++);
        }
        var settings = Settings();
        settings.AvoidOverlaps = false;
        settings.MaxIterations = RelaxRounds;
        // Locked: the forces move only the new nodes, towards their neighbours.
        foreach (var node in placed) settings.CreateLock(node, node.BoundingBox);
        do settings.IncrementalRun(graph); while (!settings.IsDone);

        // A lock holds nearly, not exactly: the nodes that stay are put back, and a new node lying on another moves to the nearest free spot.
        var settled = new List<Node>(byId.Count);
        foreach (var node in placed)
        {
            var p = before[(string)node.UserData];
            node.Center = new Point(p.X, p.Y);
            settled.Add(node);
        }
        foreach (var node in byId.Values.Where(n => !placed.Contains(n)))
        {
            node.Center = FreeSpot(node, settled);
            settled.Add(node);
        }
    }

    /// <summary>The node's place if nothing lies there, else the first free one on a widening spiral around it.</summary>
    private static Point FreeSpot(Node node, List<Node> settled)
    {
        var start = node.Center;
        var step = Math.Max(node.Width, node.Height) / 2 + Separation;
        for (var ring = 0; ; ring++)
        {
            var spots = Math.Max(1, 6 * ring);
            for (var i = 0; i < spots; i++)
            {
                var angle = 2 * Math.PI * i / spots;
                var spot = new Point(start.X + ring * step * Math.Cos(angle), start.Y + ring * step * Math.Sin(angle));
                if (!settled.Any(o => Overlap(spot, node, o))) return spot;
            }
        }
    }

    private static bool Overlap(Point at, Node node, Node other) =>
        Math.Abs(at.X - other.Center.X) < (node.Width + other.Width) / 2 + Separation
        && Math.Abs(at.Y - other.Center.Y) < (node.Height + other.Height) / 2 + Separation;
}
