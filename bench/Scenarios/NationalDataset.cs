using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Territories;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// A generated national dataset: thousands of cities shaped like a real one (its taxonomies, two to
/// ten quartieri each) and activities spread over them as populations are, a few large cities and
/// many small ones (Zipf: the city of rank r gets a share proportional to 1/r, every city at least one).
/// Everything is deterministic, so the benchmark can rebuild any city's records to check its figures.
/// </summary>
public sealed class NationalDataset
{
    public IReadOnlyList<Territory> Cities { get; }

    /// <summary>How many activities each city has, in the order of <see cref="Cities"/>.</summary>
    public IReadOnlyList<int> Activities { get; }

    public int Year { get; }

    public int Total => Activities.Sum();

    public NationalDataset(Territory template, int cities, int activities, int year)
    {
        if (activities < cities) throw new ArgumentException($"activities: at least one per city ({cities}), got {activities}.", nameof(activities));
        Year = year;
        Cities = [.. Enumerable.Range(1, cities).Select(i => City(template, i))];
        Activities = Allocate(cities, activities);
    }

    private static Territory City(Territory template, int rank)
    {
        var quartieri = Enumerable.Range(1, 2 + rank % 9).Select(q => new Quartiere($"q{q}", $"Quartiere {q}", [new Zone($"q{q}-z1", $"Zona {q}")])).ToList();
        return template with { Id = $"comune-{rank:D5}", Name = $"Comune {rank}", Quartieri = quartieri, DefinitionNotes = null };
    }

    private static List<int> Allocate(int cities, int activities)
    {
        var weights = Enumerable.Range(1, cities).Select(r => 1.0 / r).ToList();
        var spread = activities - cities; // one each first, the rest by weight
        var sum = weights.Sum();
        var counts = weights.Select(w => 1 + (int)(spread * w / sum)).ToList();
        for (var i = 0; counts.Sum() < activities; i = (i + 1) % cities) counts[i]++;
        return counts;
    }

    /// <summary>
    /// The stored record of a city's activity as the command path makes it: registered, then the year's
    /// figures, each command validated and applied by the domain rules.
    /// </summary>
    public ActivityRecord Record(Territory city, int index, DateTimeOffset at)
    {
        var (kind, id, profile, figures) = Workload.Activity(city, Year, index);
        var record = new ActivityRecord { City = city.Id, Kind = kind, Id = id };
        foreach (var command in new ActivityCommand[] { new RegisterActivity(profile), new UpdateYearFigures(Year, figures) })
        {
            var errors = ActivityRules.Validate(record, command, record.Version, city, _ => null);
            if (errors.Count > 0) throw new InvalidOperationException($"{city.Id}/{id}: {string.Join("; ", errors.Select(e => e.MessageEn))}");
            record = ActivityRules.Apply(record, command, _ => null) with { Version = record.Version + 1, UpdatedAt = at, UpdatedBy = "bench" };
        }
        return record;
    }

    /// <summary>
    /// The activities a burst updates, one meeting each: tavoli and gruppi taken round-robin across the
    /// cities (the first of every city, then the second…), at most <paramref name="updates"/> of them.
    /// </summary>
    public IReadOnlyList<(int City, int Index)> Burst(int updates)
    {
        var burst = new List<(int, int)>(updates);
        for (var round = 0; burst.Count < updates; round++)
        {
            var any = false;
            for (var c = 0; c < Cities.Count && burst.Count < updates; c++)
            {
                var index = 10 * round + 6 + round % 4; // indices ending in 6-9 are tavoli and gruppi (Workload)
                if (index >= Activities[c]) continue;
                burst.Add((c, index));
                any = true;
            }
            if (!any) break;
        }
        return burst;
    }
}
