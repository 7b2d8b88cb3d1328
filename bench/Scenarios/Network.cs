using System.Diagnostics;
using System.Text.Json;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Indicators;
using ActorWelfare.Territories;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// The network at a city's largest scale (issue 18: 5,000 organisations, 20,000 activities): what the aggregator
/// pays to keep the network figures (all activities in, one document, one change and its document), whether they
/// equal the recomputation, and what the network page asks of the server (the graph of the whole city pruned to
/// 400 organisations, of one district, and unpruned) and sends (its JSON).
/// </summary>
public static class Network
{
    public sealed record Result(int Organisations, int Activities, long Links, double ApplyMs, double DocumentMs, double ChangeMs,
        bool SameFigures, IReadOnlyList<string> Differences, double GraphMs, long GraphBytes, int DrawnOrganisations, double DistrictGraphMs, long DistrictGraphBytes,
        double FullGraphMs, long FullGraphBytes);

    public static Result Run(Territory city, int organisations, int activities, int year)
    {
        var records = Records(city, organisations, activities, year);
        var clock = Stopwatch.StartNew();
        var totals = new IndicatorTotals();
        foreach (var r in records) totals.Apply(totals.Hold(ContributionVector.For(r, year, city)), +1);
        var applyMs = clock.Elapsed.TotalMilliseconds;

        var documentMs = Median(3, () => totals.ToDocument(city, year, 1, DateTimeOffset.UnixEpoch), out var live);
        // One operatore's change: an organisation more in one activity, its contribution replaced, the document written.
        var changed = records[0] with { Profile = records[0].Profile with { Organisations = [.. records[0].Profile.Organisations!.Where(o => o.OrganisationId != "org-1"), new OrganisationLink("org-1", ["spazi"], TypeOf(records, "org-1") ?? city.Taxonomies.OrganisationTypes[0].Id)] } };
        var changeMs = Median(1, () =>
        {
            totals.Apply(ContributionVector.For(records[0], year, city), -1);
            totals.Apply(ContributionVector.For(changed, year, city), +1);
            return totals.ToDocument(city, year, 2, DateTimeOffset.UnixEpoch);
        }, out live);
        records[0] = changed;
        var recomputed = IndicatorRecomputation.Compute(city, year, records, 2);
        var differences = Differences(live!, recomputed);
        var same = differences.Count == 0;

        var names = Enumerable.Range(0, organisations).ToDictionary(i => $"org-{i}", i => $"Organizzazione sintetica {i}");
        (double Ms, long Bytes, NetworkGraph Graph) Graph(NetworkFilter filter, int limit)
        {
            var ms = Median(3, () => NetworkGraphBuilder.Build(city, year, records, names, filter, limit, 2), out var graph);
            return (ms, JsonSerializer.SerializeToUtf8Bytes(graph).LongLength, graph);
        }
        var whole = Graph(new(), 400);
        var district = Graph(new(District: city.Quartieri[0].Id), 400);
        var full = Graph(new(), 20_000);
        return new Result(organisations, activities, records.Sum(r => (long)r.Profile.Organisations!.Count), applyMs, documentMs, changeMs, same, differences,
            whole.Ms, whole.Bytes, whole.Graph.Organisations.Count, district.Ms, district.Bytes, full.Ms, full.Bytes);
    }

    /// <summary>An organisation's type as the activities give it (the registry's, the same everywhere).</summary>
    private static string? TypeOf(IEnumerable<ActivityRecord> records, string organisation) =>
        records.SelectMany(r => r.Profile.Organisations ?? []).FirstOrDefault(o => o.OrganisationId == organisation)?.Type;

    /// <summary>The figures (scope and code) where the live document and the recomputation differ, the first ten.</summary>
    private static IReadOnlyList<string> Differences(IndicatorDocument live, IndicatorDocument recomputed) =>
        [.. recomputed.Quartieri.Select(q => (Scope: q.Key, Figures: q.Value)).Prepend((Scope: "*", Figures: recomputed.Indicators))
            .SelectMany(s => s.Figures.Where(f => JsonSerializer.Serialize(f.Value) != JsonSerializer.Serialize(
                (s.Scope == "*" ? live.Indicators : live.Quartieri.GetValueOrDefault(s.Scope))?.GetValueOrDefault(f.Key)))
                .Select(f => $"{s.Scope} {f.Key}"))
            .Take(10)];

    private static double Median<T>(int runs, Func<T> run, out T last)
    {
        var times = new List<double>();
        last = default!;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            last = run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times.Order().ElementAt(times.Count / 2);
    }

    /// <summary>The organisations (indexes) of one generated activity: 1 to 8, chosen so that a few take part in many activities and most in few, as in a city.</summary>
    public static IEnumerable<int> ChooseOrganisations(Random random, int organisations) =>
        Enumerable.Range(0, 1 + random.Next(8)).Select(_ => (int)(organisations * Math.Pow(random.NextDouble(), 2))).Distinct();

    /// <summary>
    /// Deterministic activities of two years (so continuity has a year before) with 1–8 organisations each, a few
    /// organisations in many activities and most in few (as in a city), across the city's districts and kinds.
    /// </summary>
    private static List<ActivityRecord> Records(Territory city, int organisations, int activities, int year)
    {
        var random = new Random(18);
        var types = city.Taxonomies.OrganisationTypes;
        var functions = city.Taxonomies.OrganisationFunctions;
        var typeOf = Enumerable.Range(0, organisations).Select(_ => types[random.Next(types.Count)].Id).ToArray();
        return [.. Enumerable.Range(0, activities).Select(i =>
        {
            var chosen = ChooseOrganisations(random, organisations);
            return new ActivityRecord
            {
                City = city.Id, Kind = (ActorWelfare.Activities.ActivityKind)(i % 3), Id = $"net-{i}", Version = 1,
                Profile = new ActivityProfile
                {
                    Name = $"Attività di rete {i}", Quartieri = [city.Quartieri[i % city.Quartieri.Count].Id], StartYear = year - (i % 4 == 0 ? 1 : 0),
                    Status = "attivo",
                    Organisations = [.. chosen.Select(o => new OrganisationLink($"org-{o}", [functions[random.Next(functions.Count)].Id], typeOf[o]))],
                },
            };
        })];
    }
}
