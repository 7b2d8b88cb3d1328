using System.Globalization;
using System.Text.RegularExpressions;
using ActorWelfare.Dashboard.Reports;
using ActorWelfare.Indicators;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>The report's one description: every figure of the catalogue and of docs/indicators.md is in it, in the report's order.</summary>
public sealed partial class ReportOutlineTests
{
    [Fact]
    public void Every_code_of_the_catalogue_is_in_the_report_and_the_report_names_no_other()
    {
        Assert.Empty(IndicatorCatalogue.All.Select(d => d.Code).Except(ReportOutline.Codes));
        Assert.Empty(ReportOutline.Codes.Except(IndicatorCatalogue.ByCode.Keys));
    }

    [Fact]
    public void The_analysts_words_have_a_general_note_and_one_commentary_per_section_of_the_report()
    {
        Assert.Equal(ReportOutline.Sections.Select(s => s.Id).Prepend(ActorWelfare.Years.Commentary.General), ActorWelfare.Years.Commentary.Sections);
    }

    [Fact]
    public void Every_code_documented_in_docs_indicators_md_is_in_the_report()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "indicators.md"));
        // The codes of the first cell of every table row ("| `TP.OPS.SST`, `TP.OPS.SEST`, `TP.OPS.RETI` | …").
        var documented = text.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => CodeInTable().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(documented.Count >= IndicatorCatalogue.All.Count, $"only {documented.Count} codes read from docs/indicators.md");
        Assert.Empty(documented.Except(ReportOutline.Codes));
    }

    [Fact]
    public void The_sections_follow_the_monitoring_report_projects_tables_groups_each_with_its_own_figures()
    {
        Assert.Equal(["progetti", "tavoli", "gruppi", "rete"], ReportOutline.Sections.Select(s => s.Id));
        foreach (var section in ReportOutline.Sections)
        {
            var codes = section.Headlines.Select(h => h.Code).Concat(section.Parts.SelectMany(p => p.Tables.Select(t => t.Code)));
            Assert.All(codes, c => Assert.Equal(section.Kind, IndicatorCatalogue.ByCode[c].Kind));
            // The first part opens with the total, as the report's "Numero" paragraphs do; the network's with its organisations.
            Assert.Equal(IndicatorCatalogue.TotalCode(section.Kind) ?? "NET.ORG", section.Parts[0].Tables[0].Code);
        }
        var keys = ReportOutline.Sections.SelectMany(s => s.Parts.SelectMany(p => p.Tables.Select(t => t.Key))).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Filled_for_bologna_every_code_is_on_a_headline_or_a_table_and_a_districts_page_leaves_out_the_tables_per_district()
    {
        var bologna = ShippedTerritories.All["bologna"].ForYear(2019);
        var figures = new SortedDictionary<string, IndicatorValue>(StringComparer.Ordinal)
        {
            ["PI.TOT"] = new() { Value = 99, Excluded = 1, Breakdown = new() { ["quartiere"] = 86 } },
            ["PI.NEW"] = new() { Value = 17, Base = 99 },
            ["B3.07"] = new() { Value = 18, Breakdown = new() { ["navile"] = 4 } },
            ["PI.ODTFN"] = new() { Value = null, Base = 86, Breakdown = new() { ["partner"] = 50 },
                Breakdowns = new() { ["participations"] = new() { ["total"] = 300, ["two-or-more"] = 160 } } },
        };
        var city = new ReportFigures(bologna, figures, CultureInfo.GetCultureInfo("it-IT"), english: false).Sections();
        var shown = city.SelectMany(s => s.Headlines.SelectMany(h => (h.Also ?? []).Prepend(h.Code)).Concat(s.Tables.Select(t => t.Code))).ToHashSet();
        Assert.Empty(IndicatorCatalogue.All.Select(d => d.Code).Except(shown)); // Bologna has the sst, sest and reti offices

        var tavoli = city.Single(s => s.Id == "tavoli");
        // Every district is a row of a table per district, those with none too.
        Assert.Equal(bologna.Quartieri.Select(q => q.Id), tavoli.Tables.Single(t => t.Id == "B3.07").Rows.Select(r => r.Id));
        Assert.Equal(4, tavoli.Tables.Single(t => t.Id == "B3.07").Rows.Single(r => r.Id == "navile").Value);
        Assert.Equal("99+1", city[0].Headlines[0].Value);
        Assert.Equal("di cui 17 nuovi nell'anno (17%)", city[0].Headlines[0].BaseText);
        Assert.Equal("53% delle presenze delle organizzazioni nei progetti (160 su 300) assolve due o più funzioni",
            city[0].Tables.Single(t => t.Id == "PI.ODTFN").Note);

        var district = new ReportFigures(bologna, figures, CultureInfo.GetCultureInfo("en-GB"), english: true, wholeCity: false).Sections();
        Assert.DoesNotContain(district.SelectMany(s => s.Tables), t => t.Id is "B3.01" or "B3.07" or "B3.11" or "PI.BEN.districts" or "NET.DENS" or "NET.DENS.largest");
        Assert.Equal("Permanent tables", district[1].Title);
    }

    [Fact]
    public void A_city_without_bolognas_offices_gets_no_headline_for_them_and_its_own_offices_in_the_tables()
    {
        var crema = ShippedTerritories.All["crema"].ForYear(2014);
        var figures = new SortedDictionary<string, IndicatorValue>(StringComparer.Ordinal)
        {
            ["TP.OPS"] = new() { Base = 5, Breakdown = new() { ["assistenti-sociali"] = 1.5 } },
        };
        var tavoli = new ReportFigures(crema, figures, CultureInfo.GetCultureInfo("it-IT"), english: false).Sections().Single(s => s.Id == "tavoli");
        Assert.DoesNotContain(tavoli.Headlines, h => h.Code.StartsWith("TP.OPS.", StringComparison.Ordinal));
        var offices = tavoli.Tables.Single(t => t.Id == "TP.OPS");
        Assert.True(offices.Means);
        Assert.Equal("Assistenti sociali", offices.Rows.Single().Label);
        Assert.Contains("zona", tavoli.Tables.Single(t => t.Id == "B3.07").Title);
    }

    [Fact]
    public void The_network_section_reads_its_sentences_in_the_citys_words()
    {
        var bologna = ShippedTerritories.All["bologna"].ForYear(2019);
        var figures = new SortedDictionary<string, IndicatorValue>(StringComparer.Ordinal)
        {
            ["NET.ORG"] = new() { Value = 5, Base = 4, Breakdown = new() { ["ets"] = 2, ["altre"] = 3 }, Breakdowns = new() { ["activities"] = new() { ["1"] = 3, ["2-o-piu"] = 2 } } },
            ["NET.NODO"] = new() { Value = 2, Base = 5, Breakdown = new() { ["districts"] = 1, ["kinds"] = 1 } },
            ["NET.DENS"] = new() { Value = 30, Base = 5, Breakdown = new() { ["ties"] = 3, ["organisations"] = 5, ["largest"] = 4 },
                Breakdowns = new() { ["density"] = new() { ["navile"] = 200.0 / 3 } } },
        };
        var rete = new ReportFigures(bologna, figures, CultureInfo.GetCultureInfo("it-IT"), english: false).Sections().Single(s => s.Id == "rete");
        var headlines = rete.Headlines.ToDictionary(h => h.Code);
        Assert.Equal("di cui 2 in due o più attività · su 4 attività", headlines["NET.ORG"].BaseText);
        Assert.Equal("1 in più quartieri, 1 in più tipi di attività · su 5 organizzazioni", headlines["NET.NODO"].BaseText);
        Assert.Equal("30,0%", headlines["NET.DENS"].Value);
        Assert.Equal("3 legami tra 5 organizzazioni · la parte connessa più grande ne riunisce 4", headlines["NET.DENS"].BaseText);
        Assert.Equal(["in più quartieri", "in più tipi di attività"], rete.Tables.Single(t => t.Id == "NET.NODO").Rows.Select(r => r.Label));
        Assert.Equal(66.7, rete.Tables.Single(t => t.Id == "NET.DENS").Rows.Single(r => r.Id == "navile").Value, 1);
        Assert.Equal(["in una sola attività", "in due o più attività"], rete.Tables.Single(t => t.Id == "NET.ORG.activities").Rows.Select(r => r.Label));
    }

    [GeneratedRegex(@"`([A-Z0-9]+\.[A-Z0-9.]+)`")]
    private static partial Regex CodeInTable();
}
