using System.Text.Json;
using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Years;
using Xunit;

namespace ActorWelfare.Tests.Years;

/// <summary>Bologna 2019 loaded once for the class: the count reads it, the sign-off leaves the year open as it found it.</summary>
public sealed class Bologna2019Cluster : IAsyncLifetime
{
    public InProcessCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await InProcessCluster.StartAsync(silos: 1);
        await Task.Run(async () =>
        {
            InProcessCluster.AsSystem();
            await Cluster.LoadDatasetAsync("bologna-2019");
        });
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>
/// A year's completeness on Bologna 2019 as the cluster computes it, against a count made here straight from the
/// dataset file (JSON read field by field, none of the domain's code); and the districts' sign-off.
/// </summary>
public sealed class CompletenessTests(Bologna2019Cluster fixture) : IClassFixture<Bologna2019Cluster>
{
    private InProcessCluster cluster => fixture.Cluster;
    private static readonly Caller Analista = Caller.InCity("an", "bologna", [Roles.Analista]);

    private IYearGrain Year2019 => cluster.Grains.GetGrain<IYearGrain>("bologna/2019");

    private static Task<T> As<T>(Caller caller, Func<Task<T>> call) => Task.Run(async () => { CallerContext.HandDown(caller); return await call(); });

    /// <summary>The count made from the file: each activity of 2019 with the fields it lacks, by the file's own keys.</summary>
    private static List<(string Key, string[] Districts, string[] Missing)> CountedFromTheFile()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "datasets", "bologna-2019.json")));
        var result = new List<(string, string[], string[])>();
        foreach (var a in file.RootElement.GetProperty("activities").EnumerateArray())
        {
            var kind = a.GetProperty("kind").GetString()!;
            var profile = a.GetProperty("profile");
            JsonElement? then = a.TryGetProperty("profileByYear", out var byYear) && byYear.TryGetProperty("2019", out var p2019) ? p2019 : null;
            JsonElement Field(string name) => then is { } t && t.TryGetProperty(name, out var v) ? v : profile.TryGetProperty(name, out var w) ? w : default;
            var start = profile.GetProperty("startYear").GetInt32();
            var end = profile.GetProperty("endYear") is { ValueKind: JsonValueKind.Number } e ? e.GetInt32() : (int?)null;
            if (start > 2019 || end < 2019 || Field("excludedFromAggregates") is { ValueKind: JsonValueKind.True }) continue;
            var figures = a.TryGetProperty("years", out var years) && years.TryGetProperty("2019", out var y) ? y : default;
            bool Has(string name) => figures.ValueKind == JsonValueKind.Object && figures.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;
            var events = Has("events") ? figures.GetProperty("events").EnumerateArray().ToList() : [];
            var missing = new List<string>();
            void Need(string field, bool reported) { if (!reported) missing.Add(field); }
            var organisations = Field("organisations").ValueKind is JsonValueKind.Array;
            var operators = events.Any(ev => ev.TryGetProperty("operators", out var o) && o.EnumerateObject().Any()) || Has("operators");
            switch (kind)
            {
                case "progetto":
                    foreach (var f in new[] { "beneficiaries", "beneficiariesInCarico", "volunteers", "organisationOperators" }) Need(f, Has(f));
                    Need("operators", Has("operators"));
                    Need("organisations", organisations);
                    Need("funders", Has("funders"));
                    Need("fundingClass", Has("fundingClass"));
                    break;
                case "tavolo":
                    Need("meetings", events.Count > 0 || Has("meetings"));
                    Need("operators", operators);
                    Need("organisations", organisations);
                    break;
                default:
                    Need("meetings", events.Count > 0 || Has("meetings"));
                    Need("citizens", Has("citizens"));
                    Need("operators", operators);
                    Need("organisations", organisations);
                    break;
            }
            var districts = Field("quartieri").EnumerateArray().Select(q => q.GetString()!).ToArray();
            result.Add(($"{kind}/{a.GetProperty("id").GetString()}", districts.Length == 0 ? ["*"] : districts, [.. missing]));
        }
        return result;
    }

    [Fact]
    public async Task Bologna_2019_s_completeness_equals_a_count_made_from_the_dataset_file_and_the_figures_bases()
    {
        var report = await As(Analista, () => Year2019.GetCompleteness());
        var expected = CountedFromTheFile();
        Assert.Equal(129, expected.Count); // 130 records, "Vicinanza solidale" left out of the aggregates

        // Every activity with a gap, and exactly the fields it lacks.
        Assert.Equal(
            expected.Where(e => e.Missing.Length > 0).Select(e => $"{e.Key}: {string.Join(",", e.Missing)}").Order(),
            report.Gaps.Select(g => $"{ActorWelfare.Keys.GrainKeys.KindId(g.Kind)}/{g.Id}: {string.Join(",", g.Missing)}").Order());
        // The city and each district: activities, complete ones.
        Assert.Equal((expected.Count, expected.Count(e => e.Missing.Length == 0)), (report.City.Total, report.City.Complete));
        var districts = expected.SelectMany(e => e.Districts.Select(d => (District: d, e.Missing))).GroupBy(x => x.District)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Count(x => x.Missing.Length == 0)));
        Assert.Equal(districts.OrderBy(d => d.Key).Select(d => $"{d.Key}:{d.Value}"),
            report.Districts.Where(d => d.Total > 0).OrderBy(d => d.Quartiere).Select(d => $"{d.Quartiere}:{(d.Total, d.Complete)}"));
        Assert.True(report.City.Complete < report.City.Total, "Bologna 2019 has gaps (its report's bases say so)");

        // Each field's count is its figure's base: "866 volontari, su 62 progetti".
        var document = await cluster.Grains.GetGrain<ICityIndicatorsGrain>("bologna/2019").GetDocument();
        Assert.Equal(62, report.City.Reported["progetto.volunteers"]);
        foreach (var (field, code) in new[] { ("progetto.volunteers", "PI.VOL"), ("progetto.beneficiaries", "PI.BEN"), ("tavolo.meetings", "TP.MEET"), ("gruppo.citizens", "GC.CIT") })
            Assert.Equal(document.Indicators[code].Base, report.City.Reported.GetValueOrDefault(field));
    }

    [Fact]
    public async Task A_district_s_operatori_mark_it_ready_and_not_ready_again_audited_until_the_year_is_closed()
    {
        var navile = Caller.InCity("op-navile", "bologna", [Roles.Operatore], "navile") with { Name = "Operatore di Navile" };
        var savena = Caller.InCity("op-savena", "bologna", [Roles.Operatore], "savena");
        Assert.Equal(CommandOutcome.Forbidden, (await As(savena, () => Year2019.MarkReady("navile", true))).Outcome);
        Assert.Equal(CommandOutcome.Forbidden, (await As(Analista, () => Year2019.MarkReady("navile", true))).Outcome);
        var nowhere = await As(Caller.InCity("op-x", "bologna", [Roles.Operatore], "atlantide"), () => Year2019.MarkReady("atlantide", true));
        Assert.Equal(("quartiere", "unknown-id"), (nowhere.Errors.Single().Field, nowhere.Errors.Single().Rule));

        Assert.Equal(CommandOutcome.Accepted, (await As(navile, () => Year2019.MarkReady("navile", true))).Outcome);
        var ready = (await As(Analista, () => Year2019.GetCompleteness())).Districts.Single(d => d.Quartiere == "navile");
        Assert.Equal((true, "Operatore di Navile"), (ready.Ready, ready.SignOff!.By));
        Assert.Equal(CommandOutcome.Unchanged, (await As(navile, () => Year2019.MarkReady("navile", true))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await As(navile, () => Year2019.MarkReady("navile", false))).Outcome);
        Assert.Equal(CommandOutcome.Accepted, (await As(navile, () => Year2019.MarkReady("navile", true))).Outcome);
        Assert.Equal(["district-ready", "district-not-ready", "district-ready"],
            cluster.AdminActs.Acts.Where(a => a.Target == "2019/navile").Select(a => a.Action));

        Assert.Equal(CommandOutcome.Accepted, (await As(Analista, () => Year2019.Close())).Outcome);
        var closed = await As(navile, () => Year2019.MarkReady("navile", false));
        Assert.Equal(("ready", "closed"), (closed.Errors.Single().Field, closed.Errors.Single().Rule));
        Assert.True((await As(Analista, () => Year2019.GetCompleteness())).Districts.Single(d => d.Quartiere == "navile").Ready);

        // Reopened to be mended, the year is signed off again.
        var admin = Caller.InCity("admin", "bologna", [Roles.Amministratore]);
        Assert.Equal(CommandOutcome.Accepted, (await As(admin, () => Year2019.Reopen("Correggere i dati di Navile"))).Outcome);
        Assert.False((await As(Analista, () => Year2019.GetCompleteness())).Districts.Single(d => d.Quartiere == "navile").Ready);
    }
}
