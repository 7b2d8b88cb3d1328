using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Organisations;
using ActorWelfare.Territories;
using Microsoft.Extensions.Logging;

namespace ActorWelfare.Imports;

/// <summary>
/// Runs one import: parse, check every row (nothing is applied while any row is bad), then apply
/// through the activity grains, the same command path as every other change. The result is stored,
/// so the same file sent again answers with it and changes nothing.
/// </summary>
public sealed partial class ImportGrain(
    [PersistentState("import", StorageNames.Imports)] IPersistentState<ImportStatus> saved,
    TerritoryCatalog territories, Storage.IActivityStore store, ILogger<ImportGrain> log) : Grain, IImportGrain
{
    private ImportStatus status = new();
    private Task? running;

    public async Task<ImportStatus> Start(byte[] content, ImportFormat format, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        // Only an operatore (or the cluster loading a dataset) imports; anyone else is refused before anything is read.
        if (!CallerContext.Current.IsSystem && !CallerContext.Current.Holds(Roles.Operatore, this.GetPrimaryKeyString().Split('/')[0]))
            return new ImportStatus
            {
                Id = this.GetPrimaryKeyString(), City = this.GetPrimaryKeyString().Split('/')[0], FileName = fileName, Format = format,
                Phase = ImportPhase.Refused, RefusedAs = CommandOutcome.Forbidden, By = CallerContext.Current.Name, Problems = [ImportProblem.From(0, null, Domain.Errors.NotAWriter())],
            };
        if (saved.RecordExists && saved.State.Phase == ImportPhase.Applied)
        {
            DeactivateOnIdle(); // nothing to hold: the stored answer is the answer
            return saved.State with { Repeated = true };
        }
        if (running is { IsCompleted: false }) return status;

        var caller = CallerContext.Current;
        var city = this.GetPrimaryKeyString().Split('/')[0];

        status = new ImportStatus
        {
            Id = this.GetPrimaryKeyString(), City = city, FileName = fileName, Format = format, Phase = ImportPhase.Checking,
            By = caller.Name, StartedAt = DateTimeOffset.UtcNow,
        };
        DelayDeactivation(TimeSpan.FromHours(1));
        running = RunAsync(content, caller);
        await Task.Yield();
        return status;
    }

    public Task<ImportStatus> GetStatus()
    {
        CityAccess.RequireReader(this.GetPrimaryKeyString().Split('/')[0]);
        // An activation that runs nothing only reads the stored answer: it releases itself once it has answered.
        if (running is null) DeactivateOnIdle();
        return Task.FromResult(running is null && saved.RecordExists ? saved.State : status);
    }

    // The rows are applied on behalf of whoever started the import (its audit names them), which this
    // task inherits from the Start call's request context.
    private async Task RunAsync(byte[] content, Caller caller)
    {
        try
        {
            await RunCheckedAsync(content, caller);
        }
        catch (Exception e)
        {
            LogFailed(e, status.Id);
            Telemetry.GrainTelemetry.Imports.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            status = status with
            {
                Phase = ImportPhase.Failed,
                Problems = [.. status.Problems, new ImportProblem(0, null, "import", "interrupted",
                    "import interrotto da un errore del sistema: invia di nuovo lo stesso file per completarlo.",
                    $"import interrupted by a system error ({e.GetType().Name}): send the same file again to complete it.")],
            };
        }
        // Problems as a plain list: grain storage writes the collection's type by name, and the type the compiler
        // makes for a collection expression cannot be read back (the stored status would answer nothing).
        status = status with { FinishedAt = DateTimeOffset.UtcNow, Problems = new List<ImportProblem>(status.Problems) };
        saved.State = status;
        await saved.WriteStateAsync();
        // Done: the import's memory (the file, its steps) is released; the stored status answers from now on.
        DeactivateOnIdle();
    }

    private async Task RunCheckedAsync(byte[] content, Caller caller)
    {
        if (!caller.IsSystem && !caller.Holds(Roles.Operatore, status.City)) { Refuse([ImportProblem.From(0, null, Domain.Errors.NotAWriter())], CommandOutcome.Forbidden); return; }
        var territory = territories.Get(status.City);
        var parsed = status.Format == ImportFormat.Csv ? CsvImport.Parse(content, status.City) : JsonImport.Parse(content);
        if (parsed.Document is not { } document) { Refuse(ImportReport.Compose(parsed.Problems, [])); return; }

        var registry = GrainFactory.GetGrain<IOrganisationRegistryGrain>(status.City);
        var types = (await registry.List()).ToDictionary(o => o.Id, o => o.Type);
        status = status with { Total = document.Activities.Count };
        var stored = await ReadStoredAsync(ImportCheck.Checkable(document, territory));
        var (steps, problems, rightsRefused) = ImportCheck.Review(document, territory, types,
            a => stored.GetValueOrDefault((a.Kind, a.Id)) ?? ActivityRecord.NotStored(status.City, a.Kind, a.Id),
            caller.IsSystem ? null : caller);
        await CheckClosedYearsAsync(steps, territory, problems);
        if (parsed.Problems.Count > 0 || problems.Count > 0)
        {
            Refuse(ImportReport.Compose(parsed.Problems, problems), rightsRefused ? CommandOutcome.Forbidden : CommandOutcome.Invalid);
            return;
        }

        status = status with { Phase = ImportPhase.Applying, Done = 0 };
        var unregistered = new List<ImportProblem>();
        await AtMostAsync(document.Organisations, async o =>
        {
            if ((await registry.Register(o)).Errors is not [var e, ..]) return true;
            unregistered.Add(ImportProblem.From(0, o.Id, e));
            return false;
        });
        if (unregistered.Count > 0) { Fail(unregistered); return; }
        // Each activity's commands in order, as one change; activities side by side (each its own grain, named once in the file).
        var refused = new List<ImportProblem>();
        await AtMostAsync(steps, async step =>
        {
            if (step.Commands.Count > 0)
            {
                // The activity's commands as one change: one transaction, an audit record each.
                var result = await GrainFactory.Activity(status.City, step.Activity.Kind, step.Activity.Id).ExecuteAll(step.Commands, step.FromVersion);
                if (!result.Succeeded)
                {
                    refused.AddRange(result.Errors.Select(e => ImportProblem.From(step.Activity.Row, step.Activity.Id, e)));
                    return false;
                }
            }
            status = status with
            {
                Done = status.Done + 1,
                Created = status.Created + (step.Exists || step.Commands.Count == 0 ? 0 : 1),
                Updated = status.Updated + (step.Exists && step.Commands.Count > 0 ? 1 : 0),
                Unchanged = status.Unchanged + (step.Commands.Count == 0 ? 1 : 0),
            };
            return true;
        });
        if (refused.Count > 0) { Fail([.. refused.OrderBy(p => p.Row)]); return; }
        status = status with { Phase = ImportPhase.Applied };
        Telemetry.GrainTelemetry.Imports.Add(1, new KeyValuePair<string, object?>("outcome", "applied"));
        Telemetry.GrainTelemetry.ImportedActivities.Add(status.Created + status.Updated);
        LogApplied(status.Id, status.Created, status.Updated, status.Unchanged);
    }

    /// <summary>
    /// The file's activities as stored now, read from the store a block at a time (the count of those read is the
    /// check's progress), without activating 20,000 grains to ask. A grain writes to its store before it changes, so
    /// this is what it holds, or newer (a grain behind its store reads it again when asked for a version it does not
    /// hold: ExecuteAll); a change made between this read and the apply is caught there (each activity's commands
    /// expect the version read here).
    /// </summary>
    private async Task<Dictionary<(ActivityKind, string), ActivityRecord>> ReadStoredAsync(IReadOnlyList<ImportedActivity> activities)
    {
        var stored = new Dictionary<(ActivityKind, string), ActivityRecord>();
        foreach (var block in activities.Chunk(ReadBlock))
        {
            foreach (var record in await store.LoadManyAsync(status.City, [.. block.Select(a => new Quartieri.ActivityRef(a.Kind, a.Id))]))
                stored[(record.Kind, record.Id)] = record;
            status = status with { Done = status.Done + block.Length };
        }
        return stored;
    }

    /// <summary>Activities read from the store at once while checking: a progress step, and a read of a few megabytes at most.</summary>
    private const int ReadBlock = 500;

    /// <summary>
    /// Runs <paramref name="work"/> for each item, <see cref="AtOnce"/> at a time, on this grain's own scheduler (so the
    /// status it updates is never touched by two threads). Once an item answers false, no new item starts; it returns
    /// when those under way have finished.
    /// </summary>
    private static async Task AtMostAsync<T>(IEnumerable<T> items, Func<T, Task<bool>> work)
    {
        using var stop = new CancellationTokenSource();
        var options = new ParallelOptions { MaxDegreeOfParallelism = AtOnce, TaskScheduler = TaskScheduler.Current, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(items, options, async (item, _) =>
            {
                if (!await work(item)) await stop.CancelAsync();
            });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // An item said stop: the caller reads why from what that item recorded.
        }
    }

    /// <summary>Activities applied at once: enough to keep the store's pool busy, a share of it for one import.</summary>
    private const int AtOnce = 16;

    /// <summary>A row that would change the figures of a closed year refuses the file, as the activity grain would.</summary>
    private async Task CheckClosedYearsAsync(IReadOnlyList<ImportStep> steps, Territory territory, List<ImportProblem> problems)
    {
        var closed = new Dictionary<int, bool>();
        foreach (var step in steps.Where(s => s.Commands.Count > 0))
        {
            var years = Activities.ActivityGrain.YearsTouched(step.Current).Union(Activities.ActivityGrain.YearsTouched(step.Final));
            foreach (var year in Domain.DatedProfile.ChangedYears(step.Current, step.Final, years))
            {
                if (!closed.TryGetValue(year, out var isClosed))
                    closed[year] = isClosed = await Years.ClosedYears.IsClosedAsync(GrainFactory, status.City, year);
                if (isClosed) { problems.Add(ImportProblem.From(step.Activity.Row, step.Activity.Id, Domain.Errors.YearClosed(year))); break; }
            }
        }
    }

    private void Refuse(IReadOnlyList<ImportProblem> problems, CommandOutcome outcome = CommandOutcome.Invalid)
    {
        status = status with { Phase = ImportPhase.Refused, RefusedAs = outcome, Problems = problems };
        Telemetry.GrainTelemetry.Imports.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
    }

    // Someone changed an activity between the check and its turn: what was applied stays, and the
    // same file sent again applies the rest (each activity is brought to what the file says).
    private void Fail(IReadOnlyList<ImportProblem> problems)
    {
        Telemetry.GrainTelemetry.Imports.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        status = status with
        {
            Phase = ImportPhase.Failed,
            Problems = [.. problems, new ImportProblem(0, null, "import", "incomplete",
                $"applicate {status.Done} attività su {status.Total}: invia di nuovo lo stesso file per completare.",
                $"{status.Done} of {status.Total} activities applied: send the same file again to complete.")],
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {Id} failed")]
    private partial void LogFailed(Exception e, string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {Id} applied: {Created} created, {Updated} updated, {Unchanged} unchanged")]
    private partial void LogApplied(string id, int created, int updated, int unchanged);
}
