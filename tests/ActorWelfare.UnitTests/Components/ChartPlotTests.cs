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

    [Fact]
    public void A_chart_of_the_first_screen_carries_a_picture_of_its_bars_from_zero_to_past_the_longest()
    {
        var cut = Render<BreakdownChart>(p => p.Add(c => c.Code, "PI.TOT").Add(c => c.Title, "Progetti").Add(c => c.Pictured, true)
            .Add(c => c.Entries, [new ChartEntry("navile", "Navile", 42), new ChartEntry("reno", "Reno <ovest>", 21), new ChartEntry("borgo", "Borgo", 0)]));
        var picture = cut.Find("[data-testid=bar-picture]");
        Assert.Equal("true", picture.GetAttribute("aria-hidden"));
        // The first entry on top, as plotly draws it; labels as text (escaped), bars as shares of an axis 5 % past the longest.
        Assert.Equal(["Navile", "Reno <ovest>", "Borgo"], picture.QuerySelectorAll(".aw-bar-label").Select(l => l.TextContent));
        Assert.Equal(["width: 95.24%", "width: 47.62%", "width: 0%"], picture.QuerySelectorAll(".aw-bar-track i").Select(i => i.GetAttribute("style")));
        // The chart's own height (70 + 28 per bar), margins and colour.
        Assert.Contains("height: 154px;", picture.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("padding: 10px 20px 30px 10px;", picture.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("--aw-bar: #0066CC", picture.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("bar-picture", cut.Find("#chart-PI-TOT").NextElementSibling?.GetAttribute("data-testid")); // over the chart's element, hidden once plotly draws there

        cut.Render(p => p.Add(c => c.Entries, [new ChartEntry("navile", "Navile", 10), new ChartEntry("reno", "Reno", 20)]));
        Assert.Equal(["width: 47.62%", "width: 95.24%"], cut.FindAll(".aw-bar-track i").Select(i => i.GetAttribute("style")));
    }

    [Fact]
    public void A_charts_value_column_follows_the_language_when_the_page_passes_none()
    {
        var cut = Render<BreakdownChart>(p => p.Add(c => c.Code, "compare").Add(c => c.Title, "Variazione")
            .Add(c => c.Entries, [new ChartEntry("pi", "Progetti", 12.5)]));
        Assert.Equal("Valore", cut.Find("thead th.text-end").TextContent);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        cut.Render(p => p.Add(c => c.Title, "Change"));
        Assert.Equal("Value", cut.Find("thead th.text-end").TextContent);
    }

    [Fact]
    public void Other_charts_carry_no_picture_and_nothing_reported_draws_no_bar()
    {
        var plain = Render<BreakdownChart>(p => p.Add(c => c.Code, "PI.TOT").Add(c => c.Title, "Progetti")
            .Add(c => c.Entries, [new ChartEntry("navile", "Navile", 42)]));
        Assert.Empty(plain.FindAll("[data-testid=bar-picture]"));
        // A negative value is drawn left of the axis by plotly: no picture of bars from zero for it.
        var change = Render<BreakdownChart>(p => p.Add(c => c.Code, "compare").Add(c => c.Title, "Variazione").Add(c => c.Pictured, true)
            .Add(c => c.Entries, [new ChartEntry("pi", "Progetti", 12.5), new ChartEntry("tp", "Tavoli", -4)]));
        Assert.Empty(change.FindAll("[data-testid=bar-picture]"));
        Assert.Equal(0, BarPicture.Share(0, 0));
        Assert.Equal(0, BarPicture.Share(-3, 10));
        Assert.Equal(95.24, BarPicture.Share(10, 10));
    }

    private static JsonElement Trace(string? plot) => JsonDocument.Parse(plot ?? "{}").RootElement.GetProperty("data")[0];
}
