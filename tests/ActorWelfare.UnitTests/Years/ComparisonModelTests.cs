using ActorWelfare.Dashboard.Reports;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Years;

/// <summary>2018 against 2019 from the shipped data (no cluster): what the change chart marks.</summary>
public sealed class ComparisonModelTests
{
    private static ComparisonModel Compare() => new(DatasetSnapshots.Of("bologna-2018").Snapshot, DatasetSnapshots.Of("bologna-2019").Snapshot,
        ShippedTerritories.All["bologna"]);

    [Fact]
    public void The_change_chart_marks_every_figure_whose_definition_or_taxonomy_differs_between_the_years()
    {
        var model = Compare();
        var bars = model.MainChanges;
        Assert.NotEmpty(bars);
        foreach (var bar in bars)
        {
            // A figure needs care when any of its rows (its total or an item of its breakdown) is marked.
            var marked = model.Rows.Any(r => r.Code == bar.Code && (r.Notes.Count > 0 || r.OnlyInOneYear));
            Assert.Equal(marked, bar.Marked);
            Assert.Equal(marked, bar.Label.StartsWith('⚠'));
        }
        // The figures the territory file says were defined differently in 2018 (PI.TOT, PI.BEN, …) among them.
        var redefined = ShippedTerritories.All["bologna"].DefinitionNotes!.Where(n => n.Years.Contains(2018)).Select(n => n.Code).ToHashSet();
        Assert.Contains(bars, b => redefined.Contains(b.Code));
        Assert.All(bars.Where(b => redefined.Contains(b.Code)), b => Assert.StartsWith("⚠", b.Label));
        Assert.Contains(bars, b => !b.Marked);
    }
}
