using System.Security.Cryptography;
using System.Text;
using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Storage;
using ActorWelfare.Territories;
using Microsoft.Extensions.Logging;

namespace ActorWelfare.Years;

[GenerateSerializer, Alias("YearState")]
public sealed class YearState
{
    [Id(0)] public bool Closed { get; set; }
    [Id(1)] public List<YearEvent> Events { get; set; } = [];
    [Id(2)] public List<Commentary> Commentary { get; set; } = [];
    [Id(3)] public List<Annotation> Annotations { get; set; } = [];
    /// <summary>Each district's sign-off for closing (the latest: ready, or marked not ready again).</summary>
    [Id(4)] public Dictionary<string, DistrictSignOff> SignOffs { get; set; } = [];
}

/// <summary>
/// A city's year: closed or open (with who and why), and its snapshots. A snapshot reads every stored
/// activity of the year in one statement (a consistent cut: each activity at exactly one version) and
/// computes the document from that cut with the independent recomputation, so document and records
/// always agree.
/// </summary>
public sealed partial class YearGrain(
    [PersistentState("year", StorageNames.Years)] IPersistentState<YearState> state,
    IActivityStore activities, ISnapshotStore snapshots, IAdminActLog adminActs, TerritoryCatalog territories, ILogger<YearGrain> log)
    : Grain, IYearGrain
{
    private (string City, int Year) Key => GrainKeys.ParseCityYear(this.GetPrimaryKeyString());

    // The store follows the year's own record: a year closed before the store kept closed years, or whose
    // state write failed after the store's, is set right when the year is next used.
    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await activities.SetYearClosedAsync(Key.City, Key.Year, state.State.Closed, cancellationToken);

    public Task<YearStatus> GetStatus()
    {
        SignedIn();
        return Task.FromResult(Status());
    }

    public Task<bool> IsClosed()
    {
        // Whether a year is closed is no record: any signed-in person's page asks it before offering a change.
        if (!CallerContext.Current.IsSignedIn) throw new UnauthorizedAccessException(Errors.SignInRequired().MessageEn);
        return Task.FromResult(state.State.Closed);
    }

    /// <summary>A year's state and snapshots are for people with a role in the city (and the cluster's own work).</summary>
    private void SignedIn() => CityAccess.RequireReader(Key.City);

    /// <summary>The city's name as people read it (its id when no territory file has it).</summary>
    private string CityName => territories.TryGet(Key.City, out var t) ? t.Name : Key.City;

    public async Task<YearResult> Close()
    {
        if (!CallerContext.Current.Holds(Roles.Analista, Key.City)) return Refused(Errors.NotAnAnalyst(CityName));
        if (state.State.Closed) return new(CommandOutcome.Unchanged, Status(), []);
        // From here on the store refuses every save that alters the year. Silos remember a year's state for
        // ClosedYears.Ttl: once this answers, none still thinks it open, so their quick checks (the activity's,
        // an import's before it applies anything) give the same answer as the store.
        await RecordAsync(closed: true, reason: null);
        await Task.Delay(ClosedYears.Ttl + TimeSpan.FromMilliseconds(250));
        return new(CommandOutcome.Accepted, Status(), []);
    }

    public async Task<YearResult> Reopen(string reason)
    {
        if (!CallerContext.Current.Holds(Roles.Amministratore, Key.City)) return Refused(Errors.NotAnAdministrator(CityName));
        if (string.IsNullOrWhiteSpace(reason)) return Invalid(Errors.Required("reason"));
        if (reason.Length > 1000) return Invalid(Errors.TooLong("reason", 1000));
        if (!state.State.Closed)
            return Invalid(Errors.YearAlreadyOpen(Key.Year));
        // A reopened year is reopened to be mended: the districts sign off again (the reopening is the audited act).
        state.State.SignOffs.Clear();
        await RecordAsync(closed: false, reason.Trim());
        await Task.Delay(ClosedYears.Ttl + TimeSpan.FromMilliseconds(250)); // likewise: once answered, every silo lets edits in
        return new(CommandOutcome.Accepted, Status(), []);
    }

    public async Task<YearResult> TakeSnapshot(string label)
    {
        if (!CallerContext.Current.Holds(Roles.Analista, Key.City)) return Refused(Errors.NotAnAnalyst(CityName));
        if (!SnapshotInfo.Labels.Contains(label)) return Invalid(Errors.Unknown("label", label));
        var (city, year) = Key;
        var liveVersion = (await GrainFactory.GetGrain<ICityIndicatorsGrain>(this.GetPrimaryKeyString()).GetDocument()).Version;
        var cut = await activities.LoadCityYearAsync(city, year);
        var records = cut.Where(r => r.IsActiveIn(year)).OrderBy(r => r.Kind).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var takenAt = DateTimeOffset.UtcNow;
        var document = IndicatorRecomputation.Compute(territories.Get(city), year, cut, liveVersion) with { AsOf = takenAt };
        var words = Commentary.Current(state.State.Commentary) is { Count: > 0 } current ? current : null;
        var info = new SnapshotInfo(Guid.NewGuid(), city, year, label, CallerContext.Current.Name, takenAt,
            ContentHash(document, records, words), records.Count, state.State.Closed);
        await snapshots.SaveAsync(new Snapshot(info, document, records, await OrganisationNamesAsync(city, records), words));
        LogSnapshot(city, year, label, info.Id, records.Count);
        return new(CommandOutcome.Accepted, Status(), [], info);
    }

    public Task<IReadOnlyList<SnapshotInfo>> ListSnapshots()
    {
        SignedIn();
        return snapshots.ListAsync(Key.City, Key.Year);
    }

    public async Task<Snapshot?> GetSnapshot(Guid id)
    {
        // A snapshot carries activity records: for signed-in people only, as the records themselves.
        SignedIn();
        var snapshot = await snapshots.LoadAsync(id);
        return snapshot is { } s && s.Info.City == Key.City && s.Info.Year == Key.Year ? s : null;
    }

    // The snapshot's own records, their contributions worked out as the aggregators and verify do.
    public async Task<IReadOnlyList<string>?> GetSnapshotContributors(Guid id, FigureSelector figure)
    {
        if (await GetSnapshot(id) is not { } snapshot) return null;
        var territory = territories.Get(Key.City);
        var vectors = snapshot.Records.Select(r => (Record: r, Vector: ContributionVector.For(r, Key.Year, territory))).Where(v => v.Vector is not null).ToList();
        var organisations = figure.OrganisationsBehind(vectors.Select(v => v.Vector!.Keys));
        return [.. vectors.Where(v => figure.Matches(v.Vector!.Keys, organisations)).Select(v => ActivityJson.KeyOf(v.Record)).Order(StringComparer.Ordinal)];
    }

    /// <summary>The registry's names of the organisations the records name, as they are now.</summary>
    private async Task<IReadOnlyDictionary<string, string>> OrganisationNamesAsync(string city, IReadOnlyList<ActivityRecord> records)
    {
        var used = records.SelectMany(r => r.AllProfiles()).SelectMany(p => p.Organisations ?? []).Select(o => o.OrganisationId).ToHashSet(StringComparer.Ordinal);
        var registry = await GrainFactory.GetGrain<Organisations.IOrganisationRegistryGrain>(city).List();
        return new SortedDictionary<string, string>(registry.Where(o => used.Contains(o.Id)).ToDictionary(o => o.Id, o => o.Name), StringComparer.Ordinal);
    }

    /// <summary>The SHA-256 of what the snapshot says (figures and records), not of when it was taken.</summary>
    /// <summary>
    /// The SHA-256 of a snapshot's content: its figures, its records and, when it has any, the analysts' words
    /// (a snapshot without words hashes as snapshots did before there were words).
    /// </summary>
    public static string ContentHash(IndicatorDocument document, IReadOnlyList<ActivityRecord> records, IReadOnlyList<Commentary>? commentary = null) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(commentary is { Count: > 0 }
            ? ActivityJson.Write(new { document.City, document.Year, document.Indicators, document.Quartieri, records, commentary })
            : ActivityJson.Write(new { document.City, document.Year, document.Indicators, document.Quartieri, records }))));

    public async Task<YearResult> WriteCommentary(string section, string text)
    {
        if (!CallerContext.Current.Holds(Roles.Analista, Key.City)) return Refused(Errors.NotAnAnalystForWords(CityName));
        text = (text ?? "").Replace("\r\n", "\n").Trim();
        var errors = new List<ValidationError>();
        if (!Commentary.Sections.Contains(section)) errors.Add(Errors.Unknown("section", section));
        if (text.Length > Commentary.MaxLength) errors.Add(Errors.TooLong("commentary", Commentary.MaxLength));
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\t')) errors.Add(Errors.ControlCharacters("commentary"));
        if (errors.Count > 0) return new(CommandOutcome.Invalid, Status(), errors);
        var versions = state.State.Commentary;
        if ((versions.Where(c => c.Section == section).MaxBy(c => c.Version)?.Text ?? "") == text) return new(CommandOutcome.Unchanged, Status(), []);
        versions.Add(new Commentary(section, text, CallerContext.Current.Name, DateTimeOffset.UtcNow, versions.Count(c => c.Section == section) + 1));
        await state.WriteStateAsync();
        return new(CommandOutcome.Accepted, Status(), []);
    }

    public async Task<YearResult> Annotate(string code, string scope, string text)
    {
        if (!CallerContext.Current.Holds(Roles.Direttore, Key.City)) return Refused(Errors.NotADirector(CityName));
        text = (text ?? "").Replace("\r\n", "\n").Trim();
        var errors = new List<ValidationError>();
        if (!IndicatorCatalogue.ByCode.ContainsKey(code)) errors.Add(Errors.Unknown("figure", code));
        if (scope != FigureSelector.City && territories.Get(Key.City).FindQuartiere(scope) is null) errors.Add(Errors.Unknown("scope", scope));
        if (text.Length == 0) errors.Add(Errors.Required("commentary"));
        if (text.Length > Annotation.MaxLength) errors.Add(Errors.TooLong("commentary", Annotation.MaxLength));
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\t')) errors.Add(Errors.ControlCharacters("commentary"));
        if (errors.Count > 0) return new(CommandOutcome.Invalid, Status(), errors);
        state.State.Annotations.Add(new Annotation(Guid.NewGuid(), code, scope, text, CallerContext.Current.Name, CallerContext.Current.UserId, DateTimeOffset.UtcNow));
        await state.WriteStateAsync();
        return new(CommandOutcome.Accepted, Status(), []);
    }

    public async Task<YearResult> RemoveAnnotation(Guid id)
    {
        if (!CallerContext.Current.Holds(Roles.Direttore, Key.City)) return Refused(Errors.NotADirector(CityName));
        if (state.State.Annotations.RemoveAll(a => a.Id == id) == 0) return new(CommandOutcome.Unchanged, Status(), []);
        await state.WriteStateAsync();
        return new(CommandOutcome.Accepted, Status(), []);
    }

    public Task<IReadOnlyList<Annotation>> GetAnnotations()
    {
        SignedIn();
        return Task.FromResult<IReadOnlyList<Annotation>>([.. state.State.Annotations]);
    }

    public Task<IReadOnlyList<Commentary>> GetCommentary()
    {
        SignedIn();
        return Task.FromResult<IReadOnlyList<Commentary>>([.. state.State.Commentary]);
    }

    public async Task<YearCompleteness> GetCompleteness()
    {
        SignedIn();
        var (city, year) = Key;
        return Completeness.Compute(territories.Get(city), year, await activities.LoadCityYearAsync(city, year), state.State.SignOffs, state.State.Closed);
    }

    public async Task<YearResult> MarkReady(string quartiere, bool ready)
    {
        var caller = CallerContext.Current;
        var (city, year) = Key;
        var territory = territories.Get(city);
        // The district's own operatori answer for it (its referent among them); nobody else.
        if (!caller.Quartieri.Contains($"{city}/{quartiere}")) return Refused(Errors.NotAssigned(quartiere ?? "", territory));
        if (quartiere != ActivityRecord.WholeCity && territory.QuartieriIn(year).All(q => q.Id != quartiere))
            return Invalid(Errors.Unknown("quartiere", quartiere, territory));
        if (state.State.Closed) return Invalid(Errors.YearClosed(year, "ready"));
        var before = state.State.SignOffs.GetValueOrDefault(quartiere!);
        if ((before?.Ready ?? false) == ready) return new(CommandOutcome.Unchanged, Status(), []);
        await adminActs.RecordAsync(AdminAct.By(caller, ready ? AdminActions.DistrictReady : AdminActions.DistrictNotReady, city,
            $"{year}/{quartiere}", before?.Ready == true ? "ready" : "not-ready", ready ? "ready" : "not-ready"));
        state.State.SignOffs[quartiere!] = new DistrictSignOff(ready, caller.Name, DateTimeOffset.UtcNow);
        await state.WriteStateAsync();
        return new(CommandOutcome.Accepted, Status(), []);
    }

    private async Task RecordAsync(bool closed, string? reason)
    {
        await adminActs.RecordAsync(AdminAct.By(CallerContext.Current, closed ? AdminActions.YearClosed : AdminActions.YearReopened,
            Key.City, Key.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), closed ? "open" : "closed", closed ? "closed" : reason));
        await activities.SetYearClosedAsync(Key.City, Key.Year, closed);
        state.State.Closed = closed;
        state.State.Events.Add(new YearEvent(closed ? YearEvent.Closed : YearEvent.Reopened, DateTimeOffset.UtcNow,
            CallerContext.Current.Name, reason));
        await state.WriteStateAsync();
        LogYear(Key.City, Key.Year, closed ? YearEvent.Closed : YearEvent.Reopened, CallerContext.Current.Name);
    }

    private YearStatus Status() => new(Key.City, Key.Year, state.State.Closed, [.. state.State.Events]);

    private YearResult Refused(ValidationError error) => new(CommandOutcome.Forbidden, Status(), [error]);

    private YearResult Invalid(ValidationError error) => new(CommandOutcome.Invalid, Status(), [error]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Year {City} {Year} {Event} by {By}")]
    private partial void LogYear(string city, int year, string @event, string by);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot {City} {Year} ({Label}) {Id}: {Count} activities")]
    private partial void LogSnapshot(string city, int year, string label, Guid id, int count);
}
