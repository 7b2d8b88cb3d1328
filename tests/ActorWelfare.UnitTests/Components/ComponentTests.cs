using System.Globalization;
using ActorWelfare.Dashboard.Components.Charts;
using ActorWelfare.Dashboard.Components.Shared;
using ActorWelfare.Indicators;
using ActorWelfare.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
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
        var territory = ShippedTerritories.All["bologna"];
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

    [Fact]
    public void A_years_meetings_read_in_english_with_the_citys_place_and_the_source_of_the_count()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        var crema = ShippedTerritories.All["crema"];
        Services.AddSingleton(new ActorWelfare.Dashboard.Components.Staff.StaffSession(null!, null!, null!)); // not called by a reader
        Services.AddSingleton(new ActorWelfare.Dashboard.Cities.CityCalendar(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), ShippedTerritories.All, TimeProvider.System));
        var gruppo = new ActorWelfare.Activities.ActivityRecord
        {
            City = "crema", Kind = ActorWelfare.Activities.ActivityKind.Gruppo, Id = "gruppo-lavoro", Version = 3,
            Years = new Dictionary<int, ActorWelfare.Activities.YearFigures>
            {
                [2014] = new()
                {
                    Meetings = 9,
                    Events =
                    [
                        new() { Id = "m1", Date = new DateOnly(2014, 4, 9), Start = new TimeOnly(14, 30), PlaceId = "oratorio-san-bartolomeo", Place = "salone", Citizens = 7 },
                        new() { Id = "m2", Date = new DateOnly(2014, 5, 7), Place = "via Frecavalli 16", NextDate = new DateOnly(2014, 6, 4) },
                    ],
                },
            },
        };
        var text = new ActorWelfare.Dashboard.ActivityViews.ActivityText(crema, new Dictionary<string, ActorWelfare.Organisations.Organisation>());

        var cut = Render<ActorWelfare.Dashboard.Components.Pages.ActivityMeetings>(p => p.Add(m => m.Record, gruppo).Add(m => m.Year, 2014).Add(m => m.Text, text));

        Assert.Equal("2 meetings recorded: the year's count comes from them.", cut.Find("[data-testid=meetings-source]").TextContent.Trim());
        var rows = cut.FindAll("[data-testid=meetings] tbody tr");
        Assert.Equal(["9 April 2014", "7 May 2014"], rows.Select(r => r.QuerySelector("[data-field=date]")!.TextContent));
        Assert.Equal(["Oratorio di San Bartolomeo (salone)", "via Frecavalli 16"], rows.Select(r => r.QuerySelector("[data-field=place]")!.TextContent));
        Assert.Contains("4 June 2014", rows[1].TextContent);
        Assert.Empty(cut.FindAll("[data-testid=meeting-form]")); // a reader records nothing
        Assert.Equal("2 (recorded)", ActorWelfare.Dashboard.ActivityViews.ActivityText.Meetings(gruppo.Years[2014]));
        Assert.Equal("9", ActorWelfare.Dashboard.ActivityViews.ActivityText.Meetings(gruppo.Years[2014] with { Events = null }));
    }
}
