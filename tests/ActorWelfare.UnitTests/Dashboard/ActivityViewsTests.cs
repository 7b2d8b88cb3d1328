using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Dashboard.ActivityViews;
using ActorWelfare.Organisations;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

/// <summary>How an activity's stored ids and changes read on the pages: names, labels, the page's number format.</summary>
public sealed class ActivityViewsTests
{
    private static readonly Territory Bologna = ShippedTerritories.All["bologna"];
    private static readonly Organisation Parish = new("ets-tavoli-004", "Parrocchia di San Bartolomeo", "parrocchia");
    private static readonly ActivityText Text = new(Bologna, new Dictionary<string, Organisation> { [Parish.Id] = Parish });
    // The culture flows with the test's execution context only, as a page's does with its render.
    public ActivityViewsTests() => Use("it-IT");

    private static void Use(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

    private static ActivityRecord Tavolo(long version, int meetings, params OrganisationLink[] organisations) => new()
    {
        City = "bologna", Kind = ActivityKind.Tavolo, Id = "tavolo-prova", Version = version,
        Profile = new()
        {
            Name = "Tavolo di prova", Quartieri = ["navile"], Zones = ["bolognina"], StartYear = 2016, Status = "attivo",
            Coordination = "sst-ufficio-reti", Themes = ["anziani"], Organisations = organisations,
        },
        Years = new Dictionary<int, YearFigures> { [2019] = new() { Meetings = meetings, Operators = new Dictionary<string, int> { ["sst"] = 4 } } },
    };

    private static string Label(IReadOnlyList<Term> terms, string id) => ActivityText.Capitalised(terms.Single(t => t.Id == id).It);

    [Fact]
    public void A_registration_reads_as_what_the_activity_was_created_with_by_name_never_by_id()
    {
        var lines = ActivityChanges.Describe(null, Tavolo(1, 13, new OrganisationLink(Parish.Id, ["spazi"], "parrocchia")), Text);

        Assert.All(lines, l => Assert.Null(l.Before));
        Assert.Contains(new ChangeLine("Anno di attivazione", null, "2016"), lines);
        Assert.Contains(new ChangeLine("Quartieri", null, "Navile"), lines);
        Assert.Contains(new ChangeLine("Zone", null, "Bolognina"), lines);
        Assert.Contains(new ChangeLine("Coordinamento", null, Label(Bologna.Taxonomies.CoordinationKinds, "sst-ufficio-reti")), lines);
        Assert.Contains(new ChangeLine("Organizzazione «Parrocchia di San Bartolomeo»", null, Label(Bologna.Taxonomies.OrganisationFunctions, "spazi")), lines);
        Assert.Contains(new ChangeLine("2019 · Incontri", null, "13"), lines);
        Assert.Contains(new ChangeLine($"2019 · Operatori pubblici ({Bologna.Taxonomies.Offices.Single(o => o.Id == "sst").It})", null, "4"), lines);
        // Nothing of the stored form shows through: no ids, no JSON, no "0 → 2016".
        var shown = string.Join("\n", lines.Select(l => $"{l.Label}: {l.After}"));
        foreach (var raw in new[] { "sst-ufficio-reti", "ets-tavoli-004", "{", "\"", "navile", "→" }) Assert.DoesNotContain(raw, shown);
        // A flag left at its default and fields the activity does not report are not listed.
        Assert.DoesNotContain(lines, l => l.Label.StartsWith("Escluso", StringComparison.Ordinal) || l.Label == "Anno di fine" || l.Label == "Finalità");
    }

    [Fact]
    public void A_change_lists_only_the_fields_that_changed_with_numbers_in_the_pages_culture()
    {
        var before = Tavolo(4, 1234);
        var after = Tavolo(5, 1235) with { Profile = before.Profile with { Status = "concluso" } };

        Assert.Equal(
            [new ChangeLine("Stato", "Attivo", "Concluso"), new ChangeLine("2019 · Incontri", "1.234", "1.235")],
            ActivityChanges.Describe(before, after, Text));

        Use("en-GB");
        Assert.Equal(
            [new ChangeLine("Status", "Active", "Ended"), new ChangeLine("2019 · Meetings", "1,234", "1,235")],
            ActivityChanges.Describe(before, after, Text));
    }

    [Fact]
    public void Organisations_joining_leaving_or_changing_functions_are_named_with_their_functions()
    {
        var other = new OrganisationLink("ets-non-registrata", ["volontari"]);
        var before = Tavolo(2, 3, new OrganisationLink(Parish.Id, ["spazi"]), other);
        var after = Tavolo(3, 3, new OrganisationLink(Parish.Id, ["spazi", "volontari"]));
        var spaces = Label(Bologna.Taxonomies.OrganisationFunctions, "spazi");
        var volunteers = Label(Bologna.Taxonomies.OrganisationFunctions, "volontari");

        Assert.Equal(
            [
                new ChangeLine("Organizzazione «Parrocchia di San Bartolomeo»", spaces, $"{spaces}, {volunteers}"),
                new ChangeLine("Organizzazione «ets-non-registrata»", volunteers, "non partecipa"),
            ],
            ActivityChanges.Describe(before, after, Text));
    }

    [Fact]
    public void Each_kind_shows_only_its_own_fields()
    {
        string[] Keys(ActivityKind kind) => [.. Text.ProfileFields(kind).Where(f => f.AppliesTo(kind)).Select(f => f.Key)
            .Concat(Text.FigureFields().Where(f => f.AppliesTo(kind)).Select(f => f.Key))];

        Assert.Contains("beneficiaries", Keys(ActivityKind.Progetto));
        Assert.Contains("promoterLevel", Keys(ActivityKind.Progetto));
        Assert.DoesNotContain("meetings", Keys(ActivityKind.Progetto));
        Assert.DoesNotContain("coordination", Keys(ActivityKind.Progetto));
        Assert.Contains("meetings", Keys(ActivityKind.Tavolo));
        Assert.DoesNotContain("citizens", Keys(ActivityKind.Tavolo));
        Assert.DoesNotContain("beneficiaries", Keys(ActivityKind.Tavolo));
        Assert.Contains("citizens", Keys(ActivityKind.Gruppo));
        // One operators' field per office of the territory file, for every kind.
        foreach (var kind in Enum.GetValues<ActivityKind>())
            Assert.Equal(Bologna.Taxonomies.Offices.Select(o => $"operators.{o.Id}"), Keys(kind).Where(k => k.StartsWith("operators.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Searching_a_name_ignores_case_accents_and_word_order()
    {
        Assert.True(ActivityList.NameMatches("Tavolo Città di Pace", "citta TAVOLO"));
        Assert.True(ActivityList.NameMatches("Tavolo Bolognina", "  "));
        Assert.False(ActivityList.NameMatches("Tavolo Bolognina", "beverara"));
    }

    [Fact]
    public void Lists_sort_by_each_column_then_by_name_and_page_within_range()
    {
        ActivityRecord R(string name, ActivityKind kind, string quartiere, int start, string status) =>
            new() { Id = name.ToLowerInvariant(), Kind = kind, Profile = new() { Name = name, Quartieri = [quartiere], StartYear = start, Status = status } };
        var records = new[]
        {
            R("Beta", ActivityKind.Gruppo, "savena", 2012, "concluso"),
            R("alfa", ActivityKind.Tavolo, "navile", 2018, "attivo"),
            R("Gamma", ActivityKind.Progetto, "borgo-panigale-reno", 2015, "in-attivazione"),
        };
        string[] Names(ActivitySort sort, bool descending = false) => [.. ActivityList.Sort(records, sort, descending, Bologna).Select(r => r.Profile.Name)];

        Assert.Equal(["alfa", "Beta", "Gamma"], Names(ActivitySort.Name));
        Assert.Equal(["Gamma", "Beta", "alfa"], Names(ActivitySort.Name, descending: true));
        Assert.Equal(["Gamma", "alfa", "Beta"], Names(ActivitySort.Kind));
        Assert.Equal(["Gamma", "alfa", "Beta"], Names(ActivitySort.District)); // in the territory's order
        Assert.Equal(["Beta", "Gamma", "alfa"], Names(ActivitySort.Start));
        Assert.Equal(["alfa", "Gamma", "Beta"], Names(ActivitySort.Status)); // active, being set up, ended
        Assert.Equal(ActivitySort.Start, ActivityList.ParseSort("start"));
        Assert.Equal(ActivitySort.Name, ActivityList.ParseSort("nonsense"));

        var rows = Enumerable.Range(1, 53).ToList();
        Assert.Equal(new[] { 51, 52, 53 }, ActivityList.Page(rows, 3).Rows);
        Assert.Equal(3, ActivityList.Page(rows, 99).Number);
        Assert.Equal(1, ActivityList.Page(rows, -2).Number);
        Assert.Equal((1, 0), (ActivityList.Page(Array.Empty<int>(), 1).Count, ActivityList.Page(Array.Empty<int>(), 1).Total));
    }

    [Fact]
    public void An_activity_is_concluded_by_its_status_or_by_a_last_year_before_the_current_one()
    {
        var active = new ActivityRecord { Profile = new() { Status = "attivo", EndYear = 2019 } };
        Assert.False(ActivityList.IsConcluded(active, 2019));
        Assert.True(ActivityList.IsConcluded(active, 2020));
        Assert.True(ActivityList.IsConcluded(active with { Profile = active.Profile with { Status = ActivityList.ConcludedStatus, EndYear = null } }, 2019));
    }

    [Fact]
    public void A_change_without_a_year_applies_from_the_current_open_year_inside_the_span()
    {
        var since2014 = Tavolo(1, 3).Profile with { StartYear = 2014, EndYear = null };
        var closed2019 = new HashSet<int> { 2019 };
        Assert.Equal(2019, ChangeYear.DefaultYear(since2014, 2019, new HashSet<int>()));
        Assert.Equal(2020, ChangeYear.DefaultYear(since2014, 2019, closed2019)); // the first open year after a closed one
        Assert.Equal(2021, ChangeYear.DefaultYear(since2014, 2019, new HashSet<int> { 2019, 2020 }));
        Assert.Equal(2014, ChangeYear.DefaultYear(since2014, 2010, closed2019)); // brought inside the span
        var ended = since2014 with { EndYear = 2019 };
        Assert.Equal(2019, ChangeYear.DefaultYear(ended, 2023, closed2019)); // no open year left: the grain refuses naming 2019
        Assert.Contains(2021, ChangeYear.YearsToAsk(since2014, 2019));
        Assert.Equal([2018, 2019], ChangeYear.YearsToAsk(since2014 with { EndYear = 2019 }, 2018));

        var record = Tavolo(1, 3) with { Profile = since2014 };
        var added = Assert.IsType<AddOrganisation>(ChangeYear.WithDefault(new AddOrganisation(new OrganisationLink(Parish.Id, []), null), record, 2019, closed2019));
        Assert.Equal(2020, added.FromYear);
        var said = new ChangeStatus("concluso", 2022); // a year the person gave stays theirs
        Assert.Same(said, ChangeYear.WithDefault(said, record, 2019, closed2019));
        var meeting = new RecordMeeting(2019); // not a dated change of the profile: untouched
        Assert.Same(meeting, ChangeYear.WithDefault(meeting, record, 2019, closed2019));
    }

    [Fact]
    public void The_years_a_change_touched_read_in_runs()
    {
        Assert.Equal("2019", ActivityText.YearRuns([2019]));
        Assert.Equal("2014–2016", ActivityText.YearRuns([2014, 2015, 2016]));
        Assert.Equal("2014, 2016–2017", ActivityText.YearRuns([2014, 2016, 2017]));
        Assert.Equal("2014, dal 2019 in poi", ActivityText.YearRuns([2014, 2019, 2020, 2021], onwardFrom: 2021));
        Assert.Equal("2019–2020", ActivityText.YearRuns([2019, 2020], onwardFrom: 2021)); // a run that stops before: no "in poi"
        Use("en-GB");
        Assert.Equal("2014, 2019 on", ActivityText.YearRuns([2014, 2019, 2020, 2021], onwardFrom: 2021));
    }
}
