using ActorWelfare.Cluster;

namespace ActorWelfare.Activities;

/// <summary>One activity, keyed "city/kind/id" (<see cref="Keys.GrainKeys.Activity"/>).</summary>
public interface IActivityGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates and applies a command on behalf of the caller handed down in the request context (an
    /// operatore in their quartieri, or the cluster's own work), who is also the one the audit names.
    /// <paramref name="expectedVersion"/> is the version the caller based it on (0 to register); any
    /// other version gets <see cref="CommandOutcome.Conflict"/>. The change is stored, with its audit
    /// record, before the result comes back.
    /// </summary>
    [Alias("Execute")]
    Task<CommandResult> Execute(ActivityCommand command, long expectedVersion);

    /// <summary>
    /// Several commands as one change (an import's rows for this activity): each is checked as
    /// <see cref="Execute"/> checks it, against the record the ones before it made; then all are stored in one
    /// transaction, an audit record each, or none is. The answer is the first refusal (nothing stored) or the
    /// record after the last command. <see cref="ChangeKind"/> is not among them (it writes another grain's record).
    /// </summary>
    [Alias("ExecuteAll")]
    Task<CommandResult> ExecuteAll(IReadOnlyList<ActivityCommand> commands, long expectedVersion);

    [Alias("Get")]
    Task<ActivityRecord> Get();

    /// <summary>
    /// What this activity would be if registered from a record of another kind (used by
    /// <see cref="ChangeKind"/>): its profile and figures, less the fields this kind does not use, checked
    /// as a registration by the caller. Nothing is stored: the old kind's grain stores both records in one
    /// transaction, then tells this one to <see cref="Reload"/>.
    /// </summary>
    [Alias("Adopt")]
    Task<CommandResult> Adopt(ActivityRecord from);

    /// <summary>Reads the activity again from the store and passes on what changed (the cluster's own work only).</summary>
    [Alias("Reload")]
    Task Reload();

    /// <summary>Every accepted change, oldest first: who, when, what, before → after.</summary>
    [Alias("History")]
    Task<IReadOnlyList<HistoryEntry>> History();
}

[Alias("IProgettoGrain")]
public interface IProgettoGrain : IActivityGrain;

[Alias("ITavoloGrain")]
public interface ITavoloGrain : IActivityGrain;

[Alias("IGruppoGrain")]
public interface IGruppoGrain : IActivityGrain;

public static class ActivityGrains
{
    /// <summary>The grain of an activity of any kind.</summary>
    public static IActivityGrain Activity(this IGrainFactory grains, string city, ActivityKind kind, string id)
    {
        var key = Keys.GrainKeys.Activity(city, kind, id);
        return kind switch
        {
            ActivityKind.Progetto => grains.Grain<IProgettoGrain>(key),
            ActivityKind.Tavolo => grains.Grain<ITavoloGrain>(key),
            ActivityKind.Gruppo => grains.Grain<IGruppoGrain>(key),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
