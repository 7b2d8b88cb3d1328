using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Quartieri;
using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Years;
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
        Caller.InCity($"user-{role}", "bologna", [role], quartieri);

    private static readonly ActivityProfile Navile = new()
    {
        Name = "Gruppo di Navile", Quartieri = ["navile"], StartYear = 2024, Status = "attivo", Themes = ["anziani"],
    };

    // A cluster per test: refusals are checked to change nothing, against a city no other test has touched.
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
            CallerContext.HandDown(caller);
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

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Recording_and_removing_a_meeting_with_its_date_follow_the_same_rule(string role, string activity, bool allowed)
    {
        InProcessCluster.AsSystem(); // the test sets up and reads as the cluster's own work
        var caller = role == "" ? Caller.Anonymous : Person(role, "navile");
        var before = await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, activity).Get();

        var result = await AsCallerAsync(caller, activity, new RecordEvent(new MeetingEvent { Date = new DateOnly(2024, 6, 12), Citizens = 9 }));

        if (!allowed)
        {
            Assert.Equal(CommandOutcome.Forbidden, result.Outcome);
            Assert.Equal(before.Version, (await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, activity).Get()).Version);
            return;
        }
        var recorded = Assert.Single(result.Record.FiguresFor(2024).Events!);
        Assert.Equal((new DateOnly(2024, 6, 12), 9), (recorded.Date, recorded.Citizens));
        var removed = await AsCallerAsync(caller, activity, new RemoveEvent(2024, recorded.Id)); // leaves the year as the other tests expect it
        Assert.Equal(CommandOutcome.Accepted, removed.Outcome);
        Assert.Empty(removed.Record.FiguresFor(2024).Events!);
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
            CallerContext.HandDown(Caller.Anonymous);
            return await grain.Get();
        }));
        var read = await Task.Run(async () =>
        {
            CallerContext.HandDown(Person(Roles.Direttore));
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
            CallerContext.HandDown(Person(Roles.Direttore));
            return await registry.Register(new Organisation("odv-x", "ODV X", "odv"));
        });
        var byOperator = await Task.Run(async () =>
        {
            CallerContext.HandDown(Person(Roles.Operatore, "navile"));
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
            Task.Run(async () => { CallerContext.HandDown(caller); return await registry.Register(o); });

        // A Bologna operatore cannot add to Crema's registry; Crema's can.
        var elsewhere = await As(Person(Roles.Operatore, "navile"), crema, new Organisation("odv-crema", "ODV Crema", "odv"));
        Assert.Equal(CommandOutcome.Forbidden, elsewhere.Outcome);
        Assert.Equal(("city", "own-city"), (elsewhere.Errors[0].Field, elsewhere.Errors[0].Rule));
        var cremasco = Caller.InCity("op-crema", "crema", [Roles.Operatore], "zona-1") with { Name = "Operatore di Crema" };
        var cremaAdmin = Caller.InCity("admin-crema", "crema", [Roles.Amministratore]);
        Assert.Equal(CommandOutcome.Accepted, (await As(cremasco, crema, new Organisation("odv-crema", "ODV Crema", "odv"))).Outcome);
        Assert.Empty(await bologna.List());

        // Renaming is the administrators': an operatore's rename is refused and changes nothing.
        var renamed = await As(cremasco, crema, new Organisation("odv-crema", "ODV Cremasca", "odv"));
        Assert.Equal(("name", "amministratore"), (renamed.Errors[0].Field, renamed.Errors[0].Rule));
        Assert.Equal("ODV Crema", (await crema.List()).Single().Name);
        // Bologna's amministratore does not keep Crema's registry; Crema's does.
        Assert.Equal(CommandOutcome.Forbidden, (await As(Person(Roles.Amministratore), crema, new Organisation("odv-crema", "ODV Cremasca", "odv"))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await As(cremaAdmin, crema, new Organisation("odv-crema", "ODV Cremasca", "odv"))).Outcome);
        Assert.Equal("ODV Cremasca", (await crema.List()).Single().Name);

        // An operatore describes it: where it is based, what it does, that it ceased.
        var described = new Organisation("odv-crema", "ODV Cremasca", "odv", ["zona-1"], "Trasporto solidale", OrganisationStatus.Ceased);
        Assert.Equal(CommandOutcome.Accepted, (await As(cremasco, crema, described)).Outcome);
        Assert.True(described.SameAs((await crema.List()).Single()));
        Assert.Equal(CommandOutcome.Unchanged, (await As(cremasco, crema, described with { Districts = ["zona-1"] })).Outcome);

        // The addition, the rename and the description are administrative acts, recorded with who and before → after; refusals are not.
        Assert.Equal(
            [("organisation-registered", "Operatore di Crema", null, "ODV Crema (odv; attiva)"), ("organisation-renamed", cremaAdmin.Name, "ODV Crema (odv; attiva)", "ODV Cremasca (odv; attiva)"),
             ("organisation-described", "Operatore di Crema", "ODV Cremasca (odv; attiva)", "ODV Cremasca (odv; cessata; zona-1)")],
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

    [Fact]
    public async Task Roles_belong_to_cities_for_every_read_and_act_of_the_grains()
    {
        InProcessCluster.AsSystem();
        await cluster.Grains.Activity("crema", ActivityKind.Gruppo, "g-crema")
            .Execute(new RegisterActivity(Navile with { Name = "Gruppo di Crema", Quartieri = ["zona-1"] }), 0);
        Task<T> As<T>(Caller caller, Func<Task<T>> call) => Task.Run(async () => { CallerContext.HandDown(caller); return await call(); });
        async Task<bool> Reads(Caller caller, string city, string id)
        {
            try { return (await As(caller, () => cluster.Grains.Activity(city, ActivityKind.Gruppo, id).Get())).Exists; }
            catch (UnauthorizedAccessException) { return false; }
        }
        var cremaDirettore = Caller.InCity("dir-crema", "crema", [Roles.Direttore]);
        var cremaAnalista = Caller.InCity("an-crema", "crema", [Roles.Analista]);
        var regional = new Caller("regione", "Regione", new HashSet<string> { Grants.Of(Grants.EveryCity, Roles.Direttore) }, new HashSet<string>());

        // Records: read in one's own cities only; a regional direttore reads every city.
        Assert.True(await Reads(cremaDirettore, "crema", "g-crema"));
        Assert.False(await Reads(cremaDirettore, "bologna", "g-navile"));
        Assert.False(await Reads(Person(Roles.Direttore), "crema", "g-crema"));
        Assert.True(await Reads(regional, "bologna", "g-navile"));
        Assert.True(await Reads(regional, "crema", "g-crema"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(cremaDirettore, () => cluster.Grains.GetGrain<IQuartiereGrain>("bologna/navile").ListActivities()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(cremaDirettore, () => cluster.Grains.GetGrain<IOrganisationRegistryGrain>("bologna").List()));

        // Years: a Crema analista neither closes nor verifies Bologna's; Bologna's analista does not close Crema's.
        var bolognaYear = cluster.Grains.GetGrain<IYearGrain>(GrainKeys.CityYear("bologna", 2031));
        var closed = await As(cremaAnalista, () => bolognaYear.Close());
        Assert.Equal(CommandOutcome.Forbidden, closed.Outcome);
        Assert.Contains("Bologna", closed.Errors[0].MessageEn);
        Assert.False((await bolognaYear.GetStatus()).Closed);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(cremaAnalista, () => bolognaYear.GetStatus()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => As(cremaAnalista, () => cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", 2031)).Verify()));
        Assert.Equal(CommandOutcome.Forbidden, (await As(Person(Roles.Analista), () => cluster.Grains.GetGrain<IYearGrain>(GrainKeys.CityYear("crema", 2031)).TakeSnapshot("chiusura"))).Outcome);
        Assert.True((await As(cremaAnalista, () => cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("crema", 2031)).Verify())).Equal);

        // Writing: a Bologna operatore is no writer in Crema, even for an activity with no quartiere of theirs.
        var write = await As(Person(Roles.Operatore, "navile"), () => cluster.Grains.Activity("crema", ActivityKind.Gruppo, "g-crema").Execute(new RecordMeeting(2024), 1));
        Assert.Equal(CommandOutcome.Forbidden, write.Outcome);
        Assert.Equal(1, (await cluster.Grains.Activity("crema", ActivityKind.Gruppo, "g-crema").Get()).Version);
    }

    [Fact]
    public async Task The_operatori_of_a_district_formed_in_2016_look_after_the_activities_of_the_districts_it_was_formed_from()
    {
        InProcessCluster.AsSystem();
        var porto2015 = Navile with { Name = "Gruppo di Porto", Quartieri = ["porto"], StartYear = 2015, EndYear = 2015 };
        await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-porto").Execute(new RegisterActivity(porto2015), 0);
        var meeting = new UpdateYearFigures(2015, new YearFigures { Meetings = 5 });

        Assert.Equal(CommandOutcome.Forbidden, (await AsCallerAsync(Person(Roles.Operatore, "navile"), "g-porto", meeting)).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await AsCallerAsync(Person(Roles.Operatore, "porto-saragozza"), "g-porto", meeting)).Outcome);
        Assert.Equal(5, (await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g-porto").Get()).FiguresFor(2015).Meetings);
    }
}
