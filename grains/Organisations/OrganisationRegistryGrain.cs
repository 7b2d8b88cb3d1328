using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Storage;
using ActorWelfare.Territories;
using Microsoft.Extensions.Logging;

namespace ActorWelfare.Organisations;

[GenerateSerializer, Alias("OrganisationRegistryState")]
public sealed class OrganisationRegistryState
{
    [Id(0)] public Dictionary<string, Organisation> Organisations { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A city's organisations: operatori add and describe them, amministratori rename and merge them, every change
/// in the administrative audit. A merge leaves a tombstone and moves the open years of every activity that names
/// the merged organisation to the one it became (<see cref="MergeActivitiesAsync"/>).
/// </summary>
public sealed partial class OrganisationRegistryGrain(
    [PersistentState("registry", StorageNames.Organisations)] IPersistentState<OrganisationRegistryState> registry,
    TerritoryCatalog territories, IAdminActLog adminActs, IActivityStore store, SystemKey systemKey,
    ILogger<OrganisationRegistryGrain> logger) : Grain, IOrganisationRegistryGrain
{
    private string City => this.GetPrimaryKeyString();

    async Task<OrganisationResult> IOrganisationRegistryGrain.Register(Organisation organisation)
    {
        // Operators add the organisations they work with, in a city where they have a quartiere, and describe
        // them; administrators keep the registry (only they rename); datasets load theirs.
        var caller = CallerContext.Current;
        var keeper = caller.IsSystem || caller.Holds(Roles.Amministratore, City);
        if (!keeper && !caller.Holds(Roles.Operatore, City))
            return new(CommandOutcome.Forbidden, null, [Errors.Of("city", "own-city", $"solo chi lavora a {CityName} (un suo operatore) o un suo amministratore aggiunge organizzazioni al suo registro.",
                $"only people working in {CityName} (its operatori) or one of its administrators add organisations to its registry.")]);
        ArgumentNullException.ThrowIfNull(organisation);
        organisation = organisation with { Districts = organisation.Districts is { Count: > 0 } d ? [.. d] : null, Description = Blank(organisation.Description) };
        var errors = OrganisationRules.Problems(organisation, territories.Get(City));
        registry.State.Organisations.TryGetValue(organisation.Id, out var existing);
        if (existing is not null)
        {
            // A file loaded again names a merged record as it was: nothing to change.
            if (existing.IsMerged && existing.Name == organisation.Name && existing.Type == organisation.Type && errors.Count == 0)
                return new(CommandOutcome.Unchanged, existing, []);
            if (existing.IsMerged)
                errors.Add(Errors.MergedOrganisation("id", existing.Id, existing.MergedInto!));
            else if (existing.Type != organisation.Type)
                errors.Add(Errors.Of("type", "immutable", $"l'organizzazione «{existing.Id}» è già registrata come «{existing.Type}».",
                    $"organisation '{existing.Id}' is already registered as '{existing.Type}'."));
        }
        if (errors.Count > 0) return new(CommandOutcome.Invalid, existing, errors);
        if (existing is not null && existing.SameAs(organisation)) return new(CommandOutcome.Unchanged, existing, []);
        if (existing is not null && !keeper && existing.Name != organisation.Name)
            return new(CommandOutcome.Forbidden, existing, [Errors.Of("name", "amministratore",
                $"l'organizzazione «{existing.Id}» si chiama «{existing.Name}»: solo un amministratore la rinomina.",
                $"organisation '{existing.Id}' is named '{existing.Name}': only an administrator renames it.")]);
        var action = existing is null ? AdminActions.OrganisationRegistered
            : existing.Name != organisation.Name ? AdminActions.OrganisationRenamed : AdminActions.OrganisationDescribed;
        await adminActs.RecordAsync(AdminAct.By(caller, action, City, organisation.Id, existing is null ? null : Describe(existing), Describe(organisation)));
        await SaveAsync(organisation);
        return new(CommandOutcome.Accepted, organisation, []);
    }

    async Task<OrganisationResult> IOrganisationRegistryGrain.Merge(string id, string into, string intoCity)
    {
        var caller = CallerContext.Current;
        if (!caller.IsSystem && !caller.Holds(Roles.Amministratore, City))
            return new(CommandOutcome.Forbidden, null, [Errors.Of("role", "amministratore", $"solo un amministratore di {CityName} unisce due organizzazioni.",
                $"only an administrator of {CityName} merges two organisations.")]);
        var organisations = registry.State.Organisations;
        var merged = organisations.GetValueOrDefault(id ?? "");
        if (merged is null)
            return new(CommandOutcome.NotFound, null, [Errors.Of("id", "registered", $"l'organizzazione «{id}» non è nel registro di {CityName}.",
                $"organisation '{id}' is not in {CityName}'s registry.")]);
        var errors = OrganisationRules.MergeProblems(merged, into, intoCity, City, organisations.GetValueOrDefault(into ?? ""), CityName);
        if (errors.Count > 0) return new(CommandOutcome.Invalid, merged, errors);

        var by = new Actor(caller.UserId, caller.Name);
        if (!merged.IsMerged)
        {
            // The tombstone is in force before the first await: an activity asking Lookup from now on is refused the merged id.
            var tombstone = merged with { Status = OrganisationStatus.Merged, MergedInto = into };
            organisations[merged.Id] = tombstone;
            try
            {
                await adminActs.RecordAsync(AdminAct.By(caller, AdminActions.OrganisationMerged, City, merged.Id, Describe(merged), $"→ {organisations[into!].Name} ({into})"));
            }
            catch
            {
                DeactivateOnIdle(); // the stored registry, without the tombstone, is what a new activation reads
                throw;
            }
            await SaveAsync(tombstone);
            merged = tombstone;
        }
        var (changed, failures) = await MergeActivitiesAsync(merged.Id, into!, by);
        return new(failures.Count == 0 ? CommandOutcome.Accepted : CommandOutcome.Conflict, merged, failures, changed);
    }

    /// <summary>
    /// Every activity that names <paramref name="id"/> names <paramref name="into"/> instead, from the first year on
    /// that no closed year stops (a change of who took part in a year also alters the next two years' continuity).
    /// An activity that cannot be changed now (moved meanwhile, a year closed meanwhile) is reported: asking again finishes.
    /// </summary>
    private async Task<(List<string> Changed, List<ValidationError> Failures)> MergeActivitiesAsync(string id, string into, Actor by)
    {
        var changed = new List<string>();
        var failures = new List<ValidationError>();
        var closedYears = new Dictionary<int, bool>();
        SystemIdentity.HandDown(systemKey);
        // Twice: an activity that linked the organisation just before the tombstone, and was stored after the first
        // reading, is found by the second.
        var seen = new HashSet<(string, long)>();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var stored in await store.ListOrganisationAsync(City, id))
            {
                if (!seen.Add((ActivityJson.KeyOf(stored), stored.Version))) continue;
                var years = DatedProfile.YearsTouched(stored).ToList();
                foreach (var y in years.Where(y => !closedYears.ContainsKey(y)))
                    closedYears[y] = await Years.ClosedYears.IsClosedAsync(GrainFactory, City, y);
                var from = Math.Max(stored.Profile.StartYear, years.Where(y => closedYears[y]).Select(y => y + 1).DefaultIfEmpty(int.MinValue).Max());
                if (stored.Profile.EndYear < from) continue; // named only in closed years: their history stays
                var grain = GrainFactory.Activity(City, stored.Kind, stored.Id);
                CommandResult result = new(CommandOutcome.Conflict, stored, []);
                for (var attempt = 0; attempt < 3 && result.Outcome == CommandOutcome.Conflict; attempt++)
                {
                    var current = attempt == 0 ? stored : await grain.Get();
                    result = await grain.Execute(new ReplaceOrganisation(id, into, from, by), current.Version);
                }
                if (result.Outcome == CommandOutcome.Accepted) changed.Add(ActivityJson.KeyOf(result.Record));
                else if (result.Outcome != CommandOutcome.Unchanged)
                {
                    LogActivityNotMerged(stored.Kind, stored.Id, result.Outcome);
                    var name = stored.Profile.Name;
                    var why = result.Errors.Count > 0 ? result.Errors[0] : null;
                    failures.Add(Errors.Of("activity", "merge-pending",
                        $"«{name}» non è stata aggiornata ({why?.MessageIt ?? result.Outcome.ToString()}): ripeti l'unione per completarla.",
                        $"'{name}' was not updated ({why?.MessageEn ?? result.Outcome.ToString()}): merge again to finish."));
                }
            }
        }
        return (changed, failures);
    }

    Task<IReadOnlyDictionary<string, OrganisationFacts>> IOrganisationRegistryGrain.Lookup(IReadOnlyList<string> ids)
    {
        SignedIn();
        var found = new Dictionary<string, OrganisationFacts>(StringComparer.Ordinal);
        foreach (var id in ids)
            if (registry.State.Organisations.TryGetValue(id, out var o)) found[id] = new OrganisationFacts(o.Type, o.MergedInto);
        return Task.FromResult<IReadOnlyDictionary<string, OrganisationFacts>>(found);
    }

    Task<IReadOnlyList<Organisation>> IOrganisationRegistryGrain.List()
    {
        SignedIn();
        return Task.FromResult<IReadOnlyList<Organisation>>([.. registry.State.Organisations.Values.OrderBy(o => o.Id, StringComparer.Ordinal)]);
    }

    async Task<OrganisationProfile?> IOrganisationRegistryGrain.Profile(string id, int currentYear)
    {
        SignedIn();
        if (registry.State.Organisations.GetValueOrDefault(id ?? "") is not { } organisation) return null;
        var all = registry.State.Organisations.Values;
        var mergedFrom = all.Where(o => o.MergedInto == organisation.Id).OrderBy(o => o.Id, StringComparer.Ordinal).ToList();
        var ids = mergedFrom.Select(o => o.Id).Append(organisation.Id).ToHashSet(StringComparer.Ordinal);
        var records = new Dictionary<string, ActivityRecord>(StringComparer.Ordinal);
        foreach (var one in ids)
            foreach (var r in await store.ListOrganisationAsync(City, one))
                records[ActivityJson.KeyOf(r)] = r;
        var (participations, ties) = OrganisationHistory.Of(ids, records.Values, currentYear);
        var names = ties.Select(t => t.OrganisationId).Distinct()
            .ToDictionary(o => o, o => registry.State.Organisations.GetValueOrDefault(o)?.Name ?? o, StringComparer.Ordinal);
        return new OrganisationProfile(organisation, mergedFrom, participations, ties, names);
    }

    private async Task SaveAsync(Organisation organisation)
    {
        registry.State.Organisations[organisation.Id] = organisation;
        try
        {
            await registry.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private string CityName => territories.TryGet(City, out var t) ? t.Name : City;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Describe(Organisation o) =>
        $"{o.Name} ({o.Type}; {OrganisationStatus.Label(o.Status).It}{(o.Districts is { Count: > 0 } d ? "; " + string.Join(", ", d) : "")})";

    /// <summary>The registry is read by people with a role in the city (and the cluster's own work).</summary>
    private void SignedIn() => CityAccess.RequireReader(City);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Merge: activity {Kind}/{Id} was not updated ({Outcome}); merging again finishes it")]
    private partial void LogActivityNotMerged(ActivityKind kind, string id, CommandOutcome outcome);
}
