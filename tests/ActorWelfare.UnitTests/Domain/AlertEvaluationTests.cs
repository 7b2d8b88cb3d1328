using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Alerts;
using ActorWelfare.Domain;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>The alert rules on one activity and one day (pure), and the checks on rules and answers.</summary>
public sealed class AlertEvaluationTests
{
    private static readonly AlertRules Rules = AlertRules.Default;

    private static ActivityRecord Activity(ActivityKind kind, int start = 2025, int? end = null, string status = "attivo",
        Dictionary<int, YearFigures>? years = null, bool cityWide = false) => new()
    {
        City = "bologna", Kind = kind, Id = "a1", Version = 3,
        Profile = new() { Name = "Tavolo di prova", Quartieri = cityWide ? [] : ["navile"], StartYear = start, EndYear = end, Status = status, CityWide = cityWide },
        Years = years ?? [],
    };

    private static YearFigures Met(params string[] dates) =>
        new() { Events = [.. dates.Select((d, i) => new MeetingEvent { Id = $"m{i + 1}", Date = DateOnly.Parse(d, CultureInfo.InvariantCulture) })] };

    private static DateOnly D(string day) => DateOnly.Parse(day, CultureInfo.InvariantCulture);

    [Fact]
    public void A_tavolo_is_flagged_on_the_90th_day_after_its_last_meeting_and_the_alert_keeps_its_id_as_days_pass()
    {
        var tavolo = Activity(ActivityKind.Tavolo, years: new() { [2026] = Met("2026-01-05", "2026-01-10") });
        Assert.Empty(AlertEvaluation.For(tavolo, D("2026-04-09"), Rules));
        var first = Assert.Single(AlertEvaluation.For(tavolo, D("2026-04-10"), Rules));
        Assert.Equal((AlertRule.NoMeeting, 90, D("2026-01-10"), 2026), (first.Rule, first.Days, first.Since, first.Year));
        var later = Assert.Single(AlertEvaluation.For(tavolo, D("2026-06-01"), Rules));
        Assert.Equal(first.Id, later.Id);
        Assert.Equal(142, later.Days);
        // A meeting recorded for a later day does not count before it is held.
        var planned = tavolo with { Years = new Dictionary<int, YearFigures> { [2026] = Met("2026-01-10", "2026-09-01") } };
        Assert.Single(AlertEvaluation.For(planned, D("2026-06-01"), Rules));
        // A meeting clears it; a city's own threshold counts.
        Assert.Empty(AlertEvaluation.For(tavolo with { Years = new Dictionary<int, YearFigures> { [2026] = Met("2026-05-20") } }, D("2026-06-01"), Rules));
        Assert.Single(AlertEvaluation.For(tavolo with { Years = new Dictionary<int, YearFigures> { [2026] = Met("2026-05-20") } }, D("2026-06-01"), Rules with { NoMeetingDays = 10 }));
    }

    [Fact]
    public void Without_meetings_this_year_the_days_count_from_the_last_one_or_the_new_year_and_a_reported_total_raises_nothing()
    {
        var lastYear = Activity(ActivityKind.Gruppo, years: new() { [2025] = Met("2025-11-20") });
        var fromLastYear = Assert.Single(AlertEvaluation.For(lastYear, D("2026-02-18"), Rules));
        Assert.Equal((D("2025-11-20"), 90), (fromLastYear.Since, fromLastYear.Days));

        var never = Activity(ActivityKind.Tavolo, start: 2026);
        var meetingsOnly = Rules with { MissingFiguresAfterDays = 365 };
        Assert.Empty(AlertEvaluation.For(never, D("2026-03-31"), meetingsOnly));
        Assert.Equal(D("2026-01-01"), Assert.Single(AlertEvaluation.For(never, D("2026-04-01"), meetingsOnly)).Since);

        // Nothing recorded in any year: counted from its first year, not from each new year (no alert lost at New Year).
        var silent = Activity(ActivityKind.Tavolo, start: 2024);
        var fromStart = Assert.Single(AlertEvaluation.For(silent, D("2026-01-10"), meetingsOnly));
        Assert.Equal((D("2024-01-01"), 740), (fromStart.Since, fromStart.Days));
        // After a year that reported only a total (it met then, nobody knows when): from the new year after it.
        var lastTotal = silent with { Years = new Dictionary<int, YearFigures> { [2025] = new() { Meetings = 6 } } };
        Assert.Empty(AlertEvaluation.For(lastTotal, D("2026-03-31"), meetingsOnly));
        Assert.Equal(D("2026-01-01"), Assert.Single(AlertEvaluation.For(lastTotal, D("2026-04-01"), meetingsOnly)).Since);

        // A year that reports a total (old data, an import of totals) cannot say when it last met.
        var total = Activity(ActivityKind.Tavolo, years: new() { [2026] = new YearFigures { Meetings = 4 } });
        Assert.Empty(AlertEvaluation.For(total, D("2026-12-01"), Rules));
        // Progetti and ended tavoli hold no meetings to miss.
        Assert.DoesNotContain(AlertEvaluation.For(Activity(ActivityKind.Progetto, start: 2026), D("2026-12-01"), Rules), a => a.Rule == AlertRule.NoMeeting);
        Assert.Empty(AlertEvaluation.For(Activity(ActivityKind.Tavolo, status: "concluso", years: new() { [2025] = Met("2025-01-01") }), D("2026-03-01"), Rules));
    }

    [Fact]
    public void A_project_past_its_end_year_still_marked_active_is_flagged_until_its_status_says_ended()
    {
        var project = Activity(ActivityKind.Progetto, start: 2023, end: 2025, years: new() { [2025] = new YearFigures { Beneficiaries = 5 } });
        Assert.Empty(AlertEvaluation.For(project, D("2025-12-31"), Rules));
        var alert = Assert.Single(AlertEvaluation.For(project, D("2026-01-15"), Rules));
        Assert.Equal((AlertRule.EndedStillActive, 2025, "attivo", D("2025-12-31")), (alert.Rule, alert.Year, alert.Status, alert.Since));
        Assert.Empty(AlertEvaluation.For(project with { Profile = project.Profile with { Status = "concluso" } }, D("2026-01-15"), Rules));
        // The city says which statuses mean ended.
        var sospeso = project with { Profile = project.Profile with { Status = "sospeso" } };
        Assert.Single(AlertEvaluation.For(sospeso, D("2026-01-15"), Rules));
        Assert.Empty(AlertEvaluation.For(sospeso, D("2026-01-15"), Rules with { EndedStatuses = ["concluso", "sospeso"] }));
    }

    [Fact]
    public void An_activity_of_this_year_with_no_figures_is_flagged_once_the_year_is_N_days_old()
    {
        var project = Activity(ActivityKind.Progetto, start: 2026);
        Assert.Empty(AlertEvaluation.For(project, D("2026-03-31"), Rules)); // day 90
        var missing = Assert.Single(AlertEvaluation.For(project, D("2026-04-01"), Rules));
        Assert.Equal((AlertRule.MissingFigures, 2026), (missing.Rule, missing.Year));
        Assert.Empty(AlertEvaluation.For(project with { Years = new Dictionary<int, YearFigures> { [2026] = new() { Volunteers = 3 } } }, D("2026-04-01"), Rules));
        // An empty year is as good as none.
        Assert.Single(AlertEvaluation.For(project with { Years = new Dictionary<int, YearFigures> { [2026] = new() } }, D("2026-04-01"), Rules));
        Assert.Single(AlertEvaluation.For(project, D("2026-01-31"), Rules with { MissingFiguresAfterDays = 30 }));
    }

    [Fact]
    public void A_figure_far_above_the_previous_years_is_an_outlier_at_once_and_far_below_once_the_year_is_over()
    {
        var years = new Dictionary<int, YearFigures>
        {
            [2023] = new() { Beneficiaries = 10, Volunteers = 2 },
            [2024] = new() { Beneficiaries = 12, Volunteers = 2 },
            [2025] = new() { Beneficiaries = 11, Volunteers = 2 },
            [2026] = new() { Beneficiaries = 33, Volunteers = 9 },
        };
        var project = Activity(ActivityKind.Progetto, start: 2023, years: years);
        var rise = Assert.Single(AlertEvaluation.For(project, D("2026-02-01"), Rules)); // volunteers 9 is below the minimum of 10
        Assert.Equal((AlertRule.Outlier, "beneficiaries", 33, 11.0, 2026), (rise.Rule, rise.Field, rise.Value, rise.Usual, rise.Year));
        years[2026] = new() { Beneficiaries = 32, Volunteers = 2 };
        Assert.Empty(AlertEvaluation.For(project with { Years = years }, D("2026-02-01"), Rules));

        // A fall: 2025 far below 2022–2024, told in 2026 (the year is over), not while 2025 is under way.
        var falling = Activity(ActivityKind.Progetto, start: 2022, years: new()
        {
            [2022] = new() { Beneficiaries = 30 }, [2023] = new() { Beneficiaries = 30 }, [2024] = new() { Beneficiaries = 30 },
            [2025] = new() { Beneficiaries = 10 }, [2026] = new() { Beneficiaries = 30 },
        });
        Assert.Empty(AlertEvaluation.For(falling, D("2025-12-01"), Rules));
        var fall = Assert.Single(AlertEvaluation.For(falling, D("2026-02-01"), Rules));
        Assert.Equal((2025, 10, 30.0), (fall.Year, fall.Value, fall.Usual));
        // A new value is a new alert (an acknowledged one does not hide it).
        var other = AlertEvaluation.For(falling with { Years = new Dictionary<int, YearFigures>(falling.Years) { [2025] = new() { Beneficiaries = 9 } } }, D("2026-02-01"), Rules);
        Assert.NotEqual(fall.Id, Assert.Single(other).Id);
    }

    [Fact]
    public void Meetings_counted_from_events_are_compared_as_the_figures_count_them()
    {
        var dates = Enumerable.Range(1, 40).Select(i => new DateOnly(2026, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
        var tavolo = Activity(ActivityKind.Tavolo, start: 2024, years: new()
        {
            [2024] = new() { Meetings = 10 }, [2025] = new() { Meetings = 12 }, [2026] = Met(dates),
        });
        var alert = Assert.Single(AlertEvaluation.For(tavolo, D("2026-02-15"), Rules));
        Assert.Equal(("meetings", 40), (alert.Field, alert.Value));
    }

    [Fact]
    public void Only_this_year_s_and_last_year_s_activities_are_looked_at_and_answers_hold_as_they_say()
    {
        var longEnded = Activity(ActivityKind.Progetto, start: 2018, end: 2021);
        Assert.False(AlertEvaluation.InScope(longEnded, D("2026-02-01")));
        Assert.Empty(AlertEvaluation.For(longEnded, D("2026-02-01"), Rules));
        Assert.True(AlertEvaluation.InScope(longEnded, D("2022-02-01")));

        var today = D("2026-05-01");
        Assert.False(AlertEvaluation.Holds(null, today));
        Assert.True(AlertEvaluation.Holds(new AlertAnswer(AlertAnswer.Acknowledged, null, "op", DateTimeOffset.UnixEpoch), today));
        var snoozed = new AlertAnswer(AlertAnswer.Snoozed, D("2026-05-10"), "op", DateTimeOffset.UnixEpoch);
        Assert.True(AlertEvaluation.Holds(snoozed, D("2026-05-09")));
        Assert.False(AlertEvaluation.Holds(snoozed, D("2026-05-10"))); // back among the open ones on its day
    }

    [Fact]
    public void Figures_that_are_0_year_after_year_are_no_outlier()
    {
        var zeros = Activity(ActivityKind.Progetto, start: 2023, years: new()
        {
            [2023] = new() { Volunteers = 0 }, [2024] = new() { Volunteers = 0 }, [2025] = new() { Volunteers = 0 }, [2026] = new() { Volunteers = 0 },
        });
        // Neither a rise in 2026 nor, once 2026 is over, a fall.
        Assert.Empty(AlertEvaluation.For(zeros, D("2026-06-01"), Rules with { OutlierMinimum = 1 }));
        Assert.Empty(AlertEvaluation.For(zeros, D("2027-01-10"), Rules with { OutlierMinimum = 1 }));
        Assert.Equal("alerts.outlierMinimum", Assert.Single(AlertRulesCheck.Check(AlertRules.Default with { OutlierMinimum = 0 }, ShippedTerritories.All["bologna"])).Field);
    }

    [Fact]
    public void Deleted_activities_raise_nothing_and_whole_city_ones_are_the_whole_city_operatori_s()
    {
        Assert.Empty(AlertEvaluation.For(Activity(ActivityKind.Tavolo, start: 2026) with { Deleted = true }, D("2026-12-01"), Rules));
        var cityWide = Assert.Single(AlertEvaluation.For(Activity(ActivityKind.Progetto, start: 2026, cityWide: true), D("2026-12-01"), Rules));
        Assert.Equal([ActivityRecord.WholeCity], cityWide.Quartieri);
        Assert.Equal(["navile"], Assert.Single(AlertEvaluation.For(Activity(ActivityKind.Progetto, start: 2026), D("2026-12-01"), Rules)).Quartieri);
    }

    [Fact]
    public void Nonsense_rules_are_refused_by_field_all_at_once()
    {
        var bologna = ShippedTerritories.All["bologna"];
        Assert.Empty(AlertRulesCheck.Check(AlertRules.Default, bologna));
        var errors = AlertRulesCheck.Check(new AlertRules
        {
            NoMeetingDays = 0, MissingFiguresAfterDays = 400, OutlierFactor = double.NaN, OutlierMinimum = -1, EndedStatuses = ["finito", "concluso", "concluso"],
        }, bologna);
        Assert.Equal(
            ["alerts.noMeetingDays:range", "alerts.missingFiguresAfterDays:range", "alerts.outlierFactor:range", "alerts.outlierMinimum:range",
             "alerts.endedStatuses:unknown-id", "alerts.endedStatuses:duplicate"],
            errors.Select(e => $"{e.Field}:{e.Rule}"));
        Assert.StartsWith("Giorni senza incontri prima dell'avviso:", errors[0].MessageIt);
        Assert.Equal("alerts.outlierFactor", Assert.Single(AlertRulesCheck.Check(AlertRules.Default with { OutlierFactor = 1 }, bologna)).Field);
        Assert.Equal("alerts.endedStatuses", Assert.Single(AlertRulesCheck.Check(AlertRules.Default with { EndedStatuses = [] }, bologna)).Field);
    }

    [Fact]
    public void A_snooze_needs_a_later_day_within_a_year_and_an_acknowledgement_takes_none()
    {
        var today = D("2026-05-01");
        Assert.Empty(AlertRulesCheck.CheckAnswer("ack", null, today));
        Assert.Empty(AlertRulesCheck.CheckAnswer("snooze", D("2026-05-02"), today));
        string Rules(string? answer, DateOnly? until) => string.Join(",", AlertRulesCheck.CheckAnswer(answer, until, today).Select(e => $"{e.Field}:{e.Rule}"));
        Assert.Equal("until:required", Rules("snooze", null));
        Assert.Equal("until:after-today", Rules("snooze", today));
        Assert.Equal("until:max-value", Rules("snooze", today.AddDays(400)));
        Assert.Equal("until:not-applicable", Rules("ack", today.AddDays(3)));
        Assert.Equal("answer:unknown-id", Rules("ignore", null));
        Assert.Equal("answer:required", Rules(null, null));
    }

    [Fact]
    public void The_city_day_is_today_in_the_current_year_else_the_same_day_of_the_city_s_year()
    {
        var now = new DateTimeOffset(2026, 2, 28, 9, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(D("2026-02-28"), CityDay.Today(now, 2026));
        Assert.Equal(D("2019-02-28"), CityDay.Today(now, 2019));
        Assert.Equal(D("2019-02-28"), CityDay.Today(new DateTimeOffset(2028, 2, 29, 9, 0, 0, TimeSpan.Zero), 2019));
        var settings = new Dictionary<string, string?> { ["Cities:crema:CurrentYear"] = "2014", ["Dashboard:Year"] = "2019" };
        Assert.Equal(2014, CityDay.CurrentYear(k => settings.GetValueOrDefault(k), "crema", now));
        Assert.Equal(2019, CityDay.CurrentYear(k => settings.GetValueOrDefault(k), "bologna", now));
        Assert.Equal(2026, CityDay.CurrentYear(_ => null, "bologna", now));
    }
}
