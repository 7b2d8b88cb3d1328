using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Years;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>
/// Organisations as records: two ids that are the same organisation become one. Drawn here (2023 closed):
///   t1 tavolo 2023–     : a (volontari), c        → from 2024: b (volontari), c
///   p1 progetto 2024    : a (volontari), b (spazi) → b (spazi, volontari)
///   g0 gruppo 2023 only : a                        → unchanged (only a closed year)
/// So 2024 has a, b, c active before the merge (NET.ORG 3) and b, c after (2).
/// </summary>
public sealed class OrganisationMergeTests : IAsyncLifetime
{
    private InProcessCluster cluster = null!;
    private static readonly Caller Admin = Caller.InCity("admin-bo", "bologna", [Roles.Amministratore]) with { Name = "Amministratrice" };
    private static readonly Caller Analyst = Caller.InCity("analista-bo", "bologna", [Roles.Analista]);
    private static readonly Caller Operator = Caller.InCity("op-bo", "bologna", [Roles.Operatore], "navile");

    private static ActivityProfile Profile(string name, int start, int? end, params OrganisationLink[] links) => new()
    {
        Name = name, Quartieri = ["navile"], StartYear = start, EndYear = end, Status = "attivo", Themes = ["anziani"], Organisations = links,
    };

    // A cluster per test: a merge rewrites the city's registry and every activity linked to it.
    public async Task InitializeAsync()
    {
        InProcessCluster.AsSystem();
        cluster = await InProcessCluster.StartAsync(silos: 1);
        var registry = Registry;
        foreach (var id in new[] { "a", "b", "c" }) await registry.Register(new Organisation(id, $"ODV {id.ToUpperInvariant()}", "odv"));
        await cluster.Grains.Activity("bologna", ActivityKind.Tavolo, "t1").Execute(new RegisterActivity(
            Profile("Tavolo uno", 2023, null, new OrganisationLink("a", ["volontari"]), new OrganisationLink("c", []))), 0);
        await cluster.Grains.Activity("bologna", ActivityKind.Progetto, "p1").Execute(new RegisterActivity(
            Profile("Progetto uno", 2024, 2024, new OrganisationLink("a", ["volontari"]), new OrganisationLink("b", ["spazi"])) with { Themes = null }), 0);
        await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g0").Execute(new RegisterActivity(
            Profile("Gruppo chiuso", 2023, 2023, new OrganisationLink("a", []))), 0);
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private IOrganisationRegistryGrain Registry => cluster.Grains.GetGrain<IOrganisationRegistryGrain>("bologna");

    private static Task<T> As<T>(Caller caller, Func<Task<T>> call) => Task.Run(async () => { CallerContext.HandDown(caller); return await call(); });

    private Task<IndicatorDocument> Year(int year) => cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", year)).GetDocument();

    [Fact]
    public async Task A_merge_moves_the_open_years_keeps_the_closed_ones_and_the_figures_follow()
    {
        InProcessCluster.AsSystem(); // the test reads as the cluster's own work
        Assert.Equal(3, (await Year(2024)).Indicators["NET.ORG"].Value);
        Assert.Equal(CommandOutcome.Accepted, (await As(Analyst, () => cluster.Grains.GetGrain<IYearGrain>(GrainKeys.CityYear("bologna", 2023)).Close())).Outcome);

        var merged = await As(Admin, () => Registry.Merge("a", "b", "bologna"));
        Assert.Equal(CommandOutcome.Accepted, merged.Outcome);
        Assert.Equal(["bologna/progetto/p1", "bologna/tavolo/t1"], merged.ActivitiesChanged!.Order(StringComparer.Ordinal));
        Assert.Equal(("b", OrganisationStatus.Merged), (merged.Organisation!.MergedInto, merged.Organisation.Status));

        // The open years name b, with a's functions; the closed year still names a.
        var t1 = await cluster.Grains.Activity("bologna", ActivityKind.Tavolo, "t1").Get();
        Assert.Equal(["a", "c"], t1.ProfileFor(2023).Organisations!.Select(o => o.OrganisationId));
        Assert.Equal([("b", "volontari"), ("c", "")], t1.ProfileFor(2024).Organisations!.Select(o => (o.OrganisationId, string.Join(",", o.Functions))));
        var p1 = await cluster.Grains.Activity("bologna", ActivityKind.Progetto, "p1").Get();
        Assert.Equal([("b", "spazi,volontari")], p1.ProfileFor(2024).Organisations!.Select(o => (o.OrganisationId, string.Join(",", o.Functions))));
        Assert.Equal(["a"], (await cluster.Grains.Activity("bologna", ActivityKind.Gruppo, "g0").Get()).ProfileFor(2023).Organisations!.Select(o => o.OrganisationId));

        // The figures follow: 2024 counts b and c, and equals the independent recomputation.
        var after = await Year(2024);
        Assert.Equal(2, after.Indicators["NET.ORG"].Value);
        Assert.True((await cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", 2024)).Verify()).Equal);

        // Audited: the act by the administrator, and each activity's change in her name.
        Assert.Contains(cluster.AdminActs.Acts, a => a.Action == AdminActions.OrganisationMerged && a.Target == "a" && a.ActorId == Admin.UserId);
        var history = await As(Admin, () => cluster.Grains.Activity("bologna", ActivityKind.Tavolo, "t1").History());
        Assert.Equal(("ReplaceOrganisation", Admin.UserId, "Amministratrice"), (history[^1].Command, history[^1].Actor.UserId, history[^1].Actor.Name));

        // b's page keeps a's history (as "a") and shows its ties; a stays as a tombstone.
        var profile = (await As(Admin, () => Registry.Profile("b", 2024)))!;
        Assert.Equal(["a"], profile.MergedFrom.Select(o => o.Id));
        Assert.Equal([(2024, "p1", "b"), (2024, "t1", "b"), (2023, "g0", "a"), (2023, "t1", "a")],
            profile.Participations.Select(p => (p.Year, p.ActivityId, p.OrganisationId)).OrderByDescending(p => p.Year).ThenBy(p => p.ActivityId));
        Assert.Equal((2023, 2024), (profile.FirstYear, profile.LastYear));
        Assert.Equal([("c", 2, "2023,2024")], profile.Ties.Select(t => (t.OrganisationId, t.Shared, string.Join(",", t.Years))));

        // Nobody links the merged id anew; the same merge again finds nothing left to do.
        var relinked = await As(Operator, () => cluster.Grains.Activity("bologna", ActivityKind.Tavolo, "t1").Execute(new AddOrganisation(new("a", []), 2024), t1.Version));
        Assert.Equal(("organisations.organisationId", "merged"), (relinked.Errors.Single().Field, relinked.Errors.Single().Rule));
        var fresh = await As(Operator, () => cluster.Grains.Activity("bologna", ActivityKind.Tavolo, "t-new").Execute(
            new RegisterActivity(Profile("Tavolo nuovo", 2024, null, new OrganisationLink("a", []))), 0));
        Assert.Equal(("organisations.organisationId", "merged"), (fresh.Errors.Single().Field, fresh.Errors.Single().Rule));
        Assert.False((await cluster.Grains.Activity("bologna", ActivityKind.Tavolo, "t-new").Get()).Exists);
        Assert.Equal(CommandOutcome.Unchanged, (await Registry.Register(new Organisation("a", "ODV A", "odv"))).Outcome); // a dataset loaded again
        var again = await As(Admin, () => Registry.Merge("a", "b", "bologna"));
        Assert.Equal((CommandOutcome.Accepted, 0), (again.Outcome, again.ActivitiesChanged!.Count));
    }

    [Fact]
    public async Task A_merge_or_a_record_that_makes_no_sense_is_refused_with_every_problem_and_changes_nothing()
    {
        InProcessCluster.AsSystem();
        var registryBefore = await Registry.List();
        var t1Before = (await cluster.Grains.Activity("bologna", ActivityKind.Tavolo, "t1").Get()).Version;
        var actsBefore = cluster.AdminActs.Acts.Count;

        (string, string)[] Problems(OrganisationResult r) => [.. r.Errors.Select(e => (e.Field, e.Rule))];
        Assert.Equal([("into", "not-itself")], Problems(await As(Admin, () => Registry.Merge("a", "a", "bologna"))));
        Assert.Equal([("intoCity", "same-city")], Problems(await As(Admin, () => Registry.Merge("a", "b", "crema"))));
        Assert.Equal([("into", "registered")], Problems(await As(Admin, () => Registry.Merge("a", "ghost", "bologna"))));
        Assert.Equal([("intoCity", "same-city"), ("into", "required")], Problems(await As(Admin, () => Registry.Merge("a", "", "crema"))));
        var unknown = await As(Admin, () => Registry.Merge("ghost", "b", "bologna"));
        Assert.Equal((CommandOutcome.NotFound, "id", "registered"), (unknown.Outcome, unknown.Errors[0].Field, unknown.Errors[0].Rule));
        var byOperator = await As(Operator, () => Registry.Merge("a", "b", "bologna"));
        Assert.Equal((CommandOutcome.Forbidden, "role"), (byOperator.Outcome, byOperator.Errors[0].Field));
        // Nobody sends the activity's side of a merge by hand.
        var byHand = await As(Operator, () => cluster.Grains.Activity("bologna", ActivityKind.Tavolo, "t1").Execute(new ReplaceOrganisation("a", "b", 2024), t1Before));
        Assert.Equal((CommandOutcome.Forbidden, "registry-only"), (byHand.Outcome, byHand.Errors[0].Rule));

        // A record with a markup name, a district the city lacks, a state nobody chooses: all told at once.
        var bad = await As(Operator, () => Registry.Register(new Organisation("d", "<b>ODV</b>", "odv", ["navile", "atlantide"], "ok", "sparita")));
        Assert.Equal([("name", "no-markup"), ("districts", "unknown-id"), ("status", "unknown-id")], Problems(bad));
        var empty = await As(Operator, () => Registry.Register(new Organisation("d", " ", "odv", null, new string('x', Organisation.MaxDescription + 1))));
        Assert.Equal([("name", "required"), ("description", "max-length")], Problems(empty));

        Assert.Equal(registryBefore, await Registry.List());
        Assert.Equal(t1Before, (await cluster.Grains.Activity("bologna", ActivityKind.Tavolo, "t1").Get()).Version);
        Assert.Equal(actsBefore, cluster.AdminActs.Acts.Count);
    }
}
