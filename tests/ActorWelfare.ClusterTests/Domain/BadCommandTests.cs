using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>On a grain: a refused command changes nothing (each rule is tested pure in CommandValidationTests).</summary>
/// <remarks>One cluster for the class: each test reads or changes its own records only.</remarks>
public sealed class BadCommandCluster : IAsyncLifetime
{
    public static readonly ActivityProfile Valid = new()
    {
        Name = "Progetto di prova", Quartieri = ["navile"], Zones = ["bolognina"], StartYear = 2024, EndYear = 2025,
        Status = "attivo", PromoterLevel = "quartiere", Activities = ["socialita"], Organisations = [new("odv-1", ["volontari"])],
    };

    public InProcessCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        Cluster = await InProcessCluster.StartAsync(silos: 1);
        await Cluster.Grains.GetGrain<IOrganisationRegistryGrain>("bologna").Register(new Organisation("odv-1", "ODV", "odv"));
        var progetto = Cluster.Grains.Activity("bologna", ActivityKind.Progetto, "progetto-1");
        Assert.Equal(CommandOutcome.Accepted, (await progetto.Execute(new RegisterActivity(Valid), 0)).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await progetto.Execute(new UpdateYearFigures(2024, new YearFigures { Beneficiaries = 10 }), 1)).Outcome);
        // Settled before any test looks: a test that compares the figures' version must see only its own effect.
        var report = await Eventually.LastAsync(Cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", 2024)).Verify, r => r.Equal);
        Assert.True(report.Equal, string.Join("\n", report.Differences));
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class BadCommandTests(BadCommandCluster fixture) : IClassFixture<BadCommandCluster>
{
    private InProcessCluster cluster => fixture.Cluster;
    private IActivityGrain progetto => cluster.Grains.Activity("bologna", ActivityKind.Progetto, "progetto-1");

    [Fact]
    public async Task A_refused_command_changes_nothing_in_the_grain_the_store_or_the_figures()
    {
        // Every rule is tested on the pure rules (CommandValidationTests); here, that a refusal reaches nothing.
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var before = await progetto.Get();
        var indicators = await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024)).GetDocument();

        var result = await progetto.Execute(new UpdateYearFigures(2024, new YearFigures { Volunteers = -1, Beneficiaries = 5, BeneficiariesInCarico = 6 }), before.Version);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal(["beneficiariesInCarico", "volunteers"], result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal(before.Version, (await progetto.Get()).Version);
        Assert.Equal(before.Version, (await cluster.Store.LoadAsync("bologna", ActivityKind.Progetto, "progetto-1"))!.Version);
        Assert.Equal(10, (await progetto.Get()).Years[2024].Beneficiaries);
        Assert.Equal(indicators.Version, (await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024)).GetDocument()).Version);
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
    public async Task A_command_on_a_deleted_activity_is_not_found_and_the_figures_drop_it()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var figures = cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024));
        var deleted = cluster.Grains.Activity("bologna", ActivityKind.Progetto, "progetto-da-cancellare");
        var before = (await figures.GetDocument()).Indicators["PI.TOT"].Value;
        Assert.Equal(CommandOutcome.Accepted, (await deleted.Execute(new RegisterActivity(BadCommandCluster.Valid), 0)).Outcome);
        var counted = await Eventually.ValueAsync(async () => (await figures.GetDocument()).Indicators["PI.TOT"].Value, v => v == before + 1, "the new progetto counted");

        Assert.Equal(CommandOutcome.Accepted, (await deleted.Execute(new DeleteActivity(), 1)).Outcome);
        var result = await deleted.Execute(new RecordMeeting(2024), 2);
        Assert.Equal(CommandOutcome.NotFound, result.Outcome);
        await Eventually.ValueAsync(async () => (await figures.GetDocument()).Indicators["PI.TOT"].Value, v => v == counted - 1, "the deleted progetto no longer counted");
    }
}
