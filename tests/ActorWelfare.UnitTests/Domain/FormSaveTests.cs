using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>
/// The staff form's save is one command: the profile and the year's figures are stored together, or
/// nothing is and every problem of both is reported at once.
/// </summary>
public sealed class FormSaveTests
{
    private static readonly Territory Bologna = TerritoryFile.LoadAll(Path.Combine(RepoPaths.Root, "deploy", "territories"))["bologna"];
    private static string? NoOrganisations(string id) => null;

    private static readonly ActivityProfile Tavolo = new()
    {
        Name = "Tavolo di via", Quartieri = ["navile"], Zones = [], StartYear = 2019, Status = "attivo",
        Coordination = "sst", Themes = ["anziani"], Purposes = ["scambio-informazioni"],
    };

    private static ActivityRecord New => new() { City = "bologna", Kind = ActivityKind.Tavolo, Id = "tavolo-di-via" };

    [Fact]
    public void A_new_activity_is_registered_with_its_figures_in_one_version()
    {
        var save = new SaveActivity(Tavolo, 2019, new YearFigures { Meetings = 7 });
        Assert.Empty(ActivityRules.Validate(New, save, 0, Bologna, NoOrganisations));

        var saved = ActivityRules.Apply(New, save, NoOrganisations);

        Assert.False(saved.Deleted);
        Assert.Equal("Tavolo di via", saved.Profile.Name);
        Assert.Equal(7, saved.FiguresFor(2019).Meetings);
        Assert.Equal([2019], saved.Years.Keys);
    }

    [Fact]
    public void Problems_of_the_profile_and_of_the_figures_are_reported_together()
    {
        // No name, and figures for a year outside the activity's span, and a negative count.
        var save = new SaveActivity(Tavolo with { Name = "", EndYear = 2019 }, 2026, new YearFigures { Meetings = -1 });

        var errors = ActivityRules.Validate(New, save, 0, Bologna, NoOrganisations);

        Assert.Contains(errors, e => e.Field == "name" && e.Rule == "required");
        Assert.Contains(errors, e => e.Field == "year" && e.Rule == "within-span");
        Assert.Contains(errors, e => e.Field == "meetings" && e.Rule == "non-negative");
    }

    [Fact]
    public void An_existing_activity_takes_its_new_profile_and_figures_and_keeps_other_years()
    {
        var first = ActivityRules.Apply(New, new SaveActivity(Tavolo, 2019, new YearFigures { Meetings = 3 }), NoOrganisations) with { Version = 1 };
        var save = new SaveActivity(Tavolo with { Name = "Tavolo di via Libia" }, 2020, new YearFigures { Meetings = 5 });
        Assert.Empty(ActivityRules.Validate(first, save, 1, Bologna, NoOrganisations));

        var saved = ActivityRules.Apply(first, save, NoOrganisations);

        Assert.Equal("Tavolo di via Libia", saved.Profile.Name);
        Assert.Equal(3, saved.FiguresFor(2019).Meetings);
        Assert.Equal(5, saved.FiguresFor(2020).Meetings);
    }

    [Fact]
    public void A_save_with_no_figures_for_a_year_without_figures_adds_no_year()
    {
        var saved = ActivityRules.Apply(New, new SaveActivity(Tavolo, 2019, YearFigures.Empty), NoOrganisations);
        Assert.Empty(saved.Years);
    }

    [Fact]
    public void A_save_against_an_older_version_is_a_conflict()
    {
        var first = ActivityRules.Apply(New, new SaveActivity(Tavolo, 2019, YearFigures.Empty), NoOrganisations) with { Version = 2 };
        var errors = ActivityRules.Validate(first, new SaveActivity(Tavolo, 2019, YearFigures.Empty), 1, Bologna, NoOrganisations);
        Assert.Equal("current-version", Assert.Single(errors).Rule);
    }
}
