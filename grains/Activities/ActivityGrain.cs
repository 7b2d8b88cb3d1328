using ActorWelfare.Access;
using ActorWelfare.Alerts;
using ActorWelfare.Cluster;
using ActorWelfare.Domain;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Storage;
using ActorWelfare.Telemetry;
using ActorWelfare.Territories;
using Microsoft.Extensions.Logging;

namespace ActorWelfare.Activities;

/// <summary>
/// One activity. A command is validated by the domain, stored with its audit record in one
/// transaction (<see cref="IActivityStore"/>), and only then acknowledged; the new absolute
/// contribution then goes to the aggregator of every year the activity touches before or after.
/// Activities write through their own store rather than Orleans grain storage so that state and
/// audit are one atomic write.
/// </summary>
public abstract partial class ActivityGrain(IActivityStore store, TerritoryCatalog territories, SystemKey systemKey, ILogger logger)
    : Grain, IActivityGrain
{
    private ActivityRecord record = new();
    // While Adopt rehearses a registration: Execute checks and builds the record, but stores and sends nothing.
    private bool planning;
    // While ExecuteAll gathers its commands: Execute checks and builds the record and keeps its write here.
    private Gathered? gathering;

    private sealed class Gathered
    {
        public readonly List<ActivityWrite> Writes = [];
        public readonly HashSet<int> AlteredYears = [];
    }

    protected abstract ActivityKind Kind { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (city, kind, id) = GrainKeys.ParseActivity(this.GetPrimaryKeyString());
        if (kind != Kind) throw new InvalidOperationException($"Key {this.GetPrimaryKeyString()} is not a {Kind}.");
        record = await store.LoadAsync(city, kind, id, cancellationToken) ?? ActivityRecord.NotStored(city, kind, id);
    }

    public Task<ActivityRecord> Get()
    {
        // Activity records are for people with a role in the city (aggregates carry no personal data; records may).
        CityAccess.RequireReader(record.City);
        return Task.FromResult(record);
    }

    public async Task<CommandResult> Execute(ActivityCommand command, long expectedVersion)
    {
        CommandResult result;
        try { result = await ExecuteAsync(command, expectedVersion); }
        catch (Exception e)
        {
            // The store unavailable, a timeout: counted, then answered as before.
            GrainTelemetry.Commands.Add(1, new("kind", record.Kind.Tag()), new("outcome", "failed"), new("rule", e.GetType().Name));
            throw;
        }
        // Commands gathered by ExecuteAll are counted once stored (a refusal at once).
        if (!planning && (gathering is null || !result.Succeeded))
            GrainTelemetry.Commands.Add(1, new("kind", record.Kind.Tag()), new("outcome", result.Outcome.Tag()),
                new("rule", result.Errors.Count > 0 ? result.Errors[0].Rule : "none"));
        return result;
    }

    private async Task<CommandResult> ExecuteAsync(ActivityCommand command, long expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!territories.TryGet(record.City, out var territory))
            return new(CommandOutcome.Invalid, record, [Errors.Unknown("city", record.City)]);

        // The same rule as every door: only an operator, and only in the quartieri assigned to them; the
        // cluster's own work (a dataset load) is the only other writer. The audit names whoever it is.
        var caller = CallerContext.Current;
        if (!caller.IsSystem && AccessRule.Refusal(caller, record, command, territory) is { } refusal)
            return new(CommandOutcome.Forbidden, record, [refusal]);
        // A merge is the registry's work on an administrator's behalf: the audit names the administrator.
        var actor = caller.IsSystem && command is ReplaceOrganisation { By: { } by } ? by : new Actor(caller.UserId, caller.Name);

        var facts = await OrganisationFactsAsync(command);
        string? TypeOf(string id) => facts.GetValueOrDefault(id)?.Type;
        if (ActivityRules.Judge(record, command, expectedVersion, territory, TypeOf) is { Refused: true } verdict)
            return new(verdict.Outcome, record, verdict.Errors);

        var before = record;
        var applied = ActivityRules.Apply(record, command, TypeOf);
        // Compared as it would be stored (a new record has no years before its first version).
        if (MergedLinks(before, applied with { Version = before.Version + 1 }, command, facts) is { Count: > 0 } merged) return new(CommandOutcome.Invalid, record, merged);
        // A meeting always changes the record; other commands may leave it as it was (compared as stored).
        if (command is not RecordMeeting && ActivityJson.Write(applied) == ActivityJson.Write(before)) return new(CommandOutcome.Unchanged, record, []);
        var next = applied with { Version = before.Version + 1 };
        if (!caller.IsSystem && AccessRule.YearsRefusal(caller, before, next, territory) is { } notHers)
            return new(CommandOutcome.Forbidden, record, [notHers]);
        var years = YearsTouched(before).Union(YearsTouched(next)).ToList();
        var altered = DatedProfile.ChangedYears(before, next, years);
        // Asked here for a quick answer; the store checks again in the save's own transaction (a year closed meanwhile).
        if (await ClosedYearAsync(altered) is { } closed) return ClosedYearRefusal(command, closed);

        var after = next with { UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = actor.UserId };
        var audit = new AuditEntry(after.City, after.Kind, after.Id, after.Version, after.UpdatedAt, actor,
            command.GetType().Name, ActivityJson.Write<object>(command), before.Version == 0 ? null : before, after);
        if (planning)
        {
            // Adopt's rehearsal: the record as it would be, nothing stored or sent.
            record = after;
            return new(CommandOutcome.Accepted, record, []);
        }
        if (gathering is not null)
        {
            // One of ExecuteAll's commands: kept, stored with the others.
            gathering.Writes.Add(new ActivityWrite(after, before.Version, audit));
            gathering.AlteredYears.UnionWith(altered);
            record = after;
            return new(CommandOutcome.Accepted, record, []);
        }
        var writes = new List<ActivityWrite> { new(after, before.Version, audit) };
        if (command is ChangeKind change)
        {
            // The new kind's grain checks the registration and says what it would store; both records are then
            // stored in one transaction, so there are never two live records (or none) for one activity.
            var plan = await GrainFactory.Activity(record.City, change.NewKind, record.Id).Adopt(record);
            if (!plan.Succeeded) return plan with { Record = record };
            var previous = await store.LoadAsync(record.City, change.NewKind, record.Id);
            writes.Insert(0, new ActivityWrite(plan.Record, previous?.Version ?? 0, new AuditEntry(plan.Record.City, plan.Record.Kind,
                plan.Record.Id, plan.Record.Version, after.UpdatedAt, actor, command.GetType().Name, ActivityJson.Write<object>(command), previous, plan.Record)));
            altered = [.. altered.Union(YearsChanged(previous, plan.Record))];
        }
        if (await StoreAsync(writes, altered, command, expectedVersion) is { } notStored) return notStored;
        await PublishSinceAsync(before, territory);
        if (command is ChangeKind moved)
        {
            try
            {
                await GrainFactory.Activity(record.City, moved.NewKind, record.Id).Reload(); // carries the system identity PublishAsync handed down
            }
            catch (Exception e)
            {
                LogPublishFailed(e, ActivityJson.KeyOf(after), after.Version); // stored all the same; the aggregators reconcile with the store
            }
        }
        return new(CommandOutcome.Accepted, record, []);
    }

    public async Task<CommandResult> ExecuteAll(IReadOnlyList<ActivityCommand> commands, long expectedVersion)
    {
        ArgumentNullException.ThrowIfNull(commands);
        // Each command's rights are checked by Execute below; who may not write at all is told before anything else.
        if (!CallerContext.Current.IsSystem && !CallerContext.Current.Holds(Roles.Operatore, record.City)) return new(CommandOutcome.Forbidden, record, [Errors.NotAWriter()]);
        if (commands.Any(c => c is ChangeKind))
            return new(CommandOutcome.Invalid, record, [Errors.Of("commands", "no-change-kind", "un cambio di tipo va inviato da solo.", "a change of kind is sent on its own.")]);
        // A caller that expects another version than the one held (an import plans from the store) has the store read
        // again first: a grain can fall behind its store (a save whose answer was lost, a reload after a change of kind
        // that failed), and would otherwise refuse every such call as a conflict until it is deactivated.
        if (expectedVersion != record.Version) await OnActivateAsync(CancellationToken.None);
        var before = record;
        var gathered = gathering = new Gathered();
        var result = new CommandResult(CommandOutcome.Unchanged, record, []);
        var version = expectedVersion;
        try
        {
            foreach (var command in commands)
            {
                result = await Execute(command, version);
                if (!result.Succeeded) return result with { Record = before };
                version = result.Record.Version;
            }
        }
        finally
        {
            gathering = null;
            record = before; // as stored until the save below succeeds
        }
        if (gathered.Writes.Count == 0) return result;

        if (await StoreAsync(gathered.Writes, gathered.AlteredYears, commands[0], expectedVersion) is { } notStored) return notStored;
        GrainTelemetry.Commands.Add(gathered.Writes.Count, new("kind", record.Kind.Tag()), new("outcome", CommandOutcome.Accepted.Tag()), new("rule", "none"));
        await PublishSinceAsync(before, territories.Get(record.City));
        return new(CommandOutcome.Accepted, record, []);
    }

    public async Task Reload()
    {
        if (!CallerContext.Current.IsSystem) throw new UnauthorizedAccessException("An activity is reloaded by the cluster's own work only.");
        if (!territories.TryGet(record.City, out var territory)) return;
        var before = record;
        record = await store.LoadAsync(record.City, Kind, record.Id) ?? before;
        if (record.Version == before.Version) return;
        await PublishSinceAsync(before, territory);
    }

    /// <summary>
    /// Stores the writes in one transaction (the last one is this activity's new record) and holds it; or, when
    /// the store refuses, the answer to give: a year closed meanwhile, or someone else's write (a split brain, a
    /// manual fix) — then this activation reloads what is stored and the caller retries against it.
    /// </summary>
    private async Task<CommandResult?> StoreAsync(IReadOnlyList<ActivityWrite> writes, IReadOnlyCollection<int> altered, ActivityCommand command, long expectedVersion)
    {
        var (saved, closedMeanwhile) = await store.SaveTogetherAsync(writes, altered);
        if (saved == SaveOutcome.YearClosed) return ClosedYearRefusal(command, closedMeanwhile!.Value);
        if (saved == SaveOutcome.Conflict)
        {
            await OnActivateAsync(CancellationToken.None);
            return new(CommandOutcome.Conflict, record, [Errors.Conflict(expectedVersion, record.Version)]);
        }
        record = writes[^1].Record;
        return null;
    }

    /// <summary>
    /// Publishes the record now held to the aggregator of every year it touched as <paramref name="before"/> or touches
    /// now (a year it left gets no vector); each aggregator compares it with what it held.
    /// </summary>
    private Task PublishSinceAsync(ActivityRecord before, Territory territory)
    {
        var years = YearsTouched(before).Union(YearsTouched(record)).ToList();
        return PublishAsync(record, ContributionVector.ByYear(record, territory, years));
    }

    public async Task<IReadOnlyList<HistoryEntry>> History()
    {
        CityAccess.RequireReader(record.City);
        return [.. (await store.HistoryAsync(record.City, record.Kind, record.Id))
            .Select(a => new HistoryEntry(a.Version, a.At, a.Actor, a.Command, a.ChangeJson, a.Before, a.After, YearsChanged(a.Before, a.After)))];
    }

    public async Task<CommandResult> Adopt(ActivityRecord from)
    {
        // Registering is a change like any other: the caller's rights are checked by Execute below.
        if (!CallerContext.Current.IsSystem && !CallerContext.Current.Holds(Roles.Operatore, record.City)) return new(CommandOutcome.Forbidden, record, [Errors.NotAWriter()]);
        ArgumentNullException.ThrowIfNull(from);
        var converted = ActivityRules.AsKind(from, Kind);
        var byYear = converted.ProfilesUntil.Count == 0 ? null : Enumerable.Range(converted.Profile.StartYear, converted.ProfilesUntil.Keys.Max() - converted.Profile.StartYear + 1)
            .ToDictionary(y => y, converted.ProfileFor);
        // A rehearsal: the same checks as a registration and its figures, on a copy; the record stays as stored.
        var stored = record;
        planning = true;
        try
        {
            var result = await Execute(new RegisterActivity(converted.Profile, byYear), record.Version);
            foreach (var (year, figures) in converted.Years)
            {
                if (!result.Succeeded) break;
                result = await Execute(new UpdateYearFigures(year, figures), result.Record.Version);
            }
            return result.Succeeded ? result : result with { Record = stored };
        }
        finally
        {
            planning = false;
            record = stored;
        }
    }

    /// <summary>
    /// An organisation merged into another is not linked anew, in any year (the figures follow the one it became);
    /// the years that already name it (closed ones a merge could not change) stay as they are.
    /// </summary>
    private static List<ValidationError> MergedLinks(ActivityRecord before, ActivityRecord after, ActivityCommand command,
        IReadOnlyDictionary<string, OrganisationFacts> facts)
    {
        var merged = facts.Where(f => f.Value.MergedInto is not null).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        if (merged.Count == 0) return [];
        static IEnumerable<string> Named(ActivityRecord r, int y) => r.IsActiveIn(y) ? (r.ProfileFor(y).Organisations ?? []).Select(o => o.OrganisationId) : [];
        var added = DatedProfile.YearsTouched(after).SelectMany(y => Named(after, y).Except(Named(before, y))).Where(merged.Contains).Distinct();
        var field = command is ReplaceOrganisation ? "into" : "organisations.organisationId";
        return [.. added.Order(StringComparer.Ordinal).Select(id => Errors.MergedOrganisation(field, id, facts[id].MergedInto!))];
    }

    private static IEnumerable<string?> EventOrganisations(IReadOnlyList<MeetingEvent?>? events) => (events ?? []).SelectMany(e => e?.Organisations ?? []);

    private async Task<IReadOnlyDictionary<string, OrganisationFacts>> OrganisationFactsAsync(ActivityCommand command)
    {
        var ids = command switch
        {
            RegisterActivity r when r.ByYear is not null => r.Profile?.Organisations?.Select(o => o?.OrganisationId)
                .Concat(r.ByYear.Values.SelectMany(p => p?.Organisations?.Select(o => o?.OrganisationId) ?? [])),
            RegisterActivity r => r.Profile?.Organisations?.Select(o => o?.OrganisationId),
            EditProfile e => e.Profile?.Organisations?.Select(o => o?.OrganisationId),
            // The organisations a year's meetings name are the registry's to confirm, as a profile's are.
            SaveActivity s => (s.Profile?.Organisations?.Select(o => o?.OrganisationId) ?? []).Concat(EventOrganisations(s.Figures?.Events)),
            UpdateYearFigures u => EventOrganisations(u.Figures?.Events),
            RecordEvent r => r.Event?.Organisations ?? [],
            AddOrganisation a => (record.ProfileFor(a.FromYear ?? record.Profile.StartYear).Organisations ?? []).Select(o => o.OrganisationId).Append(a.Link?.OrganisationId),
            ReplaceOrganisation r => record.AllProfiles().SelectMany(p => p.Organisations ?? []).Select(o => o.OrganisationId).Append(r.Into),
            _ => null,
        };
        var list = ids?.OfType<string>().Distinct().ToList();
        if (list is not { Count: > 0 }) return record.Profile.Organisations?.Where(o => o.Type is not null)
            .ToDictionary(o => o.OrganisationId, o => new OrganisationFacts(o.Type!, null)) ?? new Dictionary<string, OrganisationFacts>();
        return await GrainFactory.GetGrain<IOrganisationRegistryGrain>(record.City).Lookup(list);
    }

    /// <summary>
    /// Sends the new absolute contribution to every year it touched before or touches now (each year gets
    /// the new version, changed or not, so reconciliation sees it current), and hands the new record to the
    /// city's alerts. A failure here loses nothing: the aggregators reconcile with the store. (The quartiere
    /// registries need no notice: they read the districts stored with the activity.)
    /// </summary>
    private async Task PublishAsync(ActivityRecord after, IReadOnlyList<(int Year, Dictionary<string, long>? Vector)> vectors)
    {
        // The aggregators and the alerts take changes from the cluster's own work only.
        SystemIdentity.HandDown(systemKey);
        var key = ActivityJson.KeyOf(after);
        var calls = vectors.Select(v => GrainFactory.Grain<ICityIndicatorsGrain>(GrainKeys.CityYear(after.City, v.Year))
            .Contribute(new ActivityContribution(key, after.Version, v.Vector, after.UpdatedAt))).ToList();

        // The city's alerts look at the activity as it is now (a deleted or moved one: its alerts go).
        calls.Add(GrainFactory.Grain<IAlertsGrain>(after.City).Changed(after));
        try
        {
            await Task.WhenAll(calls);
        }
        catch (Exception e)
        {
            LogPublishFailed(e, key, after.Version);
        }
    }

    /// <summary>
    /// A closed year this change would alter (its figures or what the activity was that year), or null.
    /// Only the years the change alters are asked, so a closed year does not stop changes from a later year on.
    /// </summary>
    private async Task<int?> ClosedYearAsync(IReadOnlyList<int> changedYears)
    {
        var closed = await Task.WhenAll(changedYears
            .Select(async y => (Year: y, Closed: await Years.ClosedYears.IsClosedAsync(GrainFactory, record.City, y))));
        return closed.Where(c => c.Closed).Select(c => (int?)c.Year).Min();
    }

    private CommandResult ClosedYearRefusal(ActivityCommand command, int closed) =>
        new(CommandOutcome.Invalid, record, [Errors.YearClosed(closed, command is RecordEvent ? "events.date" : closed == FromYearOf(command) ? "fromYear" : "year")]);

    private static int? FromYearOf(ActivityCommand command) => command switch
    {
        EditProfile e => e.FromYear,
        SaveActivity s => s.FromYear,
        AddOrganisation a => a.FromYear,
        RemoveOrganisation r => r.FromYear,
        ChangeStatus c => c.FromYear,
        MoveToQuartieri m => m.FromYear,
        _ => null,
    };

    /// <summary>The years whose figures or profile a change altered (a new activity: every year of its span until next year).</summary>
    public static IReadOnlyList<int> YearsChanged(ActivityRecord? before, ActivityRecord after)
    {
        var was = before ?? new ActivityRecord();
        return DatedProfile.ChangedYears(was, after, YearsTouched(was).Union(YearsTouched(after)));
    }

    /// <summary>The years whose aggregates an activity's state can touch (<see cref="DatedProfile.YearsTouched"/>).</summary>
    public static IEnumerable<int> YearsTouched(ActivityRecord r) => DatedProfile.YearsTouched(r);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity {Key} v{Version} stored, but its contribution could not be delivered; the aggregators will reconcile")]
    private partial void LogPublishFailed(Exception e, string key, long version);
}

public sealed class ProgettoGrain(IActivityStore store, TerritoryCatalog territories, SystemKey systemKey, ILogger<ProgettoGrain> logger)
    : ActivityGrain(store, territories, systemKey, logger), IProgettoGrain
{
    protected override ActivityKind Kind => ActivityKind.Progetto;
}

public sealed class TavoloGrain(IActivityStore store, TerritoryCatalog territories, SystemKey systemKey, ILogger<TavoloGrain> logger)
    : ActivityGrain(store, territories, systemKey, logger), ITavoloGrain
{
    protected override ActivityKind Kind => ActivityKind.Tavolo;
}

public sealed class GruppoGrain(IActivityStore store, TerritoryCatalog territories, SystemKey systemKey, ILogger<GruppoGrain> logger)
    : ActivityGrain(store, territories, systemKey, logger), IGruppoGrain
{
    protected override ActivityKind Kind => ActivityKind.Gruppo;
}
