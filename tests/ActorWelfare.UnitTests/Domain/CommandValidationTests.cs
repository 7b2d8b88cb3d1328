using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>
/// Each kind of bad input, checked by the pure rules the activity grain applies: an error naming the field (by its
/// label for people, the city's own word for the district field) and the rule. BadCommandTests proves, on a grain,
/// that a refusal changes nothing.
/// </summary>
public sealed class CommandValidationTests
{
    private static readonly Territories.Territory Bologna = ShippedTerritories.All["bologna"];

    private static readonly ActivityProfile Valid = new()
    {
        Name = "Progetto di prova", Quartieri = ["navile"], Zones = ["bolognina"], StartYear = 2024, EndYear = 2025,
        Status = "attivo", PromoterLevel = "quartiere", Activities = ["socialita"], Organisations = [new("odv-1", ["volontari"])],
    };

    private static string? TypeOf(string organisation) => organisation == "odv-1" ? "odv" : null;

    /// <summary>A registered progetto with 2024's figures, version 2, as the grain would hold it.</summary>
    private static ActivityRecord Progetto()
    {
        var record = new ActivityRecord { City = "bologna", Kind = ActivityKind.Progetto, Id = "progetto-1" };
        record = ActivityRules.Apply(record, new RegisterActivity(Valid), TypeOf) with { Version = 1 };
        return ActivityRules.Apply(record, new UpdateYearFigures(2024, new YearFigures { Beneficiaries = 10 }), TypeOf) with { Version = 2 };
    }

    public static TheoryData<string, ActivityCommand, string, string> Cases => new()
    {
        { "negative count", new UpdateYearFigures(2024, new YearFigures { Volunteers = -1 }), "volunteers", "non-negative" },
        { "in carico above total", new UpdateYearFigures(2024, new YearFigures { Beneficiaries = 5, BeneficiariesInCarico = 6 }), "beneficiariesInCarico", "not-above-total" },
        { "unknown quartiere", new MoveToQuartieri(["atlantide"], []), "quartieri", "unknown-id" },
        { "unknown zone", new MoveToQuartieri(["navile"], ["zona-x"]), "zones", "unknown-id" },
        { "zone of another quartiere", new MoveToQuartieri(["navile"], ["pilastro"]), "zones", "in-quartieri" },
        { "unknown taxonomy id", new EditProfile(Valid with { Activities = ["giocoleria"] }), "activities", "unknown-id" },
        { "year outside the span", new UpdateYearFigures(2031, new YearFigures { Beneficiaries = 1 }), "year", "within-span" },
        { "over-long text", new EditProfile(Valid with { Name = new string('x', 201) }), "name", "max-length" },
        { "unregistered organisation", new AddOrganisation(new OrganisationLink("ghost", [])), "organisations.organisationId", "registered" },
        { "unknown status", new ChangeStatus("in-pausa"), "status", "unknown-id" },
        { "figure of another kind", new UpdateYearFigures(2024, new YearFigures { Citizens = 3 }), "citizens", "not-applicable" },
        { "end before start", new EditProfile(Valid with { EndYear = 2020 }), "endYear", "not-before-start" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_refused_naming_field_and_rule(string what, ActivityCommand command, string field, string rule)
    {
        var current = Progetto();
        var verdict = ActivityRules.Judge(current, command, current.Version, Bologna, TypeOf);
        var errors = verdict.Errors;

        Assert.Equal(CommandOutcome.Invalid, verdict.Outcome);
        Assert.True(errors.Any(e => e.Field == field && e.Rule == rule), $"{what}: {string.Join(", ", errors.Select(e => $"{e.Field}/{e.Rule}"))}");
        var error = errors.First(e => e.Field == field);
        // People read the field's label (the city's words for the district field), programs the code.
        var label = FieldLabels.Of(field, Bologna);
        Assert.StartsWith(label.It + ": ", error.MessageIt, StringComparison.Ordinal);
        Assert.StartsWith(label.En + ": ", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_command_has_no_error()
    {
        var current = Progetto();
        Assert.Same(Verdict.Allowed, ActivityRules.Judge(current, new UpdateYearFigures(2024, new YearFigures { Volunteers = 3 }), current.Version, Bologna, TypeOf));
    }

    [Fact]
    public void A_stale_version_is_a_conflict()
    {
        var current = Progetto();
        var verdict = ActivityRules.Judge(current, new ChangeStatus("concluso"), current.Version - 1, Bologna, TypeOf);
        Assert.Equal(CommandOutcome.Conflict, verdict.Outcome);
        var error = Assert.Single(verdict.Errors);
        Assert.Equal(("version", "current-version"), (error.Field, error.Rule));
    }

    [Fact]
    public void A_command_on_a_deleted_activity_is_not_found_and_registering_an_existing_one_is_refused()
    {
        var current = Progetto();
        var deleted = ActivityRules.Apply(current, new DeleteActivity(), TypeOf) with { Version = current.Version + 1 };
        var gone = ActivityRules.Judge(deleted, new RecordMeeting(2024), deleted.Version, Bologna, TypeOf);
        Assert.Equal((CommandOutcome.NotFound, "exists"), (gone.Outcome, Assert.Single(gone.Errors).Rule));
        var twice = ActivityRules.Judge(current, new RegisterActivity(Valid), current.Version, Bologna, TypeOf);
        Assert.Equal((CommandOutcome.Invalid, "new"), (twice.Outcome, Assert.Single(twice.Errors).Rule));
    }
}
