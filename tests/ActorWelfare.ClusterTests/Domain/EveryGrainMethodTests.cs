using System.Reflection;
using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Alerts;
using ActorWelfare.Imports;
using ActorWelfare.Indicators;
using ActorWelfare.Organisations;
using ActorWelfare.Quartieri;
using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Years;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>
/// Fail closed, for every grain method there is: each method of each grain interface is called, by
/// reflection, as an anonymous caller and as a client pretending to be the system (the role without
/// the cluster's proof), and must refuse — unless it is listed below as public, with the reason. A new
/// method is called here the day it is written, so one that checks nothing fails this test.
/// </summary>
public sealed class EveryGrainMethodTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    // One cluster for the class: every call here is refused, or reads (the proof test registers one tavolo of its own).
    private InProcessCluster cluster => fixture.Cluster;

    /// <summary>What anyone may call, and why.</summary>
    private static readonly Dictionary<string, string> Public = new()
    {
        ["ICityIndicatorsGrain.GetDocument"] = "aggregate figures only, no record; the dashboard applies each city's open-data setting",
        ["ICityIndicatorsGrain.Subscribe"] = "live aggregate figures, as GetDocument",
        ["ICityIndicatorsGrain.Unsubscribe"] = "stops live aggregate figures, as Subscribe",
        ["IAlertsGrain.Subscribe"] = "a notice of the list's new version number, no record: the list is read with List, under a role",
        ["IAlertsGrain.Unsubscribe"] = "stops the notices, as Subscribe",
    };

    /// <summary>A grain of each interface (a new interface needs its key here, or this test fails).</summary>
    private IAddressable GrainOf(Type type) => type.Name switch
    {
        nameof(IActivityGrain) => cluster.Grains.Activity("bologna", ActivityKind.Tavolo, "t-porte"),
        nameof(IQuartiereGrain) => cluster.Grains.GetGrain<IQuartiereGrain>("bologna/navile"),
        nameof(ICityIndicatorsGrain) => cluster.Grains.GetGrain<ICityIndicatorsGrain>("bologna/2019"),
        nameof(IVerifyGrain) => cluster.Grains.GetGrain<IVerifyGrain>("bologna/2019"),
        nameof(IYearGrain) => cluster.Grains.GetGrain<IYearGrain>("bologna/2019"),
        nameof(IImportGrain) => cluster.Grains.GetGrain<IImportGrain>("bologna/porte"),
        nameof(IOrganisationRegistryGrain) => cluster.Grains.GetGrain<IOrganisationRegistryGrain>("bologna"),
        nameof(INetworkGrain) => cluster.Grains.GetGrain<INetworkGrain>("bologna/2019"),
        nameof(IAlertsGrain) => cluster.Grains.GetGrain<IAlertsGrain>("bologna"),
        nameof(ActorWelfare.Notifications.INotificationsGrain) => cluster.Grains.GetGrain<ActorWelfare.Notifications.INotificationsGrain>("bologna"),
        nameof(ActorWelfare.Notifications.IInboxGrain) => cluster.Grains.GetGrain<ActorWelfare.Notifications.IInboxGrain>("bologna/porte"),
        _ => throw new InvalidOperationException($"{type.Name}: no grain key in EveryGrainMethodTests.GrainOf; add one so its methods are checked."),
    };

    private static object? ArgumentOf(Type type) => type switch
    {
        _ when type == typeof(string) => "porte",
        _ when type == typeof(int) => 2019,
        _ when type == typeof(bool) => true,
        _ when type == typeof(long) => 0L,
        _ when type == typeof(Guid) => Guid.NewGuid(),
        _ when type == typeof(byte[]) => "kind,id\n"u8.ToArray(),
        _ when type == typeof(ImportFormat) => ImportFormat.Csv,
        _ when type == typeof(DateOnly?) => new DateOnly(2019, 12, 31),
        _ when type == typeof(AlertRules) => AlertRules.Default with { NoMeetingDays = 30 },
        _ when type == typeof(ActorWelfare.Notifications.InboxMessage) => new ActorWelfare.Notifications.InboxMessage(Guid.NewGuid(), DateTimeOffset.UnixEpoch,
            "alerts", ["*"], new("Porte", "Porte"), new("Porte", "Porte"), "porte@comune.local", "it"),
        _ when type == typeof(ActivityKind) => ActivityKind.Tavolo,
        _ when type == typeof(ActivityCommand) => new ChangeStatus("concluso"),
        _ when type == typeof(IReadOnlyList<ActivityCommand>) => new ActivityCommand[] { new ChangeStatus("concluso"), new RecordMeeting(2019) },
        _ when type == typeof(ActivityRecord) => new ActivityRecord
        {
            City = "bologna", Kind = ActivityKind.Gruppo, Id = "t-porte", Version = 1,
            Profile = new() { Name = "Porte", Quartieri = ["navile"], StartYear = 2019, Status = "attivo" },
        },
        _ when type == typeof(Organisation) => new Organisation("org-porte", "Porte aperte", "odv"),
        _ when type == typeof(IReadOnlyList<string>) => new[] { "org-porte" },
        _ when type == typeof(FigureSelector) => new FigureSelector("TP.TOT"),
        _ when type == typeof(NetworkFilter) => new NetworkFilter(),
        _ when type == typeof(ActivityContribution) => new ActivityContribution("bologna/tavolo/t-porte", 99, new Dictionary<string, long> { ["*|TP.TOT|v"] = 1 }),
        _ => throw new InvalidOperationException($"No test argument for {type.Name}: add one in EveryGrainMethodTests.ArgumentOf."),
    };

    public static IEnumerable<(Type Interface, MethodInfo Method)> GrainMethods() =>
        typeof(IActivityGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IGrain).IsAssignableFrom(t) && !typeof(IGrainObserver).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => (t, m)))
            .OrderBy(x => x.t.Name).ThenBy(x => x.m.Name);

    /// <summary>Calls a method in its own flow with the caller <paramref name="handDown"/> sets; describes the answer when it was not a refusal.</summary>
    private async Task<string?> NotRefusedAsync(Type type, MethodInfo method, Action handDown) => await Task.Run(async () =>
    {
        handDown();
        object? result;
        try
        {
            var task = (Task)method.Invoke(GrainOf(type), [.. method.GetParameters().Select(p => ArgumentOf(p.ParameterType))])!;
            await task;
            result = task.GetType().GetProperty("Result")?.GetValue(task);
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        return result switch
        {
            CommandResult { Outcome: CommandOutcome.Forbidden } or OrganisationResult { Outcome: CommandOutcome.Forbidden }
                or YearResult { Outcome: CommandOutcome.Forbidden } or AlertResult { Outcome: CommandOutcome.Forbidden }
                or ActorWelfare.Notifications.NotificationResult { Outcome: CommandOutcome.Forbidden } => null,
            ImportStatus { Phase: ImportPhase.Refused, Problems: [{ Rule: "operatore" }, ..] } => null,
            _ => $"{type.Name}.{method.Name} answered {result?.GetType().Name ?? "nothing"} to a caller it should refuse",
        };
    });

    private async Task<List<string>> OpenDoorsAsync(Action handDown, params string[] alsoOpen)
    {
        var open = new List<string>();
        foreach (var (type, method) in GrainMethods().Where(m => !Public.ContainsKey($"{m.Interface.Name}.{m.Method.Name}") && !alsoOpen.Contains($"{m.Interface.Name}.{m.Method.Name}")))
            if (await NotRefusedAsync(type, method, handDown) is { } door) open.Add(door);
        return open;
    }

    [Fact]
    public async Task Every_grain_method_refuses_an_anonymous_caller_unless_it_is_public_by_design()
    {
        Assert.True(GrainMethods().Count() > 20, "the grain interfaces were not found");
        Assert.All(Public.Keys, key => Assert.Contains(GrainMethods(), m => $"{m.Interface.Name}.{m.Method.Name}" == key));
        // No caller at all is anonymous too, not trusted.
        Assert.Empty(await OpenDoorsAsync(() => RequestContext.Clear()));
        Assert.Empty(await OpenDoorsAsync(() => CallerContext.HandDown(Caller.Anonymous)));
    }

    [Fact]
    public async Task Every_grain_method_refuses_someone_who_holds_every_role_but_in_another_city()
    {
        // Every role in Crema, its whole city and a zone included, against Bologna's grains.
        var cremasco = new Caller("crema-tutto", "Tutto Crema",
            new HashSet<string> { Grants.Of("crema", Roles.Direttore), Grants.Of("crema", Roles.Analista), Grants.Of("crema", Roles.Amministratore) },
            new HashSet<string> { "crema/zona-1", "crema/*" });
        // Whether a year is closed is no record: any signed-in person's page asks it. A person's own subscriptions are
        // theirs to read and end anywhere (someone whose role ended can still stop their mail); they reveal nobody else's.
        Assert.Empty(await OpenDoorsAsync(() => CallerContext.HandDown(cremasco), "IYearGrain.IsClosed", "INotificationsGrain.Mine", "INotificationsGrain.Unsubscribe"));
    }

    [Fact]
    public async Task A_client_claiming_the_system_identity_without_the_clusters_proof_is_anonymous()
    {
        Assert.Empty(await OpenDoorsAsync(() => CallerContext.HandDown(Caller.System)));
        Assert.Empty(await OpenDoorsAsync(() =>
        {
            CallerContext.HandDown(Caller.System);
            RequestContext.Set(SystemIdentity.ProofContextKey, new SystemKey(new byte[32]).Proof(DateTimeOffset.UtcNow));
        }));
        // With the cluster's proof, the same call goes through: the refusals above are the missing proof.
        var tavolo = cluster.Grains.Activity("bologna", ActivityKind.Tavolo, "t-con-prova");
        var registered = await Task.Run(async () =>
        {
            InProcessCluster.AsSystem();
            return await tavolo.Execute(new RegisterActivity(new ActivityProfile { Name = "Con prova", Quartieri = ["navile"], StartYear = 2019, Status = "attivo" }), 0);
        });
        Assert.Equal(CommandOutcome.Accepted, registered.Outcome);
    }

    [Fact]
    public void A_proof_is_bound_to_the_key_and_expires()
    {
        var key = new SystemKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var now = DateTimeOffset.UtcNow;
        Assert.True(key.Verify(key.Proof(now), now));
        Assert.False(new SystemKey(new byte[32]).Verify(key.Proof(now), now));
        Assert.False(key.Verify(key.Proof(now - SystemKey.Validity - TimeSpan.FromMinutes(1)), now));
        Assert.False(key.Verify(null, now));
        Assert.False(key.Verify("12.abc", now));
    }
}
