using System.Globalization;
using ActorWelfare.Dashboard.Components.Charts;
using ActorWelfare.Dashboard.Components.Shared;
using ActorWelfare.Indicators;
using ActorWelfare.Tests.Infrastructure;
using Bunit;
using Xunit;
using static ActorWelfare.Dashboard.Components.Charts.BreakdownChart;

namespace ActorWelfare.Tests.Components;

/// <summary>The dashboard's components rendered with bUnit (plotly.js itself is the browser tests' business).</summary>
public sealed class ComponentTests : BunitContext
{
    public ComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("it-IT");
    }

    [Fact]
    public void A_headline_shows_value_label_and_base()
    {
        var cut = Render<Headline>(p => p.Add(h => h.Code, "PI.VOL").Add(h => h.Value, "866").Add(h => h.Label, "volontari").Add(h => h.Base, "su 62 progetti"));
        Assert.Equal("866", cut.Find("[data-testid='headline-PI.VOL']").TextContent);
        Assert.Contains("su 62 progetti", cut.Markup);
    }

    [Fact]
    public void A_chart_has_its_numbers_in_a_table_in_italian_format()
    {
        var cut = Render<BreakdownChart>(p => p.Add(c => c.Code, "PI.BEN").Add(c => c.Title, "Beneficiari")
            .Add(c => c.Entries, [new ChartEntry("navile", "Navile", 14844), new ChartEntry("savena", "Savena", 3.5)]).Add(c => c.Decimals, 1));
        var rows = cut.FindAll("[data-testid='table-PI.BEN'] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Equal("14.844,0", rows[0].QuerySelector("td")!.TextContent);
        Assert.Equal("3,5", rows[1].QuerySelector("td")!.TextContent);
        Assert.Contains("Navile 14.844,0", cut.Find("[role=img]").GetAttribute("aria-label"));
    }

    [Fact]
    public void A_chart_with_nothing_reported_says_so_instead_of_drawing_an_empty_plot()
    {
        var cut = Render<BreakdownChart>(p => p.Add(c => c.Code, "B3.02").Add(c => c.Title, "Area di bisogno").Add(c => c.Entries, []));
        Assert.Contains("Nessun dato riportato.", cut.Markup);
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public void The_indicators_view_writes_the_figures_the_way_the_report_does()
    {
        var territory = InProcessCluster.Territories["bologna"];
        var figures = new SortedDictionary<string, IndicatorValue>(StringComparer.Ordinal)
        {
            ["PI.TOT"] = new() { Value = 99, Excluded = 1, Breakdown = new() { ["quartiere"] = 86 } },
            ["PI.NEW"] = new() { Value = 17, Base = 99 },
            ["PI.ODT"] = new() { Value = 218, Base = 91, Breakdown = new() { ["ets"] = 160, ["altre"] = 58 } },
            ["PI.BEN"] = new() { Value = 14844, Base = 89 },
            ["B3.05"] = new() { Value = 1989, Base = 61, Breakdown = new() { ["in-carico"] = 1989, ["totale"] = 3671 } },
            ["TP.OPS.SST"] = new() { Value = 76.0 / 17, Base = 17 },
        };
        var cut = Render<IndicatorsView>(p => p.Add(v => v.Territory, territory).Add(v => v.Figures, figures));

        Assert.Equal("99+1", cut.Find("[data-testid='headline-PI.TOT']").TextContent);
        Assert.Contains("di cui 17 nuovi nell'anno (17%)", cut.Markup);
        Assert.Contains("160 ETS + 58 altre · su 91 progetti", cut.Markup);
        Assert.Equal("14.844", cut.Find("[data-testid='headline-PI.BEN']").TextContent);
        Assert.Equal("1.989 / 3.671", cut.Find("[data-testid='headline-B3.05']").TextContent);
        Assert.Contains("54%", cut.Find("[data-code='B3.05']").TextContent);
        Assert.Equal("4,5", cut.Find("[data-testid='headline-TP.OPS.SST']").TextContent);
        Assert.Equal("—", cut.Find("[data-testid='headline-PI.VOL']").TextContent); // not reported
    }
}
