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
}
