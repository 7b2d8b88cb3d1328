using System.Diagnostics;
using System.Text.Json;
using ActorWelfare.Bench.Hosting;
using ActorWelfare.Imports;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Territories;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// An operatore's import at the format's limit: a JSON file (docs/import.md) of gruppi and tavoli spread over the
/// city's districts, two years of figures each, a tenth of them with organisations the file registers. It goes the way
/// every file goes — the import grain checks every row against the stored records, then applies each activity through
/// its grain's commands (audited) — while the status is read every 50 ms as the page's progress bar reads it. After
/// it, the figures of both years must equal the recomputation <c>verify</c> does.
/// </summary>
public static class ImportRun
{
    /// <param name="CheckSeconds">From the start to the first status that is applying (every row checked).</param>
    /// <param name="ProgressReads">Status reads that showed a different count of activities done than the one before.</param>
    /// <param name="LongestStillSeconds">The longest stretch in which the count of activities done did not move.</param>
    /// <param name="CheckCpu">CPU used while the rows were checked: the silo's process, PostgreSQL, and what the machine had.</param>
    /// <param name="ApplyCpu">The same while they were applied.</param>
    public sealed record Result(int Activities, int Organisations, double CheckSeconds, double ApplySeconds, double ActivitiesPerSecond,
        string Phase, bool VerifyEqual, int ProgressReads, double LongestStillSeconds,
        CpuSplit.Split? CheckCpu = null, CpuSplit.Split? ApplyCpu = null);

    public static async Task<Result> RunAsync(IGrainFactory grains, string connectionString, Territory city, int activities, int year)
    {
        var organisations = Math.Max(1, activities / 50);
        var file = File(city, activities, organisations, year);
        var cpu = await CpuSplit.StartAsync(connectionString);
        CpuSplit.Split? checkCpu = null;
        var clock = Stopwatch.StartNew();
        var (grain, status) = await grains.StartImportAsync(city.Id, file, ImportFormat.Json, $"bench-{activities}.json");
        double? applying = null;
        var (lastDone, lastMove, longestStill, moves) = (-1, 0.0, 0.0, 0);
        while (!status.Finished)
        {
            await Task.Delay(50);
            status = await grain.GetStatus();
            var now = clock.Elapsed.TotalSeconds;
            if (status.Phase == ImportPhase.Applying && applying is null)
            {
                applying = now;
                checkCpu = cpu.Stop();
                cpu = await CpuSplit.StartAsync(connectionString);
            }
            if (status.Done != lastDone) { (lastDone, lastMove, moves) = (status.Done, now, moves + 1); }
            longestStill = Math.Max(longestStill, now - lastMove);
        }
        var total = clock.Elapsed.TotalSeconds;
        var applyCpu = cpu.Stop();
        var check = applying ?? total;
        var equal = true;
        foreach (var y in new[] { year, year + 1 })
            equal &= (await grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear(city.Id, y)).Verify()).Equal;
        return new Result(activities, organisations, check, total - check, activities / Math.Max(total - check, 1e-9), status.Phase.ToString(),
            equal && status.Phase == ImportPhase.Applied, moves, longestStill, checkCpu, applyCpu);
    }

    /// <summary>The file, as an analyst's export would give it.</summary>
    private static byte[] File(Territory city, int activities, int organisations, int year)
    {
        var districts = city.QuartieriIn(year).Select(q => q.Id).ToArray();
        var file = new
        {
            city = city.Id,
            organisations = Enumerable.Range(0, organisations).Select(o => new { id = $"bench-org-{o}", name = $"Associazione {o}", type = "associazione" }),
            activities = Enumerable.Range(0, activities).Select(i => new
            {
                kind = i % 3 == 0 ? "tavolo" : "gruppo",
                id = $"bench-import-{year}-{i}",
                profile = new
                {
                    name = $"Attività importata {i}",
                    quartieri = new[] { districts[i % districts.Length] },
                    startYear = year,
                    endYear = year + 1,
                    status = "attivo",
                    organisations = i % 10 == 0
                        ? new[] { new { organisationId = $"bench-org-{i / 10 % organisations}", functions = Array.Empty<string>() } }
                        : [],
                },
                years = new Dictionary<string, object>
                {
                    [$"{year}"] = new { meetings = 1 + i % 12 },
                    [$"{year + 1}"] = new { meetings = 1 + i % 7 },
                },
            }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(file);
    }
}
