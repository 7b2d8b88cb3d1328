using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorWelfare.Bench.Results;

/// <summary>Prints the table and writes the results as JSON and Markdown.</summary>
public static class ResultWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Markdown(BenchResults r)
    {
        string N(double v, int d = 0) => v.ToString("N" + d, CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## Run of {r.At:yyyy-MM-dd HH:mm} UTC ({r.Mode})").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {r.Machine.Cores} cores, {N(r.Machine.MemoryGiB, 1)} GiB, {r.Machine.Os}; {r.Machine.Dotnet}; Orleans {r.Machine.Orleans}; PostgreSQL {r.Machine.PostgreSql ?? "—"}. Everything (database, silo, load generator) on this one machine.").AppendLine();
        if (r.Throughput.Count + r.Ceilings.Count > 0)
        {
            md.AppendLine("| update path | updates | concurrency | updates/s | figures equal `verify` | CPU µs per update: this process / PostgreSQL | machine busy |").AppendLine("|---|---:|---:|---:|---|---|---:|");
            string PerOperation(Hosting.CpuSplit.Split? c, int operations) =>
                c is null ? "" : $"{N(c.Own * 1e6 / operations)} / {(c.Postgres > 0 ? N(c.Postgres * 1e6 / operations) : "—")}";
            string Busy(Hosting.CpuSplit.Split? c) => c is null ? "" : $"{N(c.Busy * 100)} %";
            foreach (var t in r.Throughput) md.AppendLine(CultureInfo.InvariantCulture, $"| commands, {t.Storage} storage | {N(t.Updates)} | {t.Concurrency} | {N(t.PerSecond)} | {(t.VerifyEqual && t.AllCounted ? "yes" : "NO")} | {PerOperation(t.Cpu, t.Updates)} | {Busy(t.Cpu)} |");
            foreach (var c in r.Ceilings) md.AppendLine(CultureInfo.InvariantCulture, $"| ceiling: {c.Name} | {N(c.Operations)} | {c.Concurrency} | {N(c.PerSecond)} | — | {PerOperation(c.Cpu, c.Operations)} | {Busy(c.Cpu)} |");
            md.AppendLine();
            foreach (var t in r.Throughput.Where(t => t.Rows is { Updated: > 0 }))
                md.AppendLine(CultureInfo.InvariantCulture, $"Activity rows updated while the {t.Storage} run ran: {N(t.Rows!.Updated)}, of which {N(t.Rows.HeapOnly)} ({N(100.0 * t.Rows.HeapOnly / t.Rows.Updated)} %) in place (HOT: the new version in the same page, no index touched).").AppendLine();
        }
        if (r.Reads.Count > 0)
        {
            md.AppendLine("| activities | aggregator read (ms, median) | SQL + recomputation (ms, median) | ratio | same figures | year-end snapshot (s) | snapshot complete |").AppendLine("|---:|---:|---:|---:|---|---:|---|");
            foreach (var x in r.Reads) md.AppendLine(CultureInfo.InvariantCulture, $"| {N(x.Activities)} | {N(x.AggregatorMs, 2)} | {N(x.SqlMs, 1)} | {N(x.Ratio)}× | {(x.SameFigures ? "yes" : "NO")} | {N(x.SnapshotSeconds, 2)} | {(x.SnapshotComplete ? "yes" : "NO")} |");
            md.AppendLine();
        }
        if (r.Freshness.Count > 0)
        {
            md.AppendLine("| freshness: load | updates | achieved updates/s | p50 ms | p95 ms | p99 ms | max ms | last state arrived | versions published | wait for a version p50 / p99 ms | pacing gap p50 / max ms |")
                .AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
            foreach (var f in r.Freshness)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {f.Load} | {N(f.Updates)} | {N(f.AchievedRate)} | {N(f.P50Ms, 1)} | {N(f.P95Ms, 1)} | {N(f.P99Ms, 1)} | {N(f.MaxMs, 1)} | {(f.AllDelivered ? "yes" : "NO")} | {N(f.Publication.Versions)} | {N(f.Publication.DelayP50Ms, 1)} / {N(f.Publication.DelayP99Ms, 1)} | {N(f.Publication.GapP50Ms, 1)} / {N(f.Publication.GapMaxMs, 1)} |");
            md.AppendLine();
        }
        if (r.Imports is { Count: > 0 } imports)
        {
            md.AppendLine("| import: activities | organisations | checked in s | applied in s | activities/s applied | phase | figures equal `verify` | progress moves | longest still s | CPU s while checking: silo / PostgreSQL / machine | CPU s while applying: silo / PostgreSQL / machine |")
                .AppendLine("|---:|---:|---:|---:|---:|---|---|---:|---:|---|---|");
            string Cpu(Hosting.CpuSplit.Split? c) => c is null ? "" : $"{N(c.Own, 1)} / {N(c.Postgres, 1)} / {N(c.Available, 1)}";
            foreach (var i in imports)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {N(i.Activities)} | {N(i.Organisations)} | {N(i.CheckSeconds, 1)} | {N(i.ApplySeconds, 1)} | {N(i.ActivitiesPerSecond)} | {i.Phase} | {(i.VerifyEqual ? "yes" : "NO")} | {N(i.ProgressReads)} | {N(i.LongestStillSeconds, 1)} | {Cpu(i.CheckCpu)} | {Cpu(i.ApplyCpu)} |");
            md.AppendLine();
        }
        if (r.ClicksToScreen is { Count: > 0 } clicks)
        {
            md.AppendLine("| click to screen in Chromium: saves | p50 ms | p99 ms | max ms | never shown | the operatore's own page says done, p50 ms | in the silo: stored to the aggregator, p50 ms |").AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var c in clicks) md.AppendLine(CultureInfo.InvariantCulture, $"| {N(c.Clicks)} | {N(c.P50Ms, 1)} | {N(c.P99Ms, 1)} | {N(c.MaxMs, 1)} | {N(c.Missed)} | {N(c.ConfirmedP50Ms, 1)} | {N(c.StoredToAggregatorP50Ms, 1)} |");
            md.AppendLine();
        }
        if (r.OpenPages is { Count: > 0 } open)
        {
            md.AppendLine("| open overview pages | opened in s | dashboard MB | MB per page | versions: seen / hidden | dashboard CPU ms per version: pages seen | pages hidden | idle CPU ms/s | pages behind | seen again: all show the newest in ms |")
              .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var o in open)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {N(o.Pages)} | {N(o.OpenSeconds, 1)} | {N(o.DashboardMb)} | {N(o.MbPerPage, 2)} | {N(o.Versions)} / {N(o.HiddenVersions)} | {N(o.SeenCpuMsPerVersion, 1)} | {N(o.HiddenCpuMsPerVersion, 1)} | {N(o.IdleCpuMsPerSecond, 1)} | {N(o.Behind)} | {N(o.CatchUpMs)} |");
            md.AppendLine();
        }
        if (r.FanOut.Count > 0)
        {
            md.AppendLine("| fan-out: subscribers | updates | got the last state | p50 ms | p99 ms | max ms |").AppendLine("|---:|---:|---:|---:|---:|---:|");
            foreach (var f in r.FanOut) md.AppendLine(CultureInfo.InvariantCulture, $"| {N(f.Subscribers)} | {N(f.Updates)} | {N(f.GotLastState)} | {N(f.P50Ms, 1)} | {N(f.P99Ms, 1)} | {N(f.MaxMs, 1)} |");
            md.AppendLine();
        }
        if (r.PageLoads is { Count: > 0 } pageLoads)
        {
            md.AppendLine("| page load: `/` in Chromium | loads | first headline ms | first chart painted ms | first chart drawn by plotly.js ms | live ms | kB on the wire | of which HTTP | of which WebSocket (its messages decompressed) | responses | charts pictured / drawn / on the page | plotly.js |")
              .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var p in pageLoads)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {p.Cache} | {p.Loads} | {N(p.HeadlineMs)} | {N(p.PaintedMs)} | {N(p.FirstChartMs)} | {N(p.LiveMs)} | {N(p.Bytes / 1000.0)} | {N(p.HttpBytes / 1000.0)} | {N(p.WebSocketBytes / 1000.0)} ({N(p.WebSocketMessageBytes / 1000.0)}) | {p.Requests} | {p.Pictures} / {p.ChartsDrawn} / {p.Charts} | `{p.PlotlyScript}` |");
            md.AppendLine().AppendLine("| page load trace (medians) | HTML received ms | first chart painted ms | DOMContentLoaded ms | plotly.js received ms | plotly.js run ms | first chart drawn ms |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var p in pageLoads.Where(p => p.Trace is not null))
                md.AppendLine(CultureInfo.InvariantCulture, $"| {p.Cache} | {N(p.Trace!.HtmlMs)} | {N(p.PaintedMs)} | {N(p.Trace.DomContentLoadedMs)} | {N(p.Trace.PlotlyFetchedMs)} | {N(p.Trace.PlotlyReadyMs)} | {N(p.FirstChartMs)} |");
            md.AppendLine();
        }
        if (r.Scale.Count > 0)
        {
            md.AppendLine("| national dataset: cities | activities | largest city | COPY s | activation s | heap GiB | working set GiB | bytes/activity (heap) | of which activity grains | of which aggregators | bytes/activity (working set) | burst updates | burst s | converged after s | all cities equal | `verify` sample |")
              .AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
            foreach (var s in r.Scale)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {N(s.Cities)} | {N(s.Activities)} | {N(s.LargestCity)} | {N(s.CopySeconds, 1)} | {N(s.ActivateSeconds, 1)} | {N(s.HeapGiB, 2)} | {N(s.WorkingSetGiB, 2)} | {N(s.HeapBytesPerActivity)} | {N(s.ActivityGrainBytes)} | {N(s.AggregatorBytes)} | {N(s.WorkingSetBytesPerActivity)} | {N(s.BurstUpdates)} | {N(s.BurstSeconds, 1)} | {N(s.ConvergeSeconds, 2)} | {(s.AllConverged ? "yes" : "NO")} | {(s.VerifyEqual ? "equal" : "NO")} |");
            md.AppendLine();
        }
        if (r.Restarts is { Count: > 0 } restarts)
        {
            md.AppendLine("| restarted silo: aggregators loaded from | cities | activities | changed after the checkpoints | checkpoints MB | silo start s | all figures served s | all equal | from checkpoint | of which repaired | from every activity | CPU s: this process / PostgreSQL | GC pauses s | machine busy |")
              .AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---:|---:|");
            foreach (var x in restarts)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {x.From} | {N(x.Cities)} | {N(x.Activities)} | {N(x.ChangedAfterCheckpoint)} | {N(x.CheckpointMegabytes, 1)} | {N(x.StartSeconds, 1)} | {N(x.ServedSeconds, 2)} | {(x.AllEqual ? "yes" : "NO")} | {N(x.LoadedFromCheckpoint + x.RepairedFromStore)} | {N(x.RepairedFromStore)} | {N(x.LoadedFromActivities)} | {(x.Cpu is { } c ? $"{N(c.Own, 1)} / {N(c.Postgres, 1)}" : "")} | {(x.Cpu is { } g ? N(g.GcPause, 2) : "")} | {(x.Cpu is { } b ? $"{N(100 * b.Busy)} %" : "")} |");
            md.AppendLine();
        }
        if (r.Network is { Count: > 0 } network)
        {
            md.AppendLine("| network: organisations | activities | participations | all in ms | document ms | one change + document ms | equal to recomputation | graph ms (400 drawn) | graph kB | district graph ms | district kB | unpruned graph ms | unpruned kB |")
              .AppendLine("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
            foreach (var n in network)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {N(n.Organisations)} | {N(n.Activities)} | {N(n.Links)} | {N(n.ApplyMs)} | {N(n.DocumentMs)} | {N(n.ChangeMs)} | {(n.SameFigures ? "yes" : "NO")} | {N(n.GraphMs)} | {N(n.GraphBytes / 1000.0)} | {N(n.DistrictGraphMs)} | {N(n.DistrictGraphBytes / 1000.0)} | {N(n.FullGraphMs)} | {N(n.FullGraphBytes / 1000.0)} |");
            md.AppendLine();
        }
        if (r.NetworkDraws is { Count: > 0 } draws)
        {
            md.AppendLine("| network page in Chromium | organisations | activities | visits | first visit: on screen ms | on screen ms (median) | interactive drawing ms | graph in the page at ms | cytoscape starts at ms | cytoscape build ms | page live at ms | nodes drawn | kB received | of which HTTP | of which WebSocket |")
              .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var d in draws)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {d.Page} | {N(d.Organisations)} | {N(d.Activities)} | {d.Visits} | {N(d.FirstVisitMs)} | {N(d.PictureMs)} | {N(d.DrawMs)} | {N(d.GraphDataMs)} | {N(d.LayoutStartMs)} | {N(d.LayoutMs)} | {N(d.LiveMs)} | {N(d.DrawnNodes)} | {N(d.Bytes / 1000.0)} | {N(d.HttpBytes / 1000.0)} | {N(d.WebSocketBytes / 1000.0)} |");
            md.AppendLine();
        }
        md.AppendLine("| target | goal | measured | met | note |").AppendLine("|---|---|---:|---|---|");
        foreach (var t in r.Targets) md.AppendLine(CultureInfo.InvariantCulture, $"| {t.What} | {t.Goal} | {N(t.Measured, 1)} | {(t.Met ? "yes" : "**no**")} | {t.Note} |");
        return md.ToString();
    }

    public static (string Json, string Markdown) Write(BenchResults results, string directory)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"{results.At:yyyyMMdd-HHmmss}-{results.Mode}");
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(results, Json));
        File.WriteAllText(stem + ".md", Markdown(results));
        return (stem + ".json", stem + ".md");
    }
}
