using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>
/// The grains enforce the access rule themselves, from the caller handed down in the request
/// context: role × action × own or other quartiere. A refusal changes nothing.
/// </summary>
public sealed class GrainAccessTests : IAsyncLifetime
{
    private InProcessCluster cluster = null!;

    private static Caller Person(string role, params string[] quartieri) =>
        new($"user-{role}", role, new HashSet<string> { role }, quartieri.Select(q => $"bologna/{q}").ToHashSet());

    private static readonly ActivityProfile Navile = new()
    {
        Name = "Gruppo di Navile", Quartieri = ["navile"], StartYear = 2024, Status = "attivo", Themes = ["anziani"],
    };

    public async Task InitializeAsync()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        cluster = await InProcessCluster.StartAsync(silos: 1);
        // Set up by the system (no caller): the silo's own loader is trusted.
        await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-navile").Execute(new RegisterActivity(Navile), 0);
        await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-savena")
            .Execute(new RegisterActivity(Navile with { Name = "Gruppo di Savena", Quartieri = ["savena"] }), 0);
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    /// <summary>Runs a command as <paramref name="caller"/> and checks what changed.</summary>
    private async Task<CommandResult> AsCallerAsync(Caller caller, string id, ActivityCommand command)
    {
        var grain = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, id);
        var version = (await grain.Get()).Version; // read as the system
        return await Task.Run(async () =>
        {
            Caller.HandDown(caller);
            return await grain.Execute(command, version);
        });
    }

    public static TheoryData<string, string, bool> Matrix => new()
    {
        // role, activity, may write
        { Roles.Operatore, "g-navile", true },
        { Roles.Operatore, "g-savena", false },
        { Roles.Direttore, "g-navile", false },
        { Roles.Analista, "g-navile", false },
        { Roles.Amministratore, "g-navile", false },
        { "", "g-navile", false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Recording_a_meeting_follows_the_role_and_the_assigned_quartieri(string role, string activity, bool allowed)
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var caller = role == "" ? Caller.Anonymous : Person(role, "navile");
        var before = await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, activity).Get();
        var doc = await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024)).GetDocument();

        var result = await AsCallerAsync(caller, activity, new RecordMeeting(2024));

        var after = await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, activity).Get();
        if (allowed)
        {
            Assert.Equal(CommandOutcome.Accepted, result.Outcome);
            Assert.Equal(before.Version + 1, after.Version);
            Assert.Equal("user-operatore", after.UpdatedBy); // the audit names the caller, not what the client claimed
        }
        else
        {
            Assert.Equal(CommandOutcome.Forbidden, result.Outcome);
            Assert.Contains(result.Errors, e => e.Rule is "operatore" or "assigned");
            Assert.Equal(before.Version, after.Version);
            var unchanged = await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024)).GetDocument();
            Assert.Equal(doc.Version, unchanged.Version);
        }
    }

    [Fact]
    public async Task An_operator_cannot_move_an_activity_into_a_quartiere_not_assigned()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var result = await AsCallerAsync(Person(Roles.Operatore, "navile"), "g-navile", new MoveToQuartieri(["navile", "savena"], []));
        Assert.Equal(CommandOutcome.Forbidden, result.Outcome);
        Assert.Equal(("quartieri", "assigned"), (result.Errors[0].Field, result.Errors[0].Rule));
        Assert.Equal(["navile"], (await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-navile").Get()).Profile.Quartieri);
    }

    [Fact]
    public async Task An_operator_of_both_quartieri_can_register_an_activity_spanning_them()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var result = await AsCallerAsync(Person(Roles.Operatore, "navile", "savena"), "g-both",
            new RegisterActivity(Navile with { Quartieri = ["navile", "savena"] }));
        Assert.Equal(CommandOutcome.Accepted, result.Outcome);
    }

    [Fact]
    public async Task Activity_records_need_a_signed_in_caller_but_any_role_may_read_them()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var grain = cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-savena");
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Task.Run(async () =>
        {
            Caller.HandDown(Caller.Anonymous);
            return await grain.Get();
        }));
        var read = await Task.Run(async () =>
        {
            Caller.HandDown(Person(Roles.Direttore));
            return await grain.Get();
        });
        Assert.Equal("Gruppo di Savena", read.Profile.Name);
    }

    [Fact]
    public async Task Only_operators_and_administrators_add_organisations_to_the_registry()
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var registry = cluster.Grains.GetGrain<IOrganisationRegistryGrain>("bologna");
        var byDirector = await Task.Run(async () =>
        {
            Caller.HandDown(Person(Roles.Direttore));
            return await registry.Register(new Organisation("odv-x", "ODV X", "odv"));
        });
        var byOperator = await Task.Run(async () =>
        {
            Caller.HandDown(Person(Roles.Operatore, "navile"));
            return await registry.Register(new Organisation("odv-y", "ODV Y", "odv"));
        });
        Assert.Equal(CommandOutcome.Forbidden, byDirector.Outcome);
        Assert.Equal(CommandOutcome.Accepted, byOperator.Outcome);
        Assert.Equal(["odv-y"], (await registry.List()).Select(o => o.Id));
    }

    [Fact]
    public async Task Organisations_are_added_by_the_citys_own_operatori_and_renamed_by_administrators_only()
    {
        InProcessCluster.AsSystem(); // the test reads as the cluster's own work
        var crema = cluster.Grains.GetGrain<IOrganisationRegistryGrain>("crema");
        var bologna = cluster.Grains.GetGrain<IOrganisationRegistryGrain>("bologna");
        Task<OrganisationResult> As(Caller caller, IOrganisationRegistryGrain registry, Organisation o) =>
            Task.Run(async () => { Caller.HandDown(caller); return await registry.Register(o); });

        // A Bologna operatore cannot add to Crema's registry; Crema's can.
        var elsewhere = await As(Person(Roles.Operatore, "navile"), crema, new Organisation("odv-crema", "ODV Crema", "odv"));
        Assert.Equal(CommandOutcome.Forbidden, elsewhere.Outcome);
        Assert.Equal(("city", "own-city"), (elsewhere.Errors[0].Field, elsewhere.Errors[0].Rule));
        var cremasco = new Caller("op-crema", "Operatore di Crema", new HashSet<string> { Roles.Operatore }, new HashSet<string> { "crema/zona-1" });
        Assert.Equal(CommandOutcome.Accepted, (await As(cremasco, crema, new Organisation("odv-crema", "ODV Crema", "odv"))).Outcome);
        Assert.Empty(await bologna.List());

        // Renaming is the administrators': an operatore's rename is refused and changes nothing.
        var renamed = await As(cremasco, crema, new Organisation("odv-crema", "ODV Cremasca", "odv"));
        Assert.Equal(("name", "amministratore"), (renamed.Errors[0].Field, renamed.Errors[0].Rule));
        Assert.Equal("ODV Crema", (await crema.List()).Single().Name);
        Assert.Equal(CommandOutcome.Accepted, (await As(Person(Roles.Amministratore), crema, new Organisation("odv-crema", "ODV Cremasca", "odv"))).Outcome);
        Assert.Equal("ODV Cremasca", (await crema.List()).Single().Name);

        // The addition and the rename are administrative acts, recorded with who and before → after; refusals are not.
        Assert.Equal(
            [("organisation-registered", "Operatore di Crema", null, "ODV Crema (odv)"), ("organisation-renamed", Person(Roles.Amministratore).Name, "ODV Crema (odv)", "ODV Cremasca (odv)")],
            cluster.AdminActs.Acts.Where(a => a.City == "crema").Select(a => (a.Action, a.ActorName, a.Before, a.After)));
    }

    [Fact]
    public async Task A_deleted_activitys_id_stays_with_its_quartiere_and_registering_it_again_starts_with_no_figures()
    {
        InProcessCluster.AsSystem(); // the test reads as the cluster's own work
        var navile = Person(Roles.Operatore, "navile");
        var savena = Person(Roles.Operatore, "savena");
        Assert.Equal(CommandOutcome.Accepted, (await AsCallerAsync(navile, "g-navile", new UpdateYearFigures(2024, new YearFigures { Meetings = 9 }))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await AsCallerAsync(navile, "g-navile", new DeleteActivity())).Outcome);

        // Savena's operatore cannot take the id over, even for Savena.
        var takeover = await AsCallerAsync(savena, "g-navile", new RegisterActivity(Navile with { Name = "Preso", Quartieri = ["savena"] }));
        Assert.Equal(CommandOutcome.Forbidden, takeover.Outcome);
        Assert.Equal(("quartieri", "assigned"), (takeover.Errors[0].Field, takeover.Errors[0].Rule));

        // Navile's registers it again: a new activity, without the deleted one's figures.
        var again = await AsCallerAsync(navile, "g-navile", new RegisterActivity(Navile with { Name = "Di nuovo" }));
        Assert.Equal(CommandOutcome.Accepted, again.Outcome);
        Assert.Empty(again.Record.Years);
        Assert.Null(again.Record.FiguresFor(2024).Meetings);
    }
}
