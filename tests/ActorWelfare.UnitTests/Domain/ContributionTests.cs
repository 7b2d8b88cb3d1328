using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Indicators;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>The counting rules of INDICATORS.md on small hand-made cases, through both paths.</summary>
public sealed class ContributionTests
{
    private static readonly Territory Bologna = ShippedTerritories.All["bologna"];

    private static ActivityRecord Progetto(string id, ActivityProfile? profile = null, YearFigures? y2024 = null) => new()
    {
        City = "bologna", Kind = ActivityKind.Progetto, Id = id, Version = 1,
        Profile = profile ?? new ActivityProfile { Name = id, Quartieri = ["navile"], StartYear = 2024, Status = "attivo" },
        Years = y2024 is null ? new Dictionary<int, YearFigures>() : new Dictionary<int, YearFigures> { [2024] = y2024 },
    };

    /// <summary>Both ways of computing the document, which must agree.</summary>
    private static IndicatorDocument Live(params ActivityRecord[] records)
    {
        var totals = new IndicatorTotals();
        foreach (var r in records) totals.Apply(ContributionVector.For(r, 2024, Bologna), +1);
        var live = totals.ToDocument(Bologna, 2024, 1, DateTimeOffset.UnixEpoch);
        var recomputed = IndicatorRecomputation.Compute(Bologna, 2024, records, 1);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(recomputed.Indicators), System.Text.Json.JsonSerializer.Serialize(live.Indicators));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(recomputed.Quartieri), System.Text.Json.JsonSerializer.Serialize(live.Quartieri));
        return live;
    }

    [Fact]
    public void An_activity_in_two_quartieri_counts_once_city_wide_and_once_in_each()
    {
        var doc = Live(Progetto("p", new() { Name = "p", Quartieri = ["navile", "savena"], StartYear = 2024, Status = "attivo" }));
        Assert.Equal(1, doc.Indicators["PI.TOT"].Value);
        Assert.Equal(1, doc.Quartieri["navile"]["PI.TOT"].Value);
        Assert.Equal(1, doc.Quartieri["savena"]["PI.TOT"].Value);
        Assert.Equal(0, doc.Quartieri["santo-stefano"]["PI.TOT"].Value);
    }

    [Fact]
    public void An_organisation_in_several_activities_counts_once()
    {
        var withOrg = new ActivityProfile { Name = "x", Quartieri = ["navile"], StartYear = 2024, Status = "attivo", Organisations = [new("o1", [], "odv"), new("o2", [], "fondazione")] };
        var doc = Live(Progetto("a", withOrg), Progetto("b", withOrg with { Organisations = [new("o1", [], "odv")] }));
        Assert.Equal(2, doc.Indicators["PI.ODT"].Value);
        Assert.Equal(2, doc.Indicators["PI.ODT"].Base);
        Assert.Equal(new SortedDictionary<string, double> { ["altre"] = 1, ["ets"] = 1 }, doc.Indicators["PI.ODT"].Breakdown);
        Assert.Equal(new SortedDictionary<string, double> { ["fondazione"] = 1, ["odv"] = 1 }, doc.Indicators["B3.06"].Breakdown);
    }

    [Fact]
    public void Not_reported_is_null_and_a_reported_zero_is_zero_with_its_base()
    {
        Assert.Null(Live(Progetto("a")).Indicators["PI.VOL"].Value);
        Assert.Equal(0, Live(Progetto("a")).Indicators["PI.VOL"].Base);
        var zero = Live(Progetto("a", y2024: new YearFigures { Volunteers = 0 }), Progetto("b"));
        Assert.Equal(0, zero.Indicators["PI.VOL"].Value);
        Assert.Equal(1, zero.Indicators["PI.VOL"].Base);
    }

    [Fact]
    public void An_excluded_activity_is_the_plus_n_and_in_no_other_figure()
    {
        var excluded = Progetto("x", new() { Name = "x", Quartieri = ["navile"], StartYear = 2024, Status = "attivo", ExcludedFromAggregates = true, PromoterLevel = "quartiere" },
            new YearFigures { Beneficiaries = 50 });
        var doc = Live(excluded, Progetto("a"));
        Assert.Equal(1, doc.Indicators["PI.TOT"].Value);
        Assert.Equal(1, doc.Indicators["PI.TOT"].Excluded);
        Assert.Null(doc.Indicators["PI.BEN"].Value);
    }

    [Fact]
    public void Multiple_answers_sum_to_more_than_the_base_which_counts_who_answered()
    {
        var doc = Live(
            Progetto("a", new() { Name = "a", Quartieri = ["navile"], StartYear = 2024, Status = "attivo", Activities = ["socialita", "salute"] }),
            Progetto("b", new() { Name = "b", Quartieri = ["navile"], StartYear = 2024, Status = "attivo", Activities = ["socialita"] }),
            Progetto("c"));
        Assert.Equal(2, doc.Indicators["PI.ATT"].Base);
        Assert.Equal(3, doc.Indicators["PI.ATT"].Breakdown!.Values.Sum());
    }

    [Fact]
    public void Means_are_over_the_activities_that_reported_them()
    {
        ActivityRecord Tavolo(string id, int? sst) => new()
        {
            City = "bologna", Kind = ActivityKind.Tavolo, Id = id, Version = 1,
            Profile = new() { Name = id, Quartieri = ["navile"], StartYear = 2024, Status = "attivo" },
            Years = new Dictionary<int, YearFigures> { [2024] = new() { Operators = sst is null ? null : new Dictionary<string, int> { ["sst"] = sst.Value } } },
        };
        var doc = Live(Tavolo("a", 4), Tavolo("b", 5), Tavolo("c", null));
        Assert.Equal(4.5, doc.Indicators["TP.OPS.SST"].Value);
        Assert.Equal(2, doc.Indicators["TP.OPS.SST"].Base);
        Assert.Null(doc.Indicators["TP.OPS.SEST"].Value);
    }

    [Fact]
    public void Years_outside_the_span_and_deleted_activities_contribute_nothing()
    {
        Assert.Null(ContributionVector.For(Progetto("a") with { Deleted = true }, 2024, Bologna));
        Assert.Null(ContributionVector.For(Progetto("a"), 2023, Bologna));
        var ended = Progetto("b", new() { Name = "b", Quartieri = ["navile"], StartYear = 2020, EndYear = 2023, Status = "concluso" });
        Assert.Null(ContributionVector.For(ended, 2024, Bologna));
        Assert.NotNull(ContributionVector.For(ended, 2021, Bologna));
    }

    [Fact]
    public void Adding_then_withdrawing_returns_to_the_empty_document()
    {
        var totals = new IndicatorTotals();
        var vector = ContributionVector.For(Progetto("a", y2024: new YearFigures { Beneficiaries = 12, Volunteers = 3 }), 2024, Bologna);
        totals.Apply(vector, +1);
        totals.Apply(vector, -1);
        var empty = new IndicatorTotals().ToDocument(Bologna, 2024, 1, DateTimeOffset.UnixEpoch);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(empty), System.Text.Json.JsonSerializer.Serialize(totals.ToDocument(Bologna, 2024, 1, DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void Held_vectors_keep_the_figures_and_share_their_keys_across_activities()
    {
        var figures = new YearFigures { Beneficiaries = 12, Volunteers = 3 };
        var (first, second) = (ContributionVector.For(Progetto("a", y2024: figures), 2024, Bologna)!, ContributionVector.For(Progetto("b", y2024: figures), 2024, Bologna)!);
        var totals = new IndicatorTotals();
        var (heldFirst, heldSecond) = (totals.Hold(first)!, totals.Hold(second)!);

        Assert.Equal(first.OrderBy(e => e.Key, StringComparer.Ordinal), heldFirst.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.False(ReferenceEquals(first.Keys.First(), second.Keys.First())); // two computations, two strings…
        Assert.All(heldSecond, e => Assert.Same(heldFirst.Single(f => f.Key == e.Key).Key, e.Key)); // …one kept
        Assert.Null(totals.Hold(null));

        var direct = new IndicatorTotals();
        direct.Apply(first, +1);
        direct.Apply(second, +1);
        totals.Apply(heldFirst, +1);
        totals.Apply(heldSecond, +1);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(direct.ToDocument(Bologna, 2024, 1, DateTimeOffset.UnixEpoch)),
            System.Text.Json.JsonSerializer.Serialize(totals.ToDocument(Bologna, 2024, 1, DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void Every_catalogue_code_is_in_the_document_city_wide_and_per_quartiere()
    {
        var doc = Live();
        Assert.Equal(IndicatorCatalogue.All.Select(d => d.Code).Order(StringComparer.Ordinal), doc.Indicators.Keys);
        Assert.Equal(Bologna.Quartieri.Select(q => q.Id).Order(StringComparer.Ordinal), doc.Quartieri.Keys);
        Assert.All(doc.Quartieri.Values, q => Assert.Equal(IndicatorCatalogue.All.Count, q.Count));
    }
}
