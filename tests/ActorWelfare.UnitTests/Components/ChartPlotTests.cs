using System.Globalization;
using System.Text.Json;
using ActorWelfare.Dashboard.Components.Charts;
using Bunit;
using Xunit;
using static ActorWelfare.Dashboard.Components.Charts.BreakdownChart;

namespace ActorWelfare.Tests.Components;

/// <summary>
/// A chart's figures travel with the page's HTML (data-plot, drawn by wwwroot/charts.js), so a chart can be drawn
/// as soon as it is on screen, before the page is live.
/// </summary>
public sealed class ChartPlotTests : BunitContext
{
    public ChartPlotTests() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("it-IT");

    [Fact]
    public void A_breakdown_chart_carries_its_bars_in_the_html_and_follows_new_figures()
    {
        var cut = Render<BreakdownChart>(p => p.Add(c => c.Code, "PI.TOT").Add(c => c.Title, "Progetti")
            .Add(c => c.Entries, [new ChartEntry("quartiere", "Quartiere", 86), new ChartEntry("citta", "Città", 13)]));
        var trace = Trace(cut.Find("#chart-PI-TOT").GetAttribute("data-plot"));
        Assert.Equal("bar", trace.GetProperty("type").GetString());
        // Horizontal bars listed bottom-up, so the first entry is on top.
        Assert.Equal(["Città", "Quartiere"], trace.GetProperty("y").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([13.0, 86.0], trace.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()));

        cut.Render(p => p.Add(c => c.Entries, [new ChartEntry("quartiere", "Quartiere", 87), new ChartEntry("citta", "Città", 13)]));
        Assert.Equal([13.0, 87.0], Trace(cut.Find("#chart-PI-TOT").GetAttribute("data-plot")).GetProperty("x").EnumerateArray().Select(e => e.GetDouble()));
    }

    private static JsonElement Trace(string? plot) => JsonDocument.Parse(plot ?? "{}").RootElement.GetProperty("data")[0];
}
