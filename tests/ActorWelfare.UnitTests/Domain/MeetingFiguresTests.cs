using System.Text.Json;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Storage;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>Meetings as events (issue 19): a year's meetings counted from its events where it has any, else from the total reported.</summary>
public sealed class MeetingFiguresTests
{
    private static MeetingEvent Meeting(int day, int sst = 0, int reti = 0) => new()
    {
        Id = $"m{day}", Date = new DateOnly(2014, 4, day), Start = new TimeOnly(14, 30), End = new TimeOnly(16, 40),
        Place = "via Frecavalli 16, Crema",
        Operators = new Dictionary<string, int> { ["sst"] = sst, ["reti"] = reti },
    };

    [Fact]
    public void Events_count_where_a_year_has_them_and_the_reported_total_where_it_has_none()
    {
        var reported = new YearFigures { Meetings = 12, Operators = new Dictionary<string, int> { ["sst"] = 3 } };
        Assert.False(MeetingFigures.FromEvents(reported));
        Assert.Equal(12, MeetingFigures.Meetings(reported));
        Assert.Equal(3, MeetingFigures.Operators(reported)!["sst"]);
        Assert.Null(MeetingFigures.Meetings(YearFigures.Empty));

        // The working group of seed 004: two meetings in April 2014; a total left beside the events is not counted.
        var minutes = reported with { Events = [Meeting(2, sst: 2, reti: 1), Meeting(9, sst: 1, reti: 2)] };
        Assert.True(MeetingFigures.FromEvents(minutes));
        Assert.Equal(2, MeetingFigures.Meetings(minutes));
        Assert.Equal(new Dictionary<string, int> { ["sst"] = 2, ["reti"] = 2 }, MeetingFigures.Operators(minutes));
    }

    [Fact]
    public void A_year_without_events_is_stored_as_before_and_events_round_trip()
    {
        var old = new YearFigures { Meetings = 5 };
        Assert.DoesNotContain("events", JsonSerializer.Serialize(old, ActivityJson.Options), StringComparison.OrdinalIgnoreCase);

        var withEvents = old with { Events = [Meeting(9, sst: 1) with { Decisions = "Quattro ambiti di attuazione", NextPlace = "Oratorio di San Bartolomeo" }] };
        var back = JsonSerializer.Deserialize<YearFigures>(JsonSerializer.Serialize(withEvents, ActivityJson.Options), ActivityJson.Options)!;
        var e = Assert.Single(back.Events!);
        Assert.Equal(new DateOnly(2014, 4, 9), e.Date);
        Assert.Equal(new TimeOnly(16, 40), e.End);
        Assert.Equal("Oratorio di San Bartolomeo", e.NextPlace);
        Assert.Equal(1, e.Operators!["sst"]);
    }

    private static readonly Territory Bologna = TerritoryFile.LoadAll(Path.Combine(RepoPaths.Root, "deploy", "territories"))["bologna"];

    private static readonly ActivityProfile Tavolo = new()
    {
        Name = "Tavolo di via", Quartieri = ["navile"], Zones = [], StartYear = 2014, Status = "attivo",
        Coordination = "sst", Themes = ["anziani"], Purposes = ["scambio-informazioni"],
    };

    [Fact]
    public void Every_problem_of_the_events_is_told_at_once_with_its_field_and_rule()
    {
        var record = new ActivityRecord { City = "bologna", Kind = ActivityKind.Tavolo, Id = "tavolo-di-via" };
        var bad = new YearFigures
        {
            Events =
            [
                Meeting(9) with { Date = new DateOnly(2015, 1, 12) },                     // not in 2014
                Meeting(10) with { End = new TimeOnly(14, 0) },                            // ends before 14:30
                Meeting(11) with { Citizens = 12, NextDate = new DateOnly(2014, 4, 1) },   // citizens are a gruppo's; the next before this one
                Meeting(12) with { Operators = new Dictionary<string, int> { ["sst"] = -1, ["ufo"] = 1 } },
                Meeting(12) with { Decisions = new string('x', MeetingEventCheck.MaxDecisions + 1) },
            ],
        };

        var errors = ActivityRules.Validate(record, new SaveActivity(Tavolo, 2014, bad), 0, Bologna, _ => null);

        Assert.Equal(
            [("events.id", "duplicate"), ("events.date", "same-year"), ("events.end", "after-start"), ("events.nextDate", "after-date"), ("events.citizens", "not-applicable"),
             ("events.operators", "non-negative"), ("events.operators", "unknown-id"), ("events.decisions", "max-length")],
            errors.Select(e => (e.Field, e.Rule)));
        Assert.StartsWith("Data dell'incontro: l'incontro del 12/01/2015 non è del 2014", errors[1].MessageIt);
        Assert.Empty(ActivityRules.Validate(record, new SaveActivity(Tavolo, 2014, new YearFigures { Events = [Meeting(2), Meeting(9)] }), 0, Bologna, _ => null));
    }

    [Fact]
    public void A_meeting_is_recorded_replaced_and_removed_and_a_form_of_totals_keeps_the_minutes()
    {
        var record = new ActivityRecord { City = "bologna", Kind = ActivityKind.Tavolo, Id = "tavolo-di-via" };
        record = ActivityRules.Apply(record, new SaveActivity(Tavolo, 2014, new YearFigures { Meetings = 3 }), _ => null) with { Version = 1 };

        var first = new RecordEvent(Meeting(9) with { Id = "" });
        Assert.Empty(ActivityRules.Validate(record, first, record.Version, Bologna, _ => null));
        record = ActivityRules.Apply(record, first, _ => null);
        record = ActivityRules.Apply(record, new RecordEvent(Meeting(2) with { Id = "" }), _ => null);
        Assert.Equal(["m2", "m1"], record.FiguresFor(2014).Events!.Select(e => e.Id)); // in date order
        Assert.Equal(2, MeetingFigures.Meetings(record.FiguresFor(2014)));

        record = ActivityRules.Apply(record, new RecordEvent(Meeting(9) with { Id = "m1", Decisions = "Quattro ambiti" }), _ => null);
        Assert.Equal("Quattro ambiti", record.FiguresFor(2014).Events!.Single(e => e.Id == "m1").Decisions);

        // The year's totals saved from a form leave the minutes as they were.
        record = ActivityRules.Apply(record, new UpdateYearFigures(2014, new YearFigures { Meetings = 5, Operators = new Dictionary<string, int> { ["sst"] = 1 } }), _ => null);
        Assert.Equal(2, record.FiguresFor(2014).Events!.Count);

        Assert.Equal([("events.id", "unknown-id")], ActivityRules.Validate(record, new RemoveEvent(2014, "m9"), record.Version, Bologna, _ => null).Select(e => (e.Field, e.Rule)));
        Assert.Equal([("events.date", "within-span")], ActivityRules.Validate(record, new RecordEvent(Meeting(9) with { Id = "", Date = new DateOnly(2013, 5, 1) }), record.Version, Bologna, _ => null).Select(e => (e.Field, e.Rule)));
        record = ActivityRules.Apply(record, new RemoveEvent(2014, "m2"), _ => null);
        Assert.Equal(["m1"], record.FiguresFor(2014).Events!.Select(e => e.Id));
    }

    [Fact]
    public void Events_name_the_citys_places_and_the_registrys_organisations_and_a_year_of_events_takes_no_dateless_meeting()
    {
        var crema = TerritoryFile.LoadAll(Path.Combine(RepoPaths.Root, "deploy", "territories"))["crema"];
        var gruppo = new ActivityRecord { City = "crema", Kind = ActivityKind.Gruppo, Id = "gruppo-lavoro" };
        var profile = new ActivityProfile { Name = "Gruppo di lavoro", Quartieri = ["zona-1"], Zones = [], StartYear = 2014, Status = crema.Taxonomies.Statuses[0].Id };
        Func<string, string?> registry = id => id == "caritas" ? "associazione" : null;
        gruppo = ActivityRules.Apply(gruppo, new RegisterActivity(profile), registry) with { Version = 1 };

        var atTheOratorio = new MeetingEvent { Date = new DateOnly(2014, 4, 9), PlaceId = "oratorio-san-bartolomeo", Organisations = ["caritas"], Citizens = 7 };
        Assert.Empty(ActivityRules.Validate(gruppo, new RecordEvent(atTheOratorio), 1, crema, registry));
        Assert.Equal([("events.placeId", "unknown-id"), ("events.organisations", "unknown-id")],
            ActivityRules.Validate(gruppo, new RecordEvent(atTheOratorio with { PlaceId = "piazza-duomo", Organisations = ["nessuna"] }), 1, crema, registry).Select(e => (e.Field, e.Rule)));

        // Events given all at once (an import) get their ids in date order; the same file again changes nothing.
        var year = new UpdateYearFigures(2014, new YearFigures { Events = [atTheOratorio with { Date = new DateOnly(2014, 5, 2) }, atTheOratorio] });
        Assert.Empty(ActivityRules.Validate(gruppo, year, 1, crema, registry));
        var imported = ActivityRules.Apply(gruppo, year, registry);
        Assert.Equal([("m1", 9), ("m2", 2)], imported.FiguresFor(2014).Events!.Select(e => (e.Id, e.Date.Day)));
        Assert.Equal(ActivityJson.Write(imported), ActivityJson.Write(ActivityRules.Apply(imported, year, registry)));

        // A meeting without its date cannot join a year counted from its events (it would not count).
        Assert.Equal([("meetings", "counted-from-events")], ActivityRules.Validate(imported with { Version = 2 }, new RecordMeeting(2014), 2, crema, registry).Select(e => (e.Field, e.Rule)));
        Assert.Empty(ActivityRules.Validate(imported with { Version = 2 }, new RecordMeeting(2015), 2, crema, registry));
    }

    [Fact]
    public void Recorded_meetings_are_counted_month_by_month_per_district_and_city_wide_and_a_reported_total_is_not()
    {
        ActivityRecord Table(string id, string quartiere, YearFigures figures) => new()
        {
            City = "bologna", Kind = ActivityKind.Tavolo, Id = id, Version = 1,
            Profile = MeetingFiguresTests.Tavolo with { Name = id, Quartieri = [quartiere] },
            Years = new Dictionary<int, YearFigures> { [2014] = figures },
        };
        MeetingEvent On(int month, int day) => new() { Id = $"m{month}-{day}", Date = new DateOnly(2014, month, day) };
        var records = new[]
        {
            Table("t-navile", "navile", new() { Events = [On(3, 4), On(3, 18), On(11, 2)] }),
            Table("t-savena", "savena", new() { Events = [On(3, 25)] }),
            Table("t-totale", "savena", new() { Meetings = 40 }), // a yearly total: in TP.MEET, in no month
        };
        var totals = new IndicatorTotals();
        foreach (var r in records) totals.Apply(ContributionVector.For(r, 2014, Bologna), +1);
        var live = totals.ToDocument(Bologna, 2014, 1, DateTimeOffset.UnixEpoch);
        var recomputed = IndicatorRecomputation.Compute(Bologna, 2014, records, 1);
        Assert.Equal(JsonSerializer.Serialize(recomputed.Indicators), JsonSerializer.Serialize(live.Indicators));
        Assert.Equal(JsonSerializer.Serialize(recomputed.Quartieri), JsonSerializer.Serialize(live.Quartieri));

        var city = live.Indicators["TP.MONTH"];
        Assert.Equal((4.0, 2), (city.Value, city.Base));
        Assert.Equal(new Dictionary<string, double> { ["03"] = 3, ["11"] = 1 }, city.Breakdown);
        Assert.Equal(44, live.Indicators["TP.MEET"].Value);
        Assert.Equal(new Dictionary<string, double> { ["03"] = 1 }, live.Quartieri["savena"]["TP.MONTH"].Breakdown);
        Assert.Null(live.Indicators["GC.MONTH"].Value);
    }

    [Fact]
    public void A_meetings_id_is_unique_across_the_years_so_a_new_date_moves_that_meeting_and_no_other()
    {
        var record = new ActivityRecord { City = "bologna", Kind = ActivityKind.Tavolo, Id = "tavolo-di-via" };
        record = ActivityRules.Apply(record, new RegisterActivity(Tavolo), _ => null) with { Version = 1 };
        record = ActivityRules.Apply(record, new RecordEvent(Meeting(9) with { Id = "" }), _ => null);
        record = ActivityRules.Apply(record, new RecordEvent(Meeting(9) with { Id = "", Date = new DateOnly(2015, 3, 2) }), _ => null);
        Assert.Equal(("m1", "m2"), (record.FiguresFor(2014).Events!.Single().Id, record.FiguresFor(2015).Events!.Single().Id));

        // 2014's m1 given a date of 2015: it moves there, 2015's m2 stays.
        var moved = new RecordEvent(Meeting(9) with { Id = "m1", Date = new DateOnly(2015, 5, 4) });
        Assert.Empty(ActivityRules.Validate(record, moved, 1, Bologna, _ => null));
        record = ActivityRules.Apply(record, moved, _ => null);
        Assert.Empty(record.FiguresFor(2014).Events!);
        Assert.Equal(["m2", "m1"], record.FiguresFor(2015).Events!.Select(e => e.Id));
        Assert.Equal("m3", ActivityRules.Apply(record, new RecordEvent(Meeting(9) with { Id = "" }), _ => null).FiguresFor(2014).Events!.Single().Id);

        // A file may not give a year a meeting with another year's id.
        var clash = new UpdateYearFigures(2014, new YearFigures { Events = [Meeting(9) with { Id = "m2" }] });
        Assert.Equal([("events.id", "duplicate")], ActivityRules.Validate(record, clash, 1, Bologna, _ => null).Select(e => (e.Field, e.Rule)));
    }

    [Fact]
    public void Malformed_meetings_are_refused_by_field_not_stored_or_thrown()
    {
        var gruppo = new ActivityRecord { City = "bologna", Kind = ActivityKind.Gruppo, Id = "gruppo-di-via" };
        gruppo = ActivityRules.Apply(gruppo, new RegisterActivity(Tavolo), _ => null) with { Version = 1 };
        var bad = new RecordEvent(new MeetingEvent
        {
            Id = "M 1!", Place = "sala\0", Decisions = "riga\nriga\u0007", Citizens = ActivityRules.MaxCount + 1, Organisations = [null!],
        });
        Assert.Equal(
            [("events.id", "unknown-id"), ("events.date", "required"), ("events.citizens", "max-value"), ("events.organisations", "required"),
             ("events.place", "plain-text"), ("events.decisions", "plain-text")],
            ActivityRules.Validate(gruppo, bad, 1, Bologna, _ => "associazione").Select(e => (e.Field, e.Rule)));
        // A meeting sent with "id": null is a new one, and still needs its date.
        Assert.Equal([("events.date", "required")],
            ActivityRules.Validate(gruppo, new RecordEvent(new MeetingEvent { Id = null! }), 1, Bologna, _ => null).Select(e => (e.Field, e.Rule)));
    }

    [Fact]
    public void A_gruppo_that_becomes_a_tavolo_keeps_its_meetings_without_the_citizens_a_tavolo_does_not_count()
    {
        var gruppo = new ActivityRecord
        {
            City = "bologna", Kind = ActivityKind.Gruppo, Id = "g", Version = 3, Profile = Tavolo,
            Years = new Dictionary<int, YearFigures> { [2014] = new() { Citizens = 12, Events = [Meeting(9) with { Citizens = 7 }] } },
        };
        var tavolo = ActivityRules.AsKind(gruppo, ActivityKind.Tavolo);
        var meeting = Assert.Single(tavolo.FiguresFor(2014).Events!);
        Assert.Null(meeting.Citizens);
        Assert.Equal(new DateOnly(2014, 4, 9), meeting.Date);
        Assert.Empty(ActivityRules.Validate(new ActivityRecord { City = "bologna", Kind = ActivityKind.Tavolo, Id = "g" } with { Version = 1, Profile = Tavolo },
            new UpdateYearFigures(2014, tavolo.FiguresFor(2014)), 1, Bologna, _ => null));
    }
}
