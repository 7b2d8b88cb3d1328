using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Database;

/// <summary>Activity commands on a silo process on PostgreSQL: stored state, audit, restart.</summary>
public sealed class ActivityPersistenceTests
{
    /// <summary>An operatore of Navile (and analista, to verify): the person every call of these tests is made for, as the dashboard hands one down.</summary>
    private static readonly Caller Anna = Caller.InCity("anna", "bologna", [Roles.Operatore, Roles.Analista], "navile") with { Name = "Anna Rossi" };

    private static ActivityProfile Tavolo(string name = "Tavolo di prova") => new()
    {
        Name = name, Quartieri = ["navile"], Zones = ["bolognina"], StartYear = 2024, Status = "attivo",
        Coordination = "sst", Themes = ["anziani"], Purposes = ["scambio-informazioni"],
    };

    [Fact]
    public async Task Every_accepted_change_is_stored_with_an_audit_record_before_it_is_acknowledged()
    {
        await using var db = await TestDatabase.CreateAsync();
        CallerContext.HandDown(Anna);
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString);
        await using var client = await TestClient.ViaMembershipAsync(db.ConnectionString);
        var tavolo = client.Grains.Activity("bologna", ActivityKind.Tavolo, "tavolo-prova");

        var registered = await tavolo.Execute(new RegisterActivity(Tavolo()), 0);
        Assert.Equal(CommandOutcome.Accepted, registered.Outcome);
        var met = await tavolo.Execute(new RecordMeeting(2024), 1);
        Assert.Equal(2, met.Record.Version);

        Assert.Equal(2, await db.ScalarAsync<long>("SELECT version FROM activity WHERE city = 'bologna' AND kind = 'tavolo' AND id = 'tavolo-prova'"));
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT (record #>> '{years,2024,meetings}')::int FROM activity WHERE id = 'tavolo-prova'"));
        Assert.Equal(2, await db.ScalarAsync<int>("SELECT count(*) FROM activity_audit WHERE id = 'tavolo-prova'"));
        Assert.Equal("anna", await db.ScalarAsync<string>("SELECT actor_id FROM activity_audit WHERE id = 'tavolo-prova' AND version = 2"));
        Assert.Equal("RecordMeeting", await db.ScalarAsync<string>("SELECT command FROM activity_audit WHERE version = 2"));
        Assert.Null(await db.ScalarAsync<string>("SELECT (before #>> '{years,2024,meetings}') FROM activity_audit WHERE version = 2"));
        Assert.Equal("1", await db.ScalarAsync<string>("SELECT (after #>> '{years,2024,meetings}') FROM activity_audit WHERE version = 2"));
        Assert.Null(await db.ScalarAsync<string>("SELECT before::text FROM activity_audit WHERE version = 1"));
    }

    [Fact]
    public async Task A_refused_command_writes_nothing_and_a_stale_version_is_a_conflict()
    {
        await using var db = await TestDatabase.CreateAsync();
        CallerContext.HandDown(Anna);
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString);
        await using var client = await TestClient.ViaMembershipAsync(db.ConnectionString);
        var tavolo = client.Grains.Activity("bologna", ActivityKind.Tavolo, "tavolo-prova");
        await tavolo.Execute(new RegisterActivity(Tavolo()), 0);

        var invalid = await tavolo.Execute(new UpdateYearFigures(2024, new YearFigures { Meetings = -3 }), 1);
        var stale = await tavolo.Execute(new EditProfile(Tavolo("Nuovo nome")), 0);

        Assert.Equal(CommandOutcome.Invalid, invalid.Outcome);
        Assert.Equal(("meetings", "non-negative"), (invalid.Errors[0].Field, invalid.Errors[0].Rule));
        Assert.Equal(CommandOutcome.Conflict, stale.Outcome);
        Assert.Equal("version", stale.Errors[0].Field);
        Assert.Equal(1, await db.ScalarAsync<long>("SELECT version FROM activity WHERE id = 'tavolo-prova'"));
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM activity_audit"));
    }

    [Fact]
    public async Task Activities_organisations_and_indicators_survive_a_killed_silo()
    {
        await using var db = await TestDatabase.CreateAsync();
        CallerContext.HandDown(Anna);
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString);
        IndicatorDocument before;
        await using (var client = await TestClient.ViaMembershipAsync(db.ConnectionString))
        {
            await client.Grains.GetGrain<IOrganisationRegistryGrain>("bologna").Register(new Organisation("odv-amici", "ODV Amici", "odv"));
            var tavolo = client.Grains.Activity("bologna", ActivityKind.Tavolo, "tavolo-prova");
            await tavolo.Execute(new RegisterActivity(Tavolo() with { Organisations = [new("odv-amici", ["volontari"])] }), 0);
            await tavolo.Execute(new UpdateYearFigures(2024, new YearFigures { Meetings = 7, Operators = new Dictionary<string, int> { ["sst"] = 4 } }), 1);
            before = await client.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024)).GetDocument();
        }
        Assert.Equal(1, before.Indicators["TP.ODT"].Value);

        await silo.Process.KillAsync();
        await silo.RestartAsync();

        await using var again = await TestClient.ViaMembershipAsync(db.ConnectionString);
        var after = await again.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024)).GetDocument();
        Assert.True(after.Version > before.Version);
        Assert.Equal(7, after.Indicators["TP.MEET"].Value);
        Assert.Equal(4, after.Indicators["TP.OPS.SST"].Value);
        Assert.Equal(1, after.Indicators["TP.ODT"].Value);
        Assert.Equal("odv", (await again.Grains.Activity("bologna", ActivityKind.Tavolo, "tavolo-prova").Get()).Profile.Organisations![0].Type);
        Assert.True((await again.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", 2024)).Verify()).Equal);

        // The organisation's page finds its activities through the store's index of the organisations each activity names.
        Assert.Equal(["odv-amici"], (await db.ScalarAsync<string[]>("SELECT organisations FROM activity WHERE id = 'tavolo-prova'"))!);
        var profile = await again.Grains.GetGrain<IOrganisationRegistryGrain>("bologna").Profile("odv-amici", 2024);
        Assert.Equal([(2024, "tavolo-prova")], profile!.Participations.Select(p => (p.Year, p.ActivityId)));
    }

    [Fact]
    public async Task Meetings_recorded_with_their_minutes_cross_the_wire_are_stored_and_counted_after_a_killed_silo()
    {
        await using var db = await TestDatabase.CreateAsync();
        CallerContext.HandDown(Anna);
        await using var silo = await SiloProcess.StartAsync(db.ConnectionString);
        var minutes = new MeetingEvent
        {
            Date = new DateOnly(2024, 4, 9), Start = new TimeOnly(14, 30), End = new TimeOnly(16, 40), Place = "via Frecavalli 16",
            Operators = new Dictionary<string, int> { ["sst"] = 2, ["reti"] = 1 }, Decisions = "Quattro ambiti di attuazione",
            NextDate = new DateOnly(2024, 5, 7), NextPlace = "Oratorio di San Bartolomeo",
        };
        await using (var client = await TestClient.ViaMembershipAsync(db.ConnectionString))
        {
            var tavolo = client.Grains.Activity("bologna", ActivityKind.Tavolo, "tavolo-prova");
            await tavolo.Execute(new RegisterActivity(Tavolo()), 0);
            await tavolo.Execute(new UpdateYearFigures(2024, new YearFigures { Meetings = 9 }), 1); // a total reported before the minutes
            var recorded = await tavolo.Execute(new RecordEvent(minutes), 2);
            Assert.Equal(CommandOutcome.Accepted, recorded.Outcome);
            var second = await tavolo.Execute(new RecordEvent(minutes with { Date = new DateOnly(2024, 5, 7), NextDate = null, Operators = new Dictionary<string, int> { ["sst"] = 1 } }), 3);
            Assert.Equal(["m1", "m2"], second.Record.FiguresFor(2024).Events!.Select(e => e.Id));
        }
        // Stored as dates and times people can read in the database and the audit.
        Assert.Equal("2024-04-09", await db.ScalarAsync<string>("SELECT record #>> '{years,2024,events,0,date}' FROM activity WHERE id = 'tavolo-prova'"));
        Assert.Equal("16:40:00", await db.ScalarAsync<string>("SELECT after #>> '{years,2024,events,0,end}' FROM activity_audit WHERE id = 'tavolo-prova' AND version = 3"));
        Assert.Equal("RecordEvent", await db.ScalarAsync<string>("SELECT command FROM activity_audit WHERE id = 'tavolo-prova' AND version = 4"));

        await silo.Process.KillAsync();
        await silo.RestartAsync();

        await using var again = await TestClient.ViaMembershipAsync(db.ConnectionString);
        var back = (await again.Grains.Activity("bologna", ActivityKind.Tavolo, "tavolo-prova").Get()).FiguresFor(2024).Events!;
        Assert.Equal(minutes with { Id = "m1" }, back[0] with { Operators = minutes.Operators });
        Assert.Equal(2, back[0].Operators!["sst"]);
        var figures = await again.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear("bologna", 2024)).GetDocument();
        Assert.Equal(2, figures.Indicators["TP.MEET"].Value); // the two meetings recorded, not the total of 9
        Assert.Equal(2, figures.Indicators["TP.OPS.SST"].Value);
        Assert.True((await again.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear("bologna", 2024)).Verify()).Equal);
    }
}
