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

    /// <summary>The JSON graph.js draws.</summary>
    public string Spec()
    {
        var nodes = new List<object>();
        var edges = new List<object>();
        for (var i = 0; i < graph.Organisations.Count; i++)
        {
            var o = graph.Organisations[i];
            nodes.Add(new { id = OrganisationNode(o), label = o.Name, colour = ColourOf(o), size = 14 + 5 * Math.Sqrt(o.Ties), nodo = o.Nodo, href = OrganisationHref(o) });
        }
        if (view == NetworkView.Activities)
        {
            for (var i = 0; i < graph.Activities.Count; i++)
            {
                var a = graph.Activities[i];
                nodes.Add(new { id = ActivityNode(a), label = a.Name, colour = ActivityColour, size = 12, shape = ShapeOf(a.Kind), href = ActivityHref(a) });
            }
            foreach (var l in graph.Links)
            {
                var (o, a) = (OrganisationNode(graph.Organisations[l.Organisation]), ActivityNode(graph.Activities[l.Activity]));
                edges.Add(new { id = $"{o}|{a}", source = o, target = a, width = 1 });
            }
        }
        else
        {
            foreach (var p in graph.Pairs)
            {
                var (a, b) = (OrganisationNode(graph.Organisations[p.A]), OrganisationNode(graph.Organisations[p.B]));
                edges.Add(new { id = $"{a}|{b}", source = a, target = b, width = Math.Min(8, p.Shared) });
            }
        }
        return JsonSerializer.Serialize(new { nodes, edges });
    }
}
