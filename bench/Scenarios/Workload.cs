using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>Deterministic synthetic activities of a city, valid under the city's own taxonomies.</summary>
public static class Workload
{
    public static (ActivityKind Kind, string Id, ActivityProfile Profile, YearFigures Figures) Activity(Territory city, int year, int index)
    {
        var random = new Random(index * 7919 + year);
        var tax = city.Taxonomies;
        var quartiere = city.Quartieri[index % city.Quartieri.Count];
        T Pick<T>(IReadOnlyList<T> list) => list[random.Next(list.Count)];
        var kind = (index % 10) switch { < 6 => ActivityKind.Progetto, < 8 => ActivityKind.Tavolo, _ => ActivityKind.Gruppo };
        var profile = new ActivityProfile
        {
            Name = $"Attività sintetica {index}", Quartieri = [quartiere.Id], StartYear = year, Status = "attivo",
        };
        if (kind == ActivityKind.Progetto)
        {
            profile = profile with
            {
                PromoterLevel = Pick(tax.PromoterLevels).Id, Reach = Pick(tax.Reach).Id, Target = Pick(tax.Targets).Id,
                Activities = [Pick(tax.Activities).Id], AccessMode = Pick(tax.AccessModes).Id, SstFunctions = [Pick(tax.SstFunctions).Id],
            };
            var beneficiaries = random.Next(1, 300);
            return (kind, $"b-p-{index}", profile, new YearFigures
            {
                Beneficiaries = beneficiaries, BeneficiariesInCarico = random.Next(0, beneficiaries + 1), Volunteers = random.Next(0, 20),
                Operators = new Dictionary<string, int> { [Pick(tax.Offices).Id] = random.Next(1, 5) },
            });
        }
        profile = profile with { Coordination = Pick(tax.CoordinationKinds).Id, Themes = [Pick(tax.Themes).Id], Purposes = [Pick(tax.Purposes).Id] };
        return (kind, $"b-{(kind == ActivityKind.Tavolo ? "t" : "g")}-{index}", profile, kind == ActivityKind.Gruppo
            ? new YearFigures { Meetings = random.Next(1, 30), Citizens = random.Next(1, 60) }
            : new YearFigures { Meetings = random.Next(1, 30) });
    }

    /// <summary>Runs <paramref name="total"/> calls over <paramref name="concurrency"/> workers; returns the elapsed time.</summary>
    public static async Task<TimeSpan> RunAsync(int total, int concurrency, Func<int, int, Task> call)
    {
        var next = -1;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < total) await call(worker, n);
        })));
        return clock.Elapsed;
    }
}
