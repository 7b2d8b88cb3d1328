using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Storage;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>
/// Time in the model: a change says from which year it applies, earlier years keep what the activity
/// was then, and every figure of a year reads that year's profile.
/// </summary>
public sealed class DatedProfileTests
{
    private static readonly Territory Bologna = TerritoryFile.LoadAll(Path.Combine(RepoPaths.Root, "deploy", "territories"))["bologna"];
    private static string? Type(string id) => id.StartsWith("ets", StringComparison.Ordinal) ? "odv" : "fondazione";

    private static readonly ActivityProfile Bolognina = new()
    {
        Name = "Tavolo Bolognina", Quartieri = ["navile"], Zones = ["bolognina"], StartYear = 2014, Status = "attivo",
        Coordination = "sst", Themes = ["anziani"], Purposes = ["scambio-informazioni"],
        Organisations = [new("ets-1", ["volontari"], "odv")],
    };

    private static ActivityRecord Tavolo(ActivityProfile? profile = null) => new()
    {
        City = "bologna", Kind = ActivityKind.Tavolo, Id = "tavolo-bolognina", Profile = profile ?? Bolognina, Version = 1,
    };

    private static ActivityRecord Run(ActivityRecord record, ActivityCommand command)
    {
        var errors = ActivityRules.Validate(record, command, record.Version, Bologna, Type);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => e.MessageEn)));
        return ActivityRules.Apply(record, command, Type) with { Version = record.Version + 1 };
    }

    private static IReadOnlyList<string> Organisations(ActivityRecord r, int year) =>
        [.. (r.ProfileFor(year).Organisations ?? []).Select(o => o.OrganisationId)];

    [Fact]
    public void An_organisation_added_from_2020_is_there_from_2020_and_2019_keeps_its_own()
    {
        var after = Run(Tavolo(), new AddOrganisation(new OrganisationLink("ets-2", ["spazi"]), 2020));

        Assert.Equal(["ets-1"], Organisations(after, 2019));
        Assert.Equal(["ets-1"], Organisations(after, 2014));
        Assert.Equal(["ets-1", "ets-2"], Organisations(after, 2020));
        Assert.Equal(["ets-1", "ets-2"], Organisations(after, 2031));
        // Two periods, not one per year; the current profile is the latest.
        Assert.Equal([2019], after.ProfilesUntil.Keys);
        Assert.Equal(["ets-1", "ets-2"], (after.Profile.Organisations ?? []).Select(o => o.OrganisationId));
        // The figures follow: TP.ODT counts the new organisation from 2020 only.
        Assert.Equal(ContributionVector.For(Tavolo(), 2019, Bologna), ContributionVector.For(after, 2019, Bologna));
        Assert.Equal(1, ContributionVector.For(after, 2020, Bologna)!["*|TP.ODT|d:|ets-2"]);
        Assert.Equal([2020, 2021], DatedProfile.ChangedYears(Tavolo(), after, [2018, 2019, 2020, 2021]));
    }

    [Fact]
    public void A_move_in_2021_leaves_2019_counted_where_it_was()
    {
        var after = Run(Tavolo(), new MoveToQuartieri(["savena"], ["mazzini"], 2021));

        var v2019 = ContributionVector.For(after, 2019, Bologna)!;
        var v2021 = ContributionVector.For(after, 2021, Bologna)!;
        Assert.Equal(1, v2019["navile|TP.TOT|v"]);
        Assert.False(v2019.ContainsKey("savena|TP.TOT|v"));
        Assert.Equal(1, v2021["savena|TP.TOT|v"]);
        Assert.False(v2021.ContainsKey("navile|TP.TOT|v"));
        // The independent recomputation agrees year by year.
        foreach (var year in new[] { 2019, 2020, 2021, 2022 })
        {
            var totals = new IndicatorTotals();
            totals.Apply(ContributionVector.For(after, year, Bologna), +1);
            Assert.Equal(ActivityJson.Write(IndicatorRecomputation.Compute(Bologna, year, [after])),
                ActivityJson.Write(totals.ToDocument(Bologna, year, 0, DateTimeOffset.UnixEpoch)));
        }
    }

    [Fact]
    public void A_form_edit_from_a_year_changes_only_the_fields_edited_in_the_following_years()
    {
        // 2019: themes anziani. From 2021 the tavolo also works on adolescenti.
        var dated = Run(Tavolo(), new EditProfile(Bolognina with { Themes = ["anziani", "adolescenti"] }, 2021));
        // Edited as seen in 2019, from 2020: purposes change; themes of 2021 keep adolescenti.
        var edit = dated.ProfileFor(2019) with { Purposes = ["co-progettazione"], Name = "Tavolo Bolognina e Lame" };
        var after = Run(dated, new SaveActivity(edit, 2019, YearFigures.Empty, 2020));

        Assert.Equal(["scambio-informazioni"], after.ProfileFor(2019).Purposes);
        Assert.Equal(["co-progettazione"], after.ProfileFor(2020).Purposes);
        Assert.Equal(["co-progettazione"], after.ProfileFor(2022).Purposes);
        Assert.Equal(["anziani"], after.ProfileFor(2020).Themes);
        Assert.Equal(["anziani", "adolescenti"], after.ProfileFor(2022).Themes);
        // The name holds for every year.
        Assert.All(new[] { 2014, 2019, 2020, 2030 }, y => Assert.Equal("Tavolo Bolognina e Lame", after.ProfileFor(y).Name));
        Assert.Equal(["purposes"], DatedFields.Different(after.ProfileFor(2019), after.ProfileFor(2020)));
    }

    [Fact]
    public void Changes_back_to_what_an_earlier_period_was_merge_the_periods_again()
    {
        var changed = Run(Tavolo(), new ChangeStatus("in-attivazione", 2020));
        Assert.Single(changed.ProfilesUntil);
        var back = Run(changed, new ChangeStatus("attivo", 2020));
        Assert.Empty(back.ProfilesUntil);
    }

    [Fact]
    public void A_change_for_some_years_only_keeps_the_years_after_them()
    {
        var after = Run(Tavolo(), new EditProfile(Bolognina with { Status = "in-attivazione" }, 2014, 2015));
        Assert.Equal("in-attivazione", after.ProfileFor(2014).Status);
        Assert.Equal("in-attivazione", after.ProfileFor(2015).Status);
        Assert.Equal("attivo", after.ProfileFor(2016).Status);
        Assert.Equal("attivo", after.Profile.Status);
    }

    [Fact]
    public void A_change_without_a_year_applies_to_the_whole_span()
    {
        var dated = Run(Tavolo(), new AddOrganisation(new OrganisationLink("ets-2", []), 2020));
        var whole = Run(dated, new RemoveOrganisation("ets-1"));
        Assert.Empty(Organisations(whole, 2015));
        Assert.Equal(["ets-2"], Organisations(whole, 2020));
    }

    [Fact]
    public void Bad_years_are_refused_naming_the_field_the_year_and_the_rule()
    {
        var outside = ActivityRules.Validate(Tavolo(), new ChangeStatus("concluso", 2010), 1, Bologna, Type);
        Assert.Equal(("fromYear", "within-span"), (outside.Single().Field, outside.Single().Rule));
        Assert.Contains("2010", outside.Single().MessageEn);

        // Porto ended with the 2016 reorganisation: a move there from 2019 names the quartiere, the year and the rule.
        var porto = ActivityRules.Validate(Tavolo(), new MoveToQuartieri(["porto"], [], 2019), 1, Bologna, Type);
        Assert.Equal(("quartieri", "existed-that-year"), (porto.Single().Field, porto.Single().Rule));
        Assert.Contains("Porto", porto.Single().MessageIt);
        Assert.Contains("2019", porto.Single().MessageIt);
        Assert.Contains("Porto-Saragozza", porto.Single().MessageIt);

        var until = ActivityRules.Validate(Tavolo(), new EditProfile(Bolognina, 2019, 2018), 1, Bologna, Type);
        Assert.Equal(("untilYear", "not-before-from"), (until.Single().Field, until.Single().Rule));
    }

    [Fact]
    public void A_2015_activity_is_recorded_in_the_quartieri_of_2015_and_a_merged_one_did_not_exist_then()
    {
        var record = new ActivityRecord { City = "bologna", Kind = ActivityKind.Gruppo, Id = "gruppo-2015" };
        var gruppo = new ActivityProfile { Name = "Gruppo del 2015", Quartieri = ["porto"], Zones = ["saffi"], StartYear = 2015, EndYear = 2015, Status = "concluso" };
        Assert.Empty(ActivityRules.Validate(record, new RegisterActivity(gruppo), 0, Bologna, Type));

        var merged = ActivityRules.Validate(record, new RegisterActivity(gruppo with { Quartieri = ["porto-saragozza"], Zones = [] }), 0, Bologna, Type);
        Assert.Equal(("quartieri", "existed-that-year"), (merged.Single().Field, merged.Single().Rule));

        // Running on past 2015 in a quartiere that ended then is refused for 2016; by year it is accepted.
        var ongoing = gruppo with { EndYear = null, Status = "attivo" };
        Assert.Contains(ActivityRules.Validate(record, new RegisterActivity(ongoing), 0, Bologna, Type), e => e.Rule == "existed-that-year" && e.MessageEn.Contains("2016"));
        var byYear = new RegisterActivity(ongoing with { Quartieri = ["porto-saragozza"], Zones = ["saffi"] }, new Dictionary<int, ActivityProfile> { [2015] = ongoing });
        Assert.Empty(ActivityRules.Validate(record, byYear, 0, Bologna, Type));
        var registered = ActivityRules.Apply(record, byYear, Type) with { Version = 1 };
        Assert.Equal(["porto"], registered.ProfileFor(2015).Quartieri);
        Assert.Equal(["porto-saragozza"], registered.ProfileFor(2016).Quartieri);

        // The figures of 2015 are those of the nine quartieri of 2015.
        Assert.Equal(9, Bologna.QuartieriIn(2015).Count);
        Assert.Equal(6, Bologna.QuartieriIn(2016).Count);
        var doc2015 = IndicatorRecomputation.Compute(Bologna, 2015, [registered]);
        Assert.Equal(1.0, doc2015.Quartieri["porto"]["GC.TOT"].Value);
        Assert.False(doc2015.Quartieri.ContainsKey("porto-saragozza"));
        Assert.Equal(1.0, IndicatorRecomputation.Compute(Bologna, 2016, [registered]).Quartieri["porto-saragozza"]["GC.TOT"].Value);
    }

    [Fact]
    public void An_old_record_changed_from_today_is_not_blocked_by_its_years_before_a_reorganisation()
    {
        // Stored before dated profiles: porto-saragozza for every year since 2014 (as the migration leaves it).
        var old = Tavolo(Bolognina with { Quartieri = ["porto-saragozza"], Zones = [] });
        var after = Run(old, new AddOrganisation(new OrganisationLink("ets-2", []), 2019));
        Assert.Equal(["ets-1", "ets-2"], Organisations(after, 2019));
        // A change of the whole span must say where it was before 2016.
        Assert.Contains(ActivityRules.Validate(old, new ChangeStatus("concluso"), 1, Bologna, Type), e => e.Rule == "existed-that-year");
    }

    [Fact]
    public void A_record_stored_before_dated_profiles_reads_as_one_profile_for_every_year()
    {
        var json = ActivityJson.Write(Tavolo());
        var old = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        old.Remove("profilesUntil");
        var read = ActivityJson.ReadRecord(old.ToJsonString());
        Assert.Empty(read.ProfilesUntil);
        Assert.All(new[] { 2014, 2019, 2025 }, y => Assert.Equal(["ets-1"], Organisations(read, y)));
        Assert.Equal(json, ActivityJson.Write(read));
    }

    [Fact]
    public void Changing_kind_keeps_what_the_activity_was_in_each_year()
    {
        var dated = Run(Tavolo(), new AddOrganisation(new OrganisationLink("ets-2", []), 2020));
        var gruppo = ActivityRules.AsKind(dated, ActivityKind.Gruppo);
        Assert.Equal(["ets-1"], Organisations(gruppo, 2019));
        Assert.Equal(["ets-1", "ets-2"], Organisations(gruppo, 2020));
    }

    [Fact]
    public void Setting_the_last_year_changes_only_the_years_after_it()
    {
        var ended = Tavolo() with { Profile = Bolognina with { EndYear = 2024 } };
        Assert.Equal([2025, 2026], DatedProfile.ChangedYears(Tavolo(), ended, Enumerable.Range(2014, 13)));
    }

    [Fact]
    public void A_form_sending_no_for_not_reported_or_an_empty_list_for_none_changes_no_later_year()
    {
        var progetto = new ActivityProfile
        {
            Name = "P", Quartieri = ["navile"], StartYear = 2019, Status = "attivo", PromoterLevel = "quartiere", FromPdzLab = null, Activities = null,
        };
        var record = new ActivityRecord { City = "bologna", Kind = ActivityKind.Progetto, Id = "p", Profile = progetto, Version = 1 };
        var dated = Run(record, new EditProfile(progetto with { FromPdzLab = true, NeedArea = Bologna.Taxonomies.NeedAreas[0].Id, Activities = ["socialita"] }, 2021));
        // The form shows 2019 and sends false and [] where 2019 has null; only the status is changed, from 2019.
        var after = Run(dated, new SaveActivity(progetto with { FromPdzLab = false, Activities = [], Status = "in-attivazione" }, 2019, YearFigures.Empty, 2019));
        Assert.True(after.ProfileFor(2021).FromPdzLab);
        Assert.Equal(["socialita"], after.ProfileFor(2021).Activities);
        Assert.Equal("in-attivazione", after.ProfileFor(2021).Status);
    }

    [Fact]
    public void New_functions_of_an_organisation_do_not_bring_it_back_where_it_was_removed()
    {
        var removed = Run(Tavolo(), new RemoveOrganisation("ets-1", 2021));
        var edit = removed.ProfileFor(2019) with { Organisations = [new("ets-1", ["volontari", "spazi"], "odv")] };
        var after = Run(removed, new EditProfile(edit, 2019));
        Assert.Equal(["volontari", "spazi"], after.ProfileFor(2020).Organisations!.Single().Functions);
        Assert.Empty(Organisations(after, 2021));
    }

    [Fact]
    public void Adding_an_organisation_that_a_later_year_has_adds_its_functions_there_and_keeps_that_years()
    {
        var later = Run(Tavolo(), new AddOrganisation(new OrganisationLink("ets-2", ["spazi"]), 2021));
        var after = Run(later, new AddOrganisation(new OrganisationLink("ets-2", ["volontari"]), 2019));
        Assert.Equal(["volontari"], after.ProfileFor(2019).Organisations!.Single(o => o.OrganisationId == "ets-2").Functions);
        Assert.Equal(["spazi", "volontari"], after.ProfileFor(2021).Organisations!.Single(o => o.OrganisationId == "ets-2").Functions);
    }

    [Fact]
    public void Every_period_a_change_produces_is_checked_with_every_rule()
    {
        // From 2021 the progetto is not from the PdZ workshops; an edit of 2019 from 2019 gives it a need area,
        // which 2021 cannot have: refused, naming the rule and the year.
        var progetto = new ActivityProfile { Name = "P", Quartieri = ["navile"], StartYear = 2019, Status = "attivo", FromPdzLab = true };
        var record = new ActivityRecord { City = "bologna", Kind = ActivityKind.Progetto, Id = "p", Profile = progetto, Version = 1 };
        var dated = Run(record, new EditProfile(progetto with { FromPdzLab = false }, 2021));
        var errors = ActivityRules.Validate(dated, new EditProfile(progetto with { NeedArea = Bologna.Taxonomies.NeedAreas[0].Id }, 2019), 2, Bologna, Type);
        var error = Assert.Single(errors);
        Assert.Equal(("needArea", "pdz-only"), (error.Field, error.Rule));
        Assert.Contains("2021", error.MessageEn);
    }

    [Fact]
    public void An_operatore_cannot_rewrite_the_years_an_activity_spent_in_another_quartiere()
    {
        var moved = Run(Tavolo(), new MoveToQuartieri(["savena"], [], 2021));
        var savena = ActorWelfare.Access.Caller.InCity("op", "bologna", ["operatore"], "savena");
        var fromNow = ActivityRules.Apply(moved, new ChangeStatus("concluso", 2022), Type) with { Version = 3 };
        Assert.Null(AccessRule.YearsRefusal(savena, moved, fromNow, Bologna));
        var past = ActivityRules.Apply(moved, new ChangeStatus("concluso", 2019), Type) with { Version = 3 };
        Assert.Equal(("quartieri", "assigned"), (AccessRule.YearsRefusal(savena, moved, past, Bologna)!.Field, AccessRule.YearsRefusal(savena, moved, past, Bologna)!.Rule));
    }

    [Fact]
    public void A_bad_profile_of_one_year_names_that_year()
    {
        var record = new ActivityRecord { City = "bologna", Kind = ActivityKind.Tavolo, Id = "t" };
        var register = new RegisterActivity(Bolognina, new Dictionary<int, ActivityProfile> { [2015] = Bolognina with { Themes = ["astrologia"] } });
        var error = Assert.Single(ActivityRules.Validate(record, register, 0, Bologna, Type));
        Assert.Equal(("byYear.2015.themes", "unknown-id"), (error.Field, error.Rule));
        Assert.Contains("2015", error.MessageIt);
    }

    [Fact]
    public void A_save_edits_the_profile_of_the_year_the_form_showed_even_when_the_figures_year_moved()
    {
        var dated = Run(Tavolo(), new EditProfile(Bolognina with { Themes = ["adolescenti"] }, 2019));
        // Shown: 2021 (adolescenti). The person ends the activity in 2018; the figures' year moves to 2018.
        var shown = dated.ProfileFor(2021) with { EndYear = 2018 };
        var after = Run(dated, new SaveActivity(shown, 2018, YearFigures.Empty, 2018, null, 2021));
        Assert.Equal(["anziani"], after.ProfileFor(2018).Themes);
        Assert.Equal(2018, after.Profile.EndYear);
    }
}
