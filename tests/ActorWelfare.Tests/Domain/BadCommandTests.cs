using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>Each kind of bad input gets an error naming field and rule, and changes nothing.</summary>
public sealed class BadCommandTests : IAsyncLifetime
{
    private InProcessCluster cluster = null!;
    private IActivityGrain progetto = null!;

    private static readonly ActivityProfile Valid = new()
    {
        Name = "Progetto di prova", Quartieri = ["navile"], Zones = ["bolognina"], StartYear = 2024, EndYear = 2025,
        Status = "attivo", PromoterLevel = "quartiere", Activities = ["socialita"], Organisations = [new("odv-1", ["volontari"])],
    };

    public async Task InitializeAsync()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        cluster = await InProcessCluster.StartAsync(silos: 1);
        await cluster.Grains.GetGrain<IOrganisationRegistryGrain>("bologna").Register(new Organisation("odv-1", "ODV", "odv"));
        progetto = cluster.Grains.Activity("bologna", ActivityKind.Progetto, "progetto-1");
        Assert.Equal(CommandOutcome.Accepted, (await progetto.Execute(new RegisterActivity(Valid), 0)).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await progetto.Execute(new UpdateYearFigures(2024, new YearFigures { Beneficiaries = 10 }), 1)).Outcome);
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

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
    public async Task Is_refused_naming_field_and_rule_and_changes_nothing(string what, ActivityCommand command, string field, string rule)
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var before = await progetto.Get();
        var indicators = await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024)).GetDocument();

        var result = await progetto.Execute(command, before.Version);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Errors, e => e.Field == field && e.Rule == rule);
        var error = result.Errors.First(e => e.Field == field);
        // People read the field's label (the city's words for the district field), programs the code.
        var label = FieldLabels.Of(field, InProcessCluster.Territories["bologna"]);
        Assert.StartsWith(label.It + ": ", error.MessageIt);
        Assert.StartsWith(label.En + ": ", error.MessageEn);
        Assert.Equal(before.Version, (await progetto.Get()).Version);
        Assert.Equal(before.Version, (await cluster.Store.LoadAsync("bologna", ActivityKind.Progetto, "progetto-1"))!.Version);
        Assert.Equal(indicators.Version, (await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024)).GetDocument()).Version);
        Assert.NotEmpty(what);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_changes_nothing()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var before = await progetto.Get();
        var result = await progetto.Execute(new ChangeStatus("concluso"), before.Version - 1);
        Assert.Equal(CommandOutcome.Conflict, result.Outcome);
        Assert.Equal(("version", "current-version"), (result.Errors[0].Field, result.Errors[0].Rule));
        Assert.Equal("attivo", (await progetto.Get()).Profile.Status);
    }

    [Fact]
    public async Task An_organisation_of_unknown_type_is_refused_by_the_registry()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var registry = cluster.Grains.GetGrain<IOrganisationRegistryGrain>("bologna");
        var result = await registry.Register(new Organisation("club-1", "Club", "club-segreto"));
        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal(("type", "unknown-id"), (result.Errors[0].Field, result.Errors[0].Rule));
        Assert.DoesNotContain(await registry.List(), o => o.Id == "club-1");
    }

    [Fact]
    public async Task An_organisation_named_with_markup_or_nothing_is_refused_with_every_problem_and_nothing_changes()
    {
        InProcessCluster.AsSystem();
        var registry = cluster.Grains.GetGrain<IOrganisationRegistryGrain>("bologna");
        var markup = await registry.Register(new Organisation("club-2", "<b>Club</b>", "club-segreto"));
        Assert.Equal(CommandOutcome.Invalid, markup.Outcome);
        Assert.Equal([("name", "no-markup"), ("type", "unknown-id")], markup.Errors.Select(e => (e.Field, e.Rule)));
        Assert.StartsWith("Nome", markup.Errors[0].MessageIt);
        var empty = await registry.Register(new Organisation("club-3", " ", "odv"));
        Assert.Equal(("name", "required"), (empty.Errors.Single().Field, empty.Errors.Single().Rule));
        Assert.DoesNotContain(await registry.List(), o => o.Id is "club-2" or "club-3");
    }

    [Fact]
    public async Task A_command_on_a_deleted_activity_is_not_found()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var v = (await progetto.Get()).Version;
        Assert.Equal(CommandOutcome.Accepted, (await progetto.Execute(new DeleteActivity(), v)).Outcome);
        var result = await progetto.Execute(new RecordMeeting(2024), v + 1);
        Assert.Equal(CommandOutcome.NotFound, result.Outcome);
        var doc = await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024)).GetDocument();
        Assert.Equal(0, doc.Indicators["PI.TOT"].Value);
    }
}
