using System.Text.Json;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Indicators;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>
/// The network figures (NET.*) on a network drawn by hand, the expected numbers read off the drawing, through
/// both paths; then on random networks, added and withdrawn in any order, against the recomputation.
/// </summary>
/// <remarks>
/// The drawing (Bologna, 2024): organisations A odv, B associazione (ETS), C azienda (profit), D fondazione, E scuola.
/// <code>
///   p1 progetto, Navile   A (volontari, spazi) — B (volontari)
///   p2 progetto, Savena   A (know-how) — C (risorse-economiche)
///   t1 tavolo,   Navile   B — D
///   g1 gruppo,   Savena   E alone
///   p3 progetto, Navile   organisations not reported
///   x  progetto, Navile   A, E — left out of the aggregates
/// </code>
/// Ties A~B, A~C, B~D: one part of four (A B C D) and E alone.
/// </remarks>
public sealed class NetworkIndicatorTests
{
    private static readonly Territory Bologna = ShippedTerritories.All["bologna"];

    private static ActivityRecord Activity(string id, ActivityKind kind, string quartiere, IReadOnlyList<OrganisationLink>? organisations, bool excluded = false,
        int start = 2024, int? end = null) => new()
    {
        City = "bologna", Kind = kind, Id = id, Version = 1,
        Profile = new ActivityProfile
        {
            Name = id, Quartieri = [quartiere], StartYear = start, EndYear = end, Status = "attivo", Organisations = organisations, ExcludedFromAggregates = excluded,
        },
    };

    private static OrganisationLink Org(string id, string type, params string[] functions) => new(id, functions, type);

    private static readonly OrganisationLink A = Org("a", "odv"), B = Org("b", "associazione"), C = Org("c", "azienda"), D = Org("d", "fondazione"), E = Org("e", "scuola");

    private static readonly ActivityRecord[] Drawing =
    [
        Activity("p1", ActivityKind.Progetto, "navile", [A with { Functions = ["volontari", "spazi"] }, B with { Functions = ["volontari"] }]),
        Activity("p2", ActivityKind.Progetto, "savena", [A with { Functions = ["know-how"] }, C with { Functions = ["risorse-economiche"] }]),
        Activity("t1", ActivityKind.Tavolo, "navile", [B, D]),
        Activity("g1", ActivityKind.Gruppo, "savena", [E]),
        Activity("p3", ActivityKind.Progetto, "navile", null),
        Activity("x", ActivityKind.Progetto, "navile", [A, E], excluded: true),
    ];

    /// <summary>The live document of <paramref name="records"/>, after checking it equals the recomputation.</summary>
    private static IndicatorDocument Both(IEnumerable<ActivityRecord> records, IndicatorTotals? totals = null)
    {
        var list = records.ToList();
        if (totals is null)
        {
            totals = new IndicatorTotals();
            foreach (var r in list) totals.Apply(ContributionVector.For(r, 2024, Bologna), +1);
        }
        var live = totals.ToDocument(Bologna, 2024, 1, DateTimeOffset.UnixEpoch);
        var recomputed = IndicatorRecomputation.Compute(Bologna, 2024, list, 1);
        Assert.Equal(JsonSerializer.Serialize(recomputed.Indicators), JsonSerializer.Serialize(live.Indicators));
        Assert.Equal(JsonSerializer.Serialize(recomputed.Quartieri), JsonSerializer.Serialize(live.Quartieri));
        return live;
    }

    private static SortedDictionary<string, double> Entries(params (string Key, double Value)[] entries) =>
        new(entries.ToDictionary(e => e.Key, e => e.Value), StringComparer.Ordinal);

    [Fact]
    public void Organisations_active_in_the_year_and_those_in_two_or_more_activities()
    {
        var doc = Both(Drawing);
        var city = doc.Indicators["NET.ORG"];
        Assert.Equal(5, city.Value);
        Assert.Equal(4, city.Base); // p1, p2, t1, g1 reported their organisations; p3 did not, x is left out
        Assert.Equal(Entries(("altre", 3), ("ets", 2)), city.Breakdown);
        Assert.Equal(Entries(("1", 3), ("2-o-piu", 2)), city.Breakdowns!["activities"]); // A (p1, p2) and B (p1, t1)

        var navile = doc.Quartieri["navile"]["NET.ORG"];
        Assert.Equal(3, navile.Value); // A, B, D
        Assert.Equal(Entries(("1", 2), ("2-o-piu", 1)), navile.Breakdowns!["activities"]); // only B twice there
        Assert.Equal(0, doc.Quartieri["porto-saragozza"]["NET.ORG"].Value);
    }

    [Fact]
    public void Figure_nodo_are_the_organisations_spanning_two_districts_or_two_kinds()
    {
        var doc = Both(Drawing);
        var city = doc.Indicators["NET.NODO"];
        Assert.Equal(2, city.Value); // A: Navile and Savena; B: a progetto and a tavolo
        Assert.Equal(5, city.Base);
        Assert.Equal(Entries(("districts", 1), ("kinds", 1)), city.Breakdown);
        Assert.Null(city.Breakdowns); // the document names no organisation: the network page does, to the city's readers

        Assert.Equal(2, doc.Quartieri["navile"]["NET.NODO"].Value); // both work in Navile
        Assert.Equal(1, doc.Quartieri["savena"]["NET.NODO"].Value); // only A
        Assert.Equal(Entries(("districts", 1)), doc.Quartieri["savena"]["NET.NODO"].Breakdown);
    }

    [Fact]
    public void Participations_by_resource_and_the_bridge_to_the_profit_world()
    {
        var doc = Both(Drawing);
        var fn = doc.Indicators["NET.FN"];
        Assert.Equal(7, fn.Value); // 2 + 2 + 2 + 1 organisations in p1, p2, t1, g1
        Assert.Equal(4, fn.Base);
        Assert.Equal(Entries(("know-how", 1), ("risorse-economiche", 1), ("spazi", 1), ("volontari", 2)), fn.Breakdown);
        Assert.Equal(Entries(("spazi", 1), ("volontari", 2)), doc.Quartieri["navile"]["NET.FN"].Breakdown);

        var profit = doc.Indicators["NET.PROFIT"];
        Assert.Equal(1, profit.Value); // p2, with C the company
        Assert.Equal(4, profit.Base);
        Assert.Equal(Entries(("progetto", 1)), profit.Breakdown);
        Assert.Equal(0, doc.Quartieri["navile"]["NET.PROFIT"].Value);
    }

    [Fact]
    public void Density_ties_and_the_largest_connected_part_per_district()
    {
        var doc = Both(Drawing);
        var city = doc.Indicators["NET.DENS"];
        Assert.Equal(30.0, city.Value); // 3 ties of the 10 pairs 5 organisations can form
        Assert.Equal(Entries(("largest", 4), ("organisations", 5), ("ties", 3)), city.Breakdown);

        var navile = doc.Quartieri["navile"]["NET.DENS"]; // A~B, B~D among A, B, D
        Assert.Equal(200.0 / 3, navile.Value!.Value, 10);
        Assert.Equal(Entries(("largest", 3), ("organisations", 3), ("ties", 2)), navile.Breakdown);
        var savena = doc.Quartieri["savena"]["NET.DENS"]; // A~C; E alone
        Assert.Equal(100.0 / 3, savena.Value!.Value, 10);
        Assert.Equal(2, savena.Breakdown!["largest"]);
        Assert.Null(doc.Quartieri["porto-saragozza"]["NET.DENS"].Value); // no pair can form

        Assert.Equal(Entries(("navile", 3), ("savena", 2)), city.Breakdowns!["largest"]);
        Assert.Equal(Entries(("navile", 2), ("savena", 1)), city.Breakdowns!["ties"]);
    }

    [Fact]
    public void Withdrawing_an_activity_undoes_its_ties_and_shared_organisations()
    {
        var totals = new IndicatorTotals();
        foreach (var r in Drawing) totals.Apply(ContributionVector.For(r, 2024, Bologna), +1);
        totals.Apply(ContributionVector.For(Drawing[0], 2024, Bologna), -1); // p1 goes: A~B goes, A and B are each in one activity
        var doc = Both(Drawing.Skip(1), totals);
        Assert.Equal(Entries(("1", 5)), doc.Indicators["NET.ORG"].Breakdowns!["activities"]);
        Assert.Equal(Entries(("largest", 2), ("organisations", 5), ("ties", 2)), doc.Indicators["NET.DENS"].Breakdown);
        Assert.Equal(0, doc.Indicators["NET.NODO"].Value); // A now only in Savena (p2), B only at the tavolo
    }

    /// <summary>
    /// Three years drawn by hand (2022–2024): h1 progetto Navile 2022 A B; h2 tavolo Navile 2023–24 A C; h3 gruppo Savena
    /// 2024 D A; h4 progetto Savena 2022–24 E; h5 gruppo Savena 2023 F. Active in 2024: A C D E; in 2023: A C E F; in 2022: A B E.
    /// </summary>
    private static readonly ActivityRecord[] ThreeYears =
    [
        Activity("h1", ActivityKind.Progetto, "navile", [Org("a", "odv"), Org("b", "odv")], start: 2022, end: 2022),
        Activity("h2", ActivityKind.Tavolo, "navile", [Org("a", "odv"), Org("c", "odv")], start: 2023, end: 2024),
        Activity("h3", ActivityKind.Gruppo, "savena", [Org("d", "odv"), Org("a", "odv")]),
        Activity("h4", ActivityKind.Progetto, "savena", [Org("e", "odv")], start: 2022),
        Activity("h5", ActivityKind.Gruppo, "savena", [Org("f", "odv")], start: 2023, end: 2023),
    ];

    [Fact]
    public void Continuity_counts_who_was_active_the_year_before_new_and_lost_and_for_how_many_years()
    {
        var doc = Both(ThreeYears);
        var city = doc.Indicators["NET.CONT"];
        Assert.Equal(3, city.Value); // A, C, E were active in 2023 too
        Assert.Equal(4, city.Base);
        Assert.Equal(Entries(("2-anni", 1), ("3-anni-o-piu", 2), ("nuove", 1), ("perse", 1)), city.Breakdown); // C; A and E; D; F

        Assert.Equal(Entries(("2-anni", 1), ("3-anni-o-piu", 1)), doc.Quartieri["navile"]["NET.CONT"].Breakdown); // C since 2023, A since 2022 (h1, then h2)
        var savena = doc.Quartieri["savena"]["NET.CONT"];
        Assert.Equal(1, savena.Value); // E
        Assert.Equal(Entries(("3-anni-o-piu", 1), ("nuove", 2), ("perse", 1)), savena.Breakdown); // E; D and A new in Savena; F gone

        // The year after too: 2025 remembers 2024 and 2023 though h2 and h5 have ended. h3 and h4 go on: A and E for
        // the third year, D for the second; C is gone.
        var totals = new IndicatorTotals();
        foreach (var r in ThreeYears) totals.Apply(ContributionVector.For(r, 2025, Bologna), +1);
        var next = totals.ToDocument(Bologna, 2025, 1, DateTimeOffset.UnixEpoch);
        Assert.Equal(Entries(("2-anni", 1), ("3-anni-o-piu", 2), ("perse", 1)), next.Indicators["NET.CONT"].Breakdown);
        Assert.Equal(JsonSerializer.Serialize(IndicatorRecomputation.Compute(Bologna, 2025, ThreeYears, 1).Indicators), JsonSerializer.Serialize(next.Indicators));

        string[] Behind3(FigureSelector f)
        {
            var vectors = ThreeYears.Select(r => (r.Id, Vector: ContributionVector.For(r, 2024, Bologna))).Where(v => v.Vector is not null).ToList();
            var organisations = f.OrganisationsBehind(vectors.Select(v => v.Vector!.Keys));
            return [.. vectors.Where(v => f.Matches(v.Vector!.Keys, organisations)).Select(v => v.Id).Order()];
        }
        Assert.Equal(["h5"], Behind3(new("NET.CONT", "perse"))); // where F was, in 2023
        Assert.Equal(["h3"], Behind3(new("NET.CONT", "nuove")));
        Assert.Equal(["h2", "h3", "h4"], Behind3(new("NET.CONT")));
    }

    [Fact]
    public void A_change_to_who_took_part_moves_the_next_two_years_so_a_closed_one_refuses_it()
    {
        var before = ThreeYears[0]; // h1, 2022 only
        var after = before with { Profile = before.Profile with { Organisations = [Org("a", "odv")] } };
        Assert.Equal([2022, 2023, 2024], DatedProfile.ChangedYears(before, after, DatedProfile.YearsTouched(before).Union(DatedProfile.YearsTouched(after))));
        Assert.Equal([2022, 2023, 2024], ContributionVector.ChangedYears(before, after, Bologna, [2021, 2022, 2023, 2024, 2025]));
    }

    [Fact]
    public void Who_may_change_a_year_is_decided_on_that_year_not_on_the_years_whose_continuity_it_moves()
    {
        // Navile in 2023, Savena from 2024: an operatore of Navile changes the organisations of 2023 only.
        var navile2023 = new ActivityProfile { Name = "m", Quartieri = ["navile"], StartYear = 2023, Status = "attivo", Organisations = [Org("a", "odv")] };
        var before = new ActivityRecord
        {
            City = "bologna", Kind = ActivityKind.Tavolo, Id = "m", Version = 1,
            Profile = navile2023 with { Quartieri = ["savena"] }, ProfilesUntil = new Dictionary<int, ActivityProfile> { [2023] = navile2023 },
        };
        var after = before with { ProfilesUntil = new Dictionary<int, ActivityProfile> { [2023] = navile2023 with { Organisations = [Org("a", "odv"), Org("b", "odv")] } } };
        var operatore = ActorWelfare.Access.Caller.InCity("op", "bologna", [ActorWelfare.Access.Roles.Operatore], "navile");
        Assert.Null(AccessRule.YearsRefusal(operatore, before, after, Bologna));
        var years = DatedProfile.YearsTouched(before).Union(DatedProfile.YearsTouched(after));
        Assert.Contains(2024, DatedProfile.ChangedYears(before, after, years)); // 2024's continuity moves: a closed 2024 would refuse it
        Assert.Equal([2023], DatedProfile.ChangedRecordYears(before, after, years));
    }

    /// <summary>The drawing's activities behind a network figure, read off their contributions as the aggregator reads them.</summary>
    private static string[] Behind(FigureSelector figure)
    {
        var vectors = Drawing.Select(r => (r.Id, Vector: ContributionVector.For(r, 2024, Bologna))).Where(v => v.Vector is not null).ToList();
        var organisations = figure.OrganisationsBehind(vectors.Select(v => v.Vector!.Keys));
        return [.. vectors.Where(v => figure.Matches(v.Vector!.Keys, organisations)).Select(v => v.Id).Order()];
    }

    [Fact]
    public void Drill_through_lists_the_activities_of_the_organisations_and_ties_behind_a_figure()
    {
        Assert.Equal(["p1", "p2", "t1"], Behind(new("NET.NODO"))); // where A or B, the figure nodo, take part
        Assert.Equal(["p1", "t1"], Behind(new("NET.NODO", Scope: "navile")));
        Assert.Equal(["p1", "t1"], Behind(new("NET.NODO", "b"))); // one organisation: its activities
        Assert.Equal(["p1", "p2"], Behind(new("NET.NODO", "districts"))); // A's
        Assert.Equal(["p1", "t1"], Behind(new("NET.NODO", "kinds"))); // B's
        Assert.Equal(["p1", "p2", "t1"], Behind(new("NET.DENS"))); // every activity tying two organisations
        Assert.Equal(["p1", "t1"], Behind(new("NET.DENS", "navile", "ties")));
        Assert.Equal(["p1", "p2", "t1"], Behind(new("NET.ORG", "2-o-piu", "activities")));
        Assert.Equal(["g1", "p2", "t1"], Behind(new("NET.ORG", "1", "activities"))); // C, D and E
        Assert.Equal(["g1", "p1", "p2", "t1"], Behind(new("NET.ORG")));
        Assert.Equal(["p2"], Behind(new("NET.PROFIT")));
        Assert.Equal(["p2"], Behind(new("NET.PROFIT", "progetto")));
        Assert.Equal(["p1"], Behind(new("NET.FN", "spazi")));
    }

    private static NetworkGraph Graph(NetworkFilter filter, int limit = 400) =>
        NetworkGraphBuilder.Build(Bologna, 2024, Drawing, new Dictionary<string, string> { ["a"] = "Alfa" }, filter, limit, 7);

    private static string[] Names(NetworkGraph g) => [.. g.Organisations.Select(o => o.Id)];

    private static string[] Ties(NetworkGraph g) => [.. g.Pairs.Select(p => $"{g.Organisations[p.A].Id}~{g.Organisations[p.B].Id}:{p.Shared}").Order()];

    [Fact]
    public void The_drawn_network_has_the_drawings_organisations_activities_and_ties_and_follows_its_filters()
    {
        var all = Graph(new());
        Assert.Equal(5, all.Organisations.Count);
        Assert.Equal(["g1", "p1", "p2", "t1"], all.Activities.Select(a => a.Id).Order()); // p3 reported none, x is left out
        Assert.Equal(7, all.Links.Count);
        Assert.Equal(["a~b:1", "a~c:1", "b~d:1"], Ties(all));
        Assert.Equal("Alfa", all.Organisations.Single(o => o.Id == "a").Name);
        Assert.Equal(["a", "b"], all.Organisations.Where(o => o.Nodo).Select(o => o.Id).Order());
        Assert.Equal(2, all.Organisations.Single(o => o.Id == "b").Ties);
        Assert.False(all.Pruned);

        var navile = Graph(new(District: "navile"));
        Assert.Equal(["a", "b", "d"], Names(navile).Order());
        Assert.Equal(["a~b:1", "b~d:1"], Ties(navile));
        Assert.True(navile.Organisations.Single(o => o.Id == "a").Nodo); // a figura nodo of the city, whatever part is drawn

        Assert.Equal(["a~b:1"], Ties(Graph(new(Function: "volontari"))));
        Assert.Equal(["c"], Names(Graph(new(OrganisationType: "azienda"))));
        Assert.Equal(["b", "d"], Names(Graph(new(Kind: ActivityKind.Tavolo))).Order());

        var pruned = Graph(new(), limit: 2);
        Assert.Equal(["a", "b"], Names(pruned).Order()); // the two in two activities
        Assert.Equal(["a~b:1"], Ties(pruned));
        Assert.True(pruned.Pruned);
        Assert.Equal(5, pruned.TotalOrganisations);
        Assert.Equal(["p1", "p2"], pruned.Activities.Select(a => a.Id)); // as many activities: p1 joins both, then the first of the others
        Assert.Equal(4, pruned.TotalActivities);
    }

    [Fact]
    public void A_filter_naming_what_the_city_does_not_have_is_told_field_by_field()
    {
        var problems = new NetworkFilter(District: "atlantide", Function: "magia", OrganisationType: "drago").Problems(Bologna, 0);
        Assert.Equal(["district", "function", "organisationType", "limit"], problems.Select(p => p[..p.IndexOf(':')]));
        Assert.Empty(new NetworkFilter("navile", ActivityKind.Gruppo, "spazi", "odv").Problems(Bologna, 400));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_networks_added_and_withdrawn_equal_the_recomputation(int seed)
    {
        var random = new Random(seed);
        var types = Bologna.Taxonomies.OrganisationTypes;
        var functions = Bologna.Taxonomies.OrganisationFunctions;
        var quartieri = Bologna.QuartieriIn(2024).Select(q => q.Id).ToList();
        var organisations = Enumerable.Range(0, 15).Select(i => Org($"o{i}", types[random.Next(types.Count)].Id)).ToList();
        ActivityRecord Drawn(string id)
        {
            var start = 2021 + random.Next(4);
            return Spanned(id, start, random.Next(3) == 0 ? null : Math.Max(start, 2024 - random.Next(3)));
        }
        ActivityRecord Spanned(string id, int start, int? end) => new()
        {
            City = "bologna", Kind = (ActivityKind)random.Next(3), Id = id, Version = 1,
            Profile = new ActivityProfile
            {
                Name = id, StartYear = start, EndYear = end, Status = "attivo", ExcludedFromAggregates = random.Next(10) == 0,
                Quartieri = [.. quartieri.OrderBy(_ => random.Next()).Take(1 + random.Next(2))],
                Organisations = random.Next(6) == 0 ? null : [.. organisations.OrderBy(_ => random.Next()).Take(random.Next(6))
                    .Select(o => o with { Functions = [.. functions.Where(_ => random.Next(3) == 0).Select(f => f.Id)] })],
            },
        };

        var live = new Dictionary<string, ActivityRecord>();
        var totals = new IndicatorTotals();
        for (var step = 0; step < 200; step++)
        {
            var id = $"r{random.Next(40)}";
            if (live.Remove(id, out var old)) totals.Apply(ContributionVector.For(old, 2024, Bologna), -1);
            if (random.Next(4) != 0)
            {
                var next = Drawn(id);
                live[id] = next;
                totals.Apply(ContributionVector.For(next, 2024, Bologna), +1);
            }
            if (step % 20 == 19) Both(live.Values, totals);
        }
        Assert.NotEmpty(live);
    }
}
