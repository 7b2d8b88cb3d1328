using System.Collections.Concurrent;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>An export being written for a page, with how far it has got.</summary>
public sealed class ExportJob(Guid id, string owner, string fileName, string contentType)
{
    public Guid Id { get; } = id;
    public string Owner { get; } = owner;
    public string FileName { get; } = fileName;
    public string ContentType { get; } = contentType;
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
    public double Progress { get; internal set; }
    public byte[]? Bytes { get; internal set; }
    public string? Error { get; internal set; }
    public bool Done => Bytes is not null || Error is not null;
}

/// <summary>
/// Exports written in the background for the pages, so a long one can show its progress; the file is
/// then fetched from /api/v1/exports/{id} by the person who asked for it, for ten minutes.
/// </summary>
public sealed partial class ExportJobs(ILogger<ExportJobs> log, ExportGate gate)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);
    /// <summary>Exports that may wait per slot before more are refused.</summary>
    public const int QueuePerSlot = 10;
    private readonly ConcurrentDictionary<Guid, ExportJob> jobs = new();

    public ExportJob Start(ReportModel report, string format, string owner) =>
        Start(owner, SnapshotExports.FileName(report.Snapshot.Info, format), SnapshotExports.Formats[format],
            progress => SnapshotExports.Write(format, report, progress).Bytes, $"{format} of snapshot {report.Snapshot.Info.Id}");

    /// <summary>Writes with <paramref name="write"/> once the host has a free export slot (waiting at progress 0 until then).</summary>
    public ExportJob Start(string owner, string fileName, string contentType, Func<IProgress<double>, byte[]> write, string what)
    {
        foreach (var old in jobs.Values.Where(j => DateTimeOffset.UtcNow - j.Started > KeepFor)) jobs.TryRemove(old.Id, out _);
        var job = new ExportJob(Guid.NewGuid(), owner, fileName, contentType);
        jobs[job.Id] = job;
        // Each waiting export holds its report in memory: a bounded queue, then "try again later".
        if (jobs.Values.Count(j => !j.Done) > gate.AtOnce * QueuePerSlot)
        {
            job.Error = Localization.Texts.T("Troppe esportazioni in corso su questo server: riprova tra poco.", "Too many exports under way on this server: try again shortly.");
            return job;
        }
        _ = Task.Run(async () =>
        {
            await gate.EnterAsync(Timeout.InfiniteTimeSpan);
            try
            {
                job.Bytes = write(new Progress(job));
                job.Progress = 1;
            }
            catch (Exception e)
            {
                LogFailed(e, what);
                job.Error = e.Message;
            }
            finally
            {
                gate.Leave();
            }
        });
        return job;
    }

    public ExportJob? Find(Guid id, string owner) => jobs.TryGetValue(id, out var job) && job.Owner == owner ? job : null;

    private sealed class Progress(ExportJob job) : IProgress<double>
    {
        public void Report(double value) => job.Progress = Math.Clamp(value, 0, 0.99);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {What} failed")]
    private partial void LogFailed(Exception e, string what);
}

/// <summary>
/// How many snapshot exports this host writes at once ("Reports:ExportsAtOnce", default 2): a PDF or a
/// workbook of a large city takes CPU and memory, and many at once would starve the live pages.
/// </summary>
public sealed class ExportGate(int atOnce) : IDisposable
{
    private readonly SemaphoreSlim slots = new(Math.Max(1, atOnce), Math.Max(1, atOnce));

    public int AtOnce { get; } = Math.Max(1, atOnce);

    /// <summary>Takes a slot, waiting at most <paramref name="wait"/>; false when none came free in time.</summary>
    public Task<bool> EnterAsync(TimeSpan wait, CancellationToken cancellation = default) => slots.WaitAsync(wait, cancellation);

    public void Leave() => slots.Release();

    public void Dispose() => slots.Dispose();
}
