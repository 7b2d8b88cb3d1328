using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Quartieri;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>
/// Activities of the whole city (an Area Welfare, ASP or Regione project): they count once in the city's
/// figures, in no district's or in each they list; the city office's operatori ("city/*") change them,
/// district operatori do not; the whole city's list shows them.
/// </summary>
public sealed class CityWideActivityTests
{
    private static readonly ActivityProfile Project = new()
    {
        Name = "Progetto cittadino", Quartieri = [], StartYear = 2024, Status = "attivo", CityWide = true,
        PromoterLevel = "area-welfare", Reach = "cittadino",
    };

    private static Task<T> As<T>(Caller caller, Func<Task<T>> call) => Task.Run(async () => { CallerContext.HandDown(caller); return await call(); });

    [Fact]
    public async Task A_city_wide_activity_counts_once_in_the_city_and_only_in_the_districts_it_lists()
    {
        InProcessCluster.AsSystem();
        await using var cluster = await InProcessCluster.StartAsync(silos: 1);
        var everywhere = cluster.Grains.Activity("bologna", ActivityKind.Progetto, "p-cittadino");
        Assert.Equal(CommandOutcome.Accepted, (await everywhere.Execute(new RegisterActivity(Project), 0)).Outcome);
        var twoDistricts = cluster.Grains.Activity("bologna", ActivityKind.Progetto, "p-due-quartieri");
        Assert.Equal(CommandOutcome.Accepted, (await twoDistricts.Execute(new RegisterActivity(Project with { Name = "Due quartieri", Quartieri = ["navile", "savena"] }), 0)).Outcome);
        // Without being of the whole city, an activity needs its districts.
        var nowhere = await cluster.Grains.Activity("bologna", ActivityKind.Progetto, "p-nessun-luogo").Execute(new RegisterActivity(Project with { CityWide = false }), 0);
        Assert.Equal(("quartieri", "required"), (nowhere.Errors.Single().Field, nowhere.Errors.Single().Rule));

        var verify = cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", 2024));
        var report = await Eventually.LastAsync(verify.Verify, r => r.Equal);
        Assert.True(report.Equal, string.Join("\n", report.Differences));
        var document = await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024)).GetDocument();
        Assert.Equal(2, document.Indicators["PI.TOT"].Value);
        Assert.Equal(1, document.Quartieri["navile"]["PI.TOT"].Value);
        Assert.Equal(1, document.Quartieri["savena"]["PI.TOT"].Value);
        Assert.Equal(0, document.Quartieri["santo-stefano"]["PI.TOT"].Value ?? 0);

        // The whole city's list has both; a district's list only the one that names it.
        Assert.Equal(2, (await cluster.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("bologna", ActivityRecord.WholeCity)).ListActivities()).Count);
        Assert.Single(await cluster.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("bologna", "navile")).ListActivities());
        // The counts are kept the same way: the whole city's index holds both projects, a district's the one there.
        Assert.Equal(2, (await cluster.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("bologna", ActivityRecord.WholeCity)).GetSummary()).Progetti);
        Assert.Equal(1, (await cluster.Grains.GetGrain<IQuartiereGrain>(GrainKeys.Quartiere("bologna", "navile")).GetSummary()).Progetti);
    }

    [Fact]
    public async Task The_city_offices_operatori_change_it_and_district_operatori_do_not()
    {
        InProcessCluster.AsSystem();
        await using var cluster = await InProcessCluster.StartAsync(silos: 1);
        var grain = cluster.Grains.Activity("bologna", ActivityKind.Progetto, "p-ufficio");
        await grain.Execute(new RegisterActivity(Project with { Quartieri = ["navile"] }), 0);
        var meeting = new UpdateYearFigures(2024, new YearFigures { Beneficiaries = 30 });

        var navile = Caller.InCity("op-navile", "bologna", [Roles.Operatore], "navile");
        var refused = await As(navile, () => grain.Execute(meeting, 1));
        Assert.Equal(CommandOutcome.Forbidden, refused.Outcome);
        Assert.Contains("tutta la città", refused.Errors.Single().MessageIt);
        var office = Caller.InCity("op-citta", "bologna", [Roles.Operatore], ActivityRecord.WholeCity, "navile");
        Assert.Equal(CommandOutcome.Accepted, (await As(office, () => grain.Execute(meeting, 1))).Outcome);
        // Nor may a district operatore make their own activity one of the whole city.
        var own = cluster.Grains.Activity("bologna", ActivityKind.Progetto, "p-di-navile");
        Assert.Equal(CommandOutcome.Forbidden, (await As(navile, () => own.Execute(new RegisterActivity(Project with { Quartieri = ["navile"] }), 0))).Outcome);
    }
}
