using System.Runtime.InteropServices;
using ActorWelfare.Bench.Scenarios;

namespace ActorWelfare.Bench.Results;

/// <summary>The machine the figures were measured on.</summary>
public sealed record Machine(int Cores, double MemoryGiB, string Os, string Dotnet, string Orleans, string? PostgreSql)
{
    public static Machine Describe(string? postgres) => new(
        Environment.ProcessorCount,
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024, 1),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        (System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(Grain).Assembly)?.InformationalVersion ?? "?").Split('+', ' ')[0].TrimEnd('.'),
        postgres);
}

/// <summary>A target of issue 7 and whether this run met it, with by how much.</summary>
public sealed record Target(string What, string Goal, double Measured, bool Met, string Note);

public sealed record BenchResults(
    string Mode,
    DateTimeOffset At,
    Machine Machine,
    IReadOnlyList<UpdateThroughput.Result> Throughput,
    IReadOnlyList<Ceilings.Result> Ceilings,
    IReadOnlyList<Reads.Result> Reads,
    IReadOnlyList<Freshness.Result> Freshness,
    IReadOnlyList<FanOut.Result> FanOut,
    IReadOnlyList<Scale.Result> Scale,
    IReadOnlyList<Target> Targets,
    IReadOnlyList<PageLoad.Result>? PageLoads = null,
    IReadOnlyList<Network.Result>? Network = null,
    IReadOnlyList<NetworkDraw.Result>? NetworkDraws = null,
    IReadOnlyList<ImportRun.Result>? Imports = null,
    IReadOnlyList<ClickToScreen.Result>? ClicksToScreen = null,
    IReadOnlyList<OpenPages.Result>? OpenPages = null,
    IReadOnlyList<Restart.Result>? Restarts = null)
{
    /// <summary>Whether every result is also correct (figures equal the recomputation, every update counted and delivered).</summary>
    public bool Correct => Throughput.All(t => t.VerifyEqual && t.AllCounted) && Reads.All(r => r.SameFigures) && Freshness.All(f => f.AllDelivered)
        && FanOut.All(f => f.GotLastState == f.Subscribers) && Reads.All(r => r.SnapshotComplete)
        && Scale.All(s => s.AllConverged && s.VerifyEqual) && (PageLoads ?? []).All(p => p.ChartsDrawn > 0)
        && (Network ?? []).All(n => n.SameFigures) && (NetworkDraws ?? []).All(d => d.DrawnNodes > 0) && (Imports ?? []).All(i => i.VerifyEqual)
        && (ClicksToScreen ?? []).All(c => c.Missed == 0) && (OpenPages ?? []).All(o => o.Behind == 0)
        && (Restarts ?? []).All(r => r.AllEqual);
}
