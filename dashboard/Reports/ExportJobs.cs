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
public sealed partial class ExportJobs(ILogger<ExportJobs> log)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<Guid, ExportJob> jobs = new();

    public ExportJob Start(ReportModel report, string format, string owner)
    {
        foreach (var old in jobs.Values.Where(j => DateTimeOffset.UtcNow - j.Started > KeepFor)) jobs.TryRemove(old.Id, out _);
        var job = new ExportJob(Guid.NewGuid(), owner, SnapshotExports.FileName(report.Snapshot.Info, format), SnapshotExports.Formats[format]);
        jobs[job.Id] = job;
        _ = Task.Run(() =>
        {
            try
            {
                job.Bytes = SnapshotExports.Write(format, report, new Progress(job)).Bytes;
                job.Progress = 1;
            }
            catch (Exception e)
            {
                LogFailed(e, format, report.Snapshot.Info.Id);
                job.Error = e.Message;
            }
        });
        return job;
    }

    public ExportJob? Find(Guid id, string owner) => jobs.TryGetValue(id, out var job) && job.Owner == owner ? job : null;

    private sealed class Progress(ExportJob job) : IProgress<double>
    {
        public void Report(double value) => job.Progress = Math.Clamp(value, 0, 0.99);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {Format} of snapshot {Id} failed")]
    private partial void LogFailed(Exception e, string format, Guid id);
}
