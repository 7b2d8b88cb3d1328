using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Keys;
using ActorWelfare.Storage;
using ActorWelfare.Territories;

namespace ActorWelfare.Organisations;

[GenerateSerializer, Alias("OrganisationRegistryState")]
public sealed class OrganisationRegistryState
{
    [Id(0)] public Dictionary<string, Organisation> Organisations { get; set; } = new(StringComparer.Ordinal);
}

public sealed class OrganisationRegistryGrain(
    [PersistentState("registry", StorageNames.Organisations)] IPersistentState<OrganisationRegistryState> registry,
    TerritoryCatalog territories, IAdminActLog adminActs) : Grain, IOrganisationRegistryGrain
{
    async Task<OrganisationResult> IOrganisationRegistryGrain.Register(Organisation organisation)
    {
        // Operators add the organisations they work with, in a city where they have a quartiere; administrators
        // keep the registry (only they rename); datasets load theirs.
        var caller = Caller.Current;
        var city = this.GetPrimaryKeyString();
        var keeper = caller.IsSystem || caller.Holds(Roles.Amministratore, city);
        if (!keeper && !caller.Holds(Roles.Operatore, city))
            return new(CommandOutcome.Forbidden, null, [Errors.Of("city", "own-city", $"solo chi lavora a {Name(city)} (un suo operatore) o un suo amministratore aggiunge organizzazioni al suo registro.",
                $"only people working in {Name(city)} (its operatori) or one of its administrators add organisations to its registry.")]);
        var errors = Validate(organisation);
        if (errors.Count > 0) return new(CommandOutcome.Invalid, null, errors);
        if (registry.State.Organisations.TryGetValue(organisation.Id, out var existing))
        {
            if (existing == organisation) return new(CommandOutcome.Unchanged, existing, []);
            if (!keeper && existing.Name != organisation.Name)
                return new(CommandOutcome.Forbidden, existing, [Errors.Of("name", "amministratore",
                    $"l'organizzazione «{existing.Id}» si chiama «{existing.Name}»: solo un amministratore la rinomina.",
                    $"organisation '{existing.Id}' is named '{existing.Name}': only an administrator renames it.")]);
            if (existing.Type != organisation.Type)
                return new(CommandOutcome.Invalid, existing, [Errors.Of("type", "immutable",
                    $"l'organizzazione «{existing.Id}» è già registrata come «{existing.Type}».",
                    $"organisation '{existing.Id}' is already registered as '{existing.Type}'.")]);
        }
        await adminActs.RecordAsync(existing is null
            ? AdminAct.By(caller, AdminActions.OrganisationRegistered, city, organisation.Id, null, Describe(organisation))
            : AdminAct.By(caller, AdminActions.OrganisationRenamed, city, organisation.Id, Describe(existing), Describe(organisation)));
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
        return new(CommandOutcome.Accepted, organisation, []);
    }

    Task<IReadOnlyDictionary<string, string>> IOrganisationRegistryGrain.TypesOf(IReadOnlyList<string> ids)
    {
        SignedIn();
        return Task.FromResult<IReadOnlyDictionary<string, string>>(ids.Distinct()
            .Where(registry.State.Organisations.ContainsKey)
            .ToDictionary(id => id, id => registry.State.Organisations[id].Type));
    }

    Task<IReadOnlyList<Organisation>> IOrganisationRegistryGrain.List()
    {
        SignedIn();
        return Task.FromResult<IReadOnlyList<Organisation>>([.. registry.State.Organisations.Values.OrderBy(o => o.Id, StringComparer.Ordinal)]);
    }

    private string Name(string city) => territories.TryGet(city, out var t) ? t.Name : city;

    private static string Describe(Organisation o) => $"{o.Name} ({o.Type})";

    /// <summary>The registry is read by people with a role in the city (and the cluster's own work).</summary>
    private void SignedIn() => CityAccess.RequireReader(this.GetPrimaryKeyString());

    private List<ValidationError> Validate(Organisation o)
    {
        var errors = new List<ValidationError>();
        if (!GrainKeys.IsValidId(o.Id))
            errors.Add(Errors.Of("id", "kebab-case", $"«{o.Id}» non è un identificativo valido (minuscole, cifre e trattini).",
                $"'{o.Id}' is not a valid id (lower-case letters, digits and dashes)."));
        if (string.IsNullOrWhiteSpace(o.Name)) errors.Add(Errors.Required("name"));
        else if (o.Name.Length > ActivityRules.MaxName) errors.Add(Errors.TooLong("name", ActivityRules.MaxName));
        else if (!ActivityRules.IsPlainText(o.Name, lines: false)) errors.Add(Errors.ControlCharacters("name"));
        else if (o.Name.IndexOfAny(['<', '>']) >= 0) errors.Add(Errors.Markup("name")); // the network's labels and the exports show names as they are
        var tax = territories.Get(this.GetPrimaryKeyString()).Taxonomies;
        if (tax.FindOrganisationType(o.Type) is null) errors.Add(Errors.Unknown("type", o.Type));
        return errors;
    }
}
