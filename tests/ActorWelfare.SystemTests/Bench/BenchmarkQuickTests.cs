using System.Text.Json;
using ActorWelfare.Bench;
using ActorWelfare.Bench.Results;
using Xunit;

namespace ActorWelfare.Tests.Bench;

/// <summary>
/// The benchmark's quick mode, as ./bench.sh --quick runs it: it must work and its results must be
/// correct (figures equal the recomputation, every update counted). How fast is reported, never asserted.
/// </summary>
public sealed class BenchmarkQuickTests
{
    [Fact]
    public async Task The_quick_benchmark_runs_every_scenario_with_correct_results_and_writes_json_and_markdown()
    {
        var server = Environment.GetEnvironmentVariable("ACTORWELFARE_TEST_PG")
            ?? throw new InvalidOperationException("ACTORWELFARE_TEST_PG is not set: run the tests with ./test.sh.");
        var output = Path.Combine(Path.GetTempPath(), "aw-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var options = BenchOptions.Parse(["--quick", "--pg", server, "--out", output, "--updates", "1500", "--concurrency", "16"]);
            var lines = new List<string>();
            var results = await BenchmarkRun.RunAsync(options, lines.Add);

            Assert.True(results.Correct, ResultWriter.Markdown(results));
            Assert.Equal(["memory", "postgres"], results.Throughput.Select(t => t.Storage).Order());
            Assert.All(results.Throughput, t => Assert.True(t.PerSecond > 0 && t.VerifyEqual && t.AllCounted));
            // Where the CPU went: the PostgreSQL run and its ceiling count the server's processes too.
            Assert.True(results.Throughput.Single(t => t.Storage == "postgres").Cpu is { Own: > 0, Postgres: > 0, Available: > 0 }, $"{results.Throughput[^1]}");
            Assert.True(results.Ceilings[0].Cpu is { Postgres: > 0 }, $"{results.Ceilings[0]}");
            Assert.True(results.Throughput.Single(t => t.Storage == "memory").Cpu is { Own: > 0 }, $"{results.Throughput[0]}");
            Assert.Equal(2, results.Ceilings.Count);
            Assert.All(results.Ceilings, c => Assert.True(c.PerSecond > 0));
            var read = Assert.Single(results.Reads);
            Assert.Equal(1_000, read.Activities);
            Assert.True(read.SameFigures && read.SnapshotComplete && read.SnapshotSeconds > 0);
            var national = Assert.Single(results.Scale);
            Assert.True(national.Cities >= 8_000 && national.Activities == 24_000 && national.BurstUpdates > 0, $"{national}");
            Assert.True(national.AllConverged && national.VerifyEqual && national.HeapBytesPerActivity > 0, $"{national}");
            // A restarted silo serves every city's figures equal to the recomputation, from its checkpoints (some repaired from
            // the changes made after them) and, without checkpoints, from every activity.
            Assert.Equal(["checkpoint", "activities"], (results.Restarts ?? []).Select(x => x.From));
            var (restored, reloaded) = (results.Restarts![0], results.Restarts[1]);
            Assert.True(restored is { AllEqual: true, LoadedFromActivities: 0, ChangedAfterCheckpoint: > 0, RepairedFromStore: > 0 }
                && restored.LoadedFromCheckpoint + restored.RepairedFromStore == national.Cities, $"{restored}");
            Assert.True(reloaded is { AllEqual: true, LoadedFromCheckpoint: 0, RepairedFromStore: 0 } && reloaded.LoadedFromActivities == national.Cities, $"{reloaded}");
            Assert.Contains(results.Targets, t => t.What.StartsWith("restarted silo", StringComparison.Ordinal) && !t.Met);
            Assert.True(results.Machine.Cores > 0);
            Assert.Equal(3, results.Freshness.Count);
            var fanOut = Assert.Single(results.FanOut);
            Assert.Equal(fanOut.Subscribers, fanOut.GotLastState);
            Assert.All(results.Freshness, f => Assert.True(f.AllDelivered && f.P50Ms >= 0 && f.MaxMs >= f.P99Ms && f.P99Ms >= f.P50Ms, $"{f}"));
            // The aggregator's own meters were read: a version or more for the updates, never more versions than updates.
            Assert.All(results.Freshness, f => Assert.True(f.Publication.Versions > 0 && f.Publication.Versions <= f.Updates && f.Publication.GapP50Ms >= 16, $"{f.Publication}"));
            Assert.Equal(["cold", "warm"], (results.PageLoads ?? []).Select(p => p.Cache));
            Assert.All(results.PageLoads!, p => Assert.True(p.ChartsDrawn > 0 && p.FirstChartMs > 0 && p.Bytes > 0 && p.PlotlyScript.StartsWith("plotly-basic", StringComparison.Ordinal), $"{p}"));
            // The first screen's charts came as pictures and were painted; the relay counted the circuit's WebSocket as it
            // travels, compressed (fewer bytes than its messages).
            Assert.All(results.PageLoads!, p => Assert.True(p.Pictures > 0 && p.PaintedMs > 0
                && p.WebSocketBytes > 0 && p.WebSocketBytes < p.WebSocketMessageBytes && p.HttpBytes > 0, $"{p}"));
            // An operatore's save reached the other open page every time, measured on the browser's clock.
            var click = Assert.Single(results.ClicksToScreen ?? []);
            Assert.True(click is { Clicks: 5, Missed: 0 } && click.P50Ms > 0 && click.ConfirmedP50Ms > 0 && click.StoredToAggregatorP50Ms > 0, $"{click}");
            Assert.Contains(results.Targets, t => t.What == "click to screen p99 (ms)");
            // Open overview pages: each showed the last version while seen and again once seen after being hidden.
            var open = Assert.Single(results.OpenPages ?? []);
            // The versions are the aggregator's, counted (2 paced saves, each its own or coalesced), and every page followed.
            Assert.True(open is { Pages: 2, Behind: 0, Versions: >= 1 and <= 2, HiddenVersions: >= 1 and <= 2 }, $"{open}");
            var network = Assert.Single(results.Network ?? []);
            Assert.True(network.SameFigures && network.GraphBytes > 0 && network.DrawnOrganisations is > 0 and <= 400 && network.FullGraphBytes >= network.GraphBytes, $"{network}");
            // The network page drawn in Chromium: Bologna 2019, the synthetic city whole (pruned to 400 + 400) and one district.
            Assert.Equal(["Bologna 2019", "Crema 2060"], (results.NetworkDraws ?? []).Take(2).Select(d => d.Page));
            Assert.Equal(3, results.NetworkDraws!.Count);
            Assert.All(results.NetworkDraws, d => Assert.True(d.DrawnNodes > 0 && d.PictureMs > 0 && d.DrawMs > 0 && d.WebSocketBytes > 0 && d.Organisations > 0, $"{d}"));
            Assert.True(results.NetworkDraws[1].DrawnNodes <= 800 && results.NetworkDraws[1].Activities == 2_000, $"{results.NetworkDraws[1]}");
            Assert.Contains(results.Targets, t => t.What == "network page of Bologna 2019 on screen (ms)" && t.Measured > 0);
            Assert.Contains(results.Targets, t => t.What == "network page of Bologna 2019 interactive (ms)" && t.Measured > 0);
            Assert.Contains(results.Targets, t => t.What.StartsWith("durable updates vs PostgreSQL ceiling", StringComparison.Ordinal));
            Assert.Contains(results.Targets, t => t.What.StartsWith("silo memory with 1,000,000 activities", StringComparison.Ordinal) && !t.Met && t.Note.StartsWith("projected", StringComparison.Ordinal));

            // An import of 1,000 activities checked and applied through the grains, its progress moving, its figures equal to verify.
            var import = Assert.Single(results.Imports ?? []);
            Assert.True(import.Activities == 1_000 && import.Phase == "Applied" && import.VerifyEqual && import.ProgressReads > 1 && import.ApplySeconds > 0, $"{import}");
            Assert.True(import.ApplyCpu is { Own: > 0, Postgres: > 0 } && import.CheckCpu is { Own: > 0 }, $"{import}");
            Assert.Contains(results.Targets, t => t.What.StartsWith("import of 1,000 activities", StringComparison.Ordinal) && !t.Met);

            var (json, markdown) = ResultWriter.Write(results, output);
            var written = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement;
            Assert.Equal("quick", written.GetProperty("mode").GetString());
            Assert.Equal(2, written.GetProperty("throughput").GetArrayLength());
            var table = await File.ReadAllTextAsync(markdown);
            Assert.Contains("| commands, postgres storage |", table);
            Assert.Contains("ceiling: PostgreSQL durable single-row writes", table);
            Assert.Contains("| national dataset: cities |", table);
            Assert.Contains("| import: activities |", table);
            Assert.Contains("| open overview pages |", table);
            Assert.Contains("| restarted silo: aggregators loaded from |", table);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
