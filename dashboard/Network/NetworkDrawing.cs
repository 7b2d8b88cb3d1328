using System.Text.Json;
using ActorWelfare.Activities;
using ActorWelfare.Dashboard.ActivityViews;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Network;

/// <summary>How the network is drawn: organisations and the activities they take part in, or organisations tied by the activities they share.</summary>
public enum NetworkView { Activities, Organisations }

/// <summary>What an organisation's colour says: its group (ETS or others) or its type.</summary>
public enum NetworkColour { Group, Type }

/// <summary>A colour of the legend and what it stands for.</summary>
public sealed record LegendEntry(string Colour, string Label, string? Shape = null);

/// <summary>
/// The graph a page hands to graph.js (data-graph): nodes with their label, colour, size and the page a click
/// opens; edges with their width. Organisations are sized by their ties and coloured by group or type; activities
/// are grey, shaped by kind. The same data is on the page as tables for people who do not see the drawing.
/// </summary>
public sealed class NetworkDrawing(Territory territory, NetworkGraph graph, NetworkView view, NetworkColour colour, bool english)
{
    // Colour-blind-safe palette (Okabe–Ito and its darker companions), cycled over the city's types.
    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A5C00", "#6A3D9A", "#B2182B", "#1B7837", "#4D4D4D", "#8C510A"];
    private const string ActivityColour = "#8C99A6";

    private string Scope => graph.Filter.District ?? FigureSelector.City;

    public string ColourOf(NetworkOrganisation o) => colour == NetworkColour.Group
        ? Palette[Math.Max(0, territory.Taxonomies.OrganisationGroups.Select(g => g.Id).ToList().IndexOf(o.Group ?? ""))]
        : Palette[Math.Max(0, territory.Taxonomies.OrganisationTypes.Select(t => t.Id).ToList().IndexOf(o.Type)) % Palette.Length];

    /// <summary>The organisation's own page (its activities year by year, its ties).</summary>
    public string OrganisationHref(NetworkOrganisation o) => $"citta/{territory.Id}/organizzazioni/{o.Id}";

    /// <summary>The activities page listing an organisation's activities in the drawn scope and year.</summary>
    public string OrganisationActivitiesHref(NetworkOrganisation o) => FigureDrill.Href(territory.Id, graph.Year, new FigureSelector("NET.NODO", o.Id, null, Scope));

    public string ActivityHref(NetworkActivity a) => $"citta/{territory.Id}/attivita/{GrainKeys.KindId(a.Kind)}/{a.Id}";

    private static string ShapeOf(ActivityKind kind) => kind switch { ActivityKind.Progetto => "round-rectangle", ActivityKind.Tavolo => "diamond", _ => "triangle" };

    public IReadOnlyList<LegendEntry> Legend()
    {
        var entries = colour == NetworkColour.Group
            ? territory.Taxonomies.OrganisationGroups.Select(g => new LegendEntry(Palette[territory.Taxonomies.OrganisationGroups.ToList().IndexOf(g)], english ? g.En : g.It))
            : territory.Taxonomies.OrganisationTypes.Where(t => graph.Organisations.Any(o => o.Type == t.Id))
                .Select(t => new LegendEntry(ColourOf(graph.Organisations.First(o => o.Type == t.Id)), english ? t.En : t.It));
        var list = entries.ToList();
        if (view == NetworkView.Activities)
            list.AddRange(Enum.GetValues<ActivityKind>().Select(k => new LegendEntry(ActivityColour, Components.Pages.Activities.KindLabel(k), ShapeOf(k))));
        return list;
    }

    // Nodes are named by what they are, not by their place in the lists, so a live update keeps each where it was.
    private static string OrganisationNode(NetworkOrganisation o) => "o:" + o.Id;

    private static string ActivityNode(NetworkActivity a) => $"a:{GrainKeys.KindId(a.Kind)}/{a.Id}";

    /// <summary>The longest label drawn under a node; the tables and the node's page give the whole name.</summary>
    public const int LabelLength = 28;

    /// <summary>The nodes: organisations, then (in the activities view) activities.</summary>
    public IReadOnlyList<DrawnNode> Nodes()
    {
        var nodes = graph.Organisations.Select(o => new DrawnNode(OrganisationNode(o), Short(o.Name), ColourOf(o), Math.Round(14 + 5 * Math.Sqrt(o.Ties), 1), null, o.Nodo, OrganisationHref(o))).ToList();
        if (view == NetworkView.Activities)
            nodes.AddRange(graph.Activities.Select(a => new DrawnNode(ActivityNode(a), Short(a.Name), ActivityColour, 12, ShapeOf(a.Kind), false, ActivityHref(a))));
        return nodes;
    }

    /// <summary>The edges: organisation – activity, or organisation – organisation as wide as the activities they share (up to 8).</summary>
    public IReadOnlyList<DrawnEdge> Edges() => view == NetworkView.Activities
        ? [.. graph.Links.Select(l => Edge(OrganisationNode(graph.Organisations[l.Organisation]), ActivityNode(graph.Activities[l.Activity]), 1))]
        : [.. graph.Pairs.Select(p => Edge(OrganisationNode(graph.Organisations[p.A]), OrganisationNode(graph.Organisations[p.B]), Math.Min(8, p.Shared)))];

    private static DrawnEdge Edge(string source, string target, int width) => new($"{source}|{target}", source, target, width);

    // Cut by the server: cytoscape's own ellipsis measures every label and costs the first drawing a third of its time.
    private static string Short(string name) => name.Length <= LabelLength ? name : name[..(LabelLength - 1)].TrimEnd() + "…";

    /// <summary>The JSON graph.js draws: with each node's place when the server laid the network out (<see cref="NetworkLayout"/>).</summary>
    public string Spec(IReadOnlyDictionary<string, NodePlace>? places)
    {
        var nodes = Nodes().Select(n =>
        {
            NodePlace? at = places is not null && places.TryGetValue(n.Id, out var p) ? p : null;
            return new { n.Id, n.Label, n.Colour, n.Size, n.Shape, n.Nodo, n.Href, at?.X, at?.Y };
        });
        return JsonSerializer.Serialize(new { nodes, edges = Edges() }, Json);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
}

/// <summary>A node as graph.js draws it: what it shows, its size (diameter, px at zoom 1) and the page a click opens.</summary>
public sealed record DrawnNode(string Id, string Label, string Colour, double Size, string? Shape, bool Nodo, string Href);

/// <summary>An edge as graph.js draws it.</summary>
public sealed record DrawnEdge(string Id, string Source, string Target, int Width);
