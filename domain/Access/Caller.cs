namespace ActorWelfare.Access;

/// <summary>The roles of ActorWelfare (DESIGN: who reads, who writes what).</summary>
public static class Roles
{
    /// <summary>Reads every record of their cities.</summary>
    public const string Direttore = "direttore";
    /// <summary>Reads their city, and writes the activities of the quartieri assigned to them.</summary>
    public const string Operatore = "operatore";
    /// <summary>Reads their cities; closes years, takes snapshots and exports.</summary>
    public const string Analista = "analista";
    /// <summary>Manages their cities' users, roles, quartiere assignments, tokens and registry; reopens years.</summary>
    public const string Amministratore = "amministratore";

    /// <summary>The cluster's own work; never a person's role, and only silo code can prove it (SystemIdentity).</summary>
    public const string System = "system";

    /// <summary>The roles people and tokens may hold.</summary>
    public static readonly IReadOnlyList<string> All = [Direttore, Operatore, Analista, Amministratore];
}

/// <summary>
/// A right held in a city: "bologna/analista". <see cref="EveryCity"/> ("*/direttore") holds it in every
/// city (a regional or national office); an operatore's rights are their quartieri ("city/quartiere"),
/// never "*".
/// </summary>
public static class Grants
{
    public const string EveryCity = "*";

    public static string Of(string city, string role) => $"{city}/{role}";

    /// <summary>Whether the grant is "city/<paramref name="role"/>" (as <see cref="Parse"/> reads it, without building its parts).</summary>
    public static bool IsOf(string grant, string role)
    {
        var slash = grant.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && role.Length > 0 && grant.IndexOf('/', slash + 1) < 0 && grant.AsSpan(slash + 1).SequenceEqual(role);
    }

    /// <summary>"city/role" split, or null for a string that is not one.</summary>
    public static (string City, string Role)? Parse(string grant) =>
        grant.Split('/') is [var city, var role] && city.Length > 0 && role.Length > 0 ? (city, role) : null;
}

/// <summary>
/// The person (or integration) on whose behalf a grain call is made, handed down by the web tier in
/// the Orleans request context (CallerContext, in the grain contracts). A call without one is <see cref="Anonymous"/>: nothing is trusted for
/// lack of a caller. The cluster's own work carries <see cref="System"/>, which a silo accepts only with
/// a proof made with the cluster's key (SystemIdentity in the grains); the web tier always hands one down,
/// <see cref="Anonymous"/> for people who have not signed in.
/// </summary>
/// <remarks>
/// Roles belong to cities: <see cref="Grants"/> holds "city/role" (or "*/role" for every city), and an
/// operatore's <see cref="Quartieri"/> ("city/quartiere") make them operatore of those cities. Grains ask
/// <see cref="Holds"/> and <see cref="MayRead"/> with the city of the records at hand.
/// Never changed once made (its sets are built for it by whoever makes it, and read only): the grains of a silo share
/// the one in a call's request context instead of copying it at every call.
/// </remarks>
[DataContract(Name = "Caller"), ImmutableObject(true)]
public sealed record Caller(
    [property: DataMember(Order = 0)] string UserId,
    [property: DataMember(Order = 1)] string Name,
    IReadOnlySet<string> Grants,
    [property: DataMember(Order = 3)] IReadOnlySet<string> Quartieri)
{
    /// <summary>"city/role" each: a bare role ("analista") would hold nowhere, so it is refused outright.</summary>
    [DataMember(Order = 2)]
    public IReadOnlySet<string> Grants { get; init; } = Grants.FirstOrDefault(g => Access.Grants.Parse(g) is null) is { } bad
        ? throw new ArgumentException($"grant '{bad}' is not city/role (roles belong to cities)", nameof(Grants))
        : Grants;

    /// <summary>The address of the person's account (their sign-in's e-mail claim), where their notifications go.</summary>
    [DataMember(Order = 4)] public string? Email { get; init; }

    // Before Anonymous and System, which are made with it already set.
    private static readonly string SystemGrant = Access.Grants.Of(Access.Grants.EveryCity, Access.Roles.System);

    public static readonly Caller Anonymous = new("anonymous", "anonymous", new HashSet<string>(), new HashSet<string>());

    /// <summary>The cluster's own work (see the class summary: it needs a proof to be believed).</summary>
    public static readonly Caller System = new("system", "ActorWelfare",
        new HashSet<string> { Access.Grants.Of(Access.Grants.EveryCity, Access.Roles.System) }, new HashSet<string>());

    /// <summary>The roles held in at least one city (operatore when any quartiere is assigned).</summary>
    public IReadOnlySet<string> Roles => Grants.Select(g => Access.Grants.Parse(g)?.Role).OfType<string>()
        .Concat(Quartieri.Count > 0 ? [Access.Roles.Operatore] : []).ToHashSet();

    public bool IsSignedIn => Roles.Count > 0;

    /// <summary>Whether the role is held in some city (menus, the shape of a page); a decision about records asks <see cref="Holds"/>.</summary>
    /// <remarks>Asked at every grain call (whether to check a system proof): it builds nothing.</remarks>
    public bool Has(string role)
    {
        if (role == Access.Roles.Operatore && Quartieri.Count > 0) return true;
        foreach (var grant in Grants)
            if (Access.Grants.IsOf(grant, role)) return true;
        return false;
    }

    public bool IsSystem => Grants.Contains(SystemGrant);

    /// <summary>Whether the role is held in this city (an operatore: for at least one of its quartieri).</summary>
    public bool Holds(string role, string city) =>
        role == Access.Roles.Operatore
            ? Quartieri.Any(q => q.StartsWith(city + "/", StringComparison.Ordinal))
            : Grants.Contains(Access.Grants.Of(city, role)) || Grants.Contains(Access.Grants.Of(Access.Grants.EveryCity, role));

    /// <summary>Whether this caller may read the city's records: the cluster's own work, or any role held there.</summary>
    public bool MayRead(string city) => IsSystem || Access.Roles.All.Any(r => Holds(r, city));

    /// <summary>The cities where a role is held; <see cref="Grants.EveryCity"/> among them means every city.</summary>
    public IReadOnlySet<string> CitiesOf(string role) => role == Access.Roles.Operatore
        ? Quartieri.Select(q => q.Split('/')[0]).ToHashSet()
        : Grants.Select(Access.Grants.Parse).Where(g => g?.Role == role).Select(g => g!.Value.City).ToHashSet();

    /// <summary>The cities where any role is held (<see cref="Grants.EveryCity"/> for every city).</summary>
    public IReadOnlySet<string> Cities => Access.Roles.All.SelectMany(CitiesOf).ToHashSet();

    /// <summary>Whether this caller may change activities of every one of these quartieri ("city/quartiere" keys).</summary>
    public bool MayWrite(IEnumerable<string> quartiereKeys) => Has(Access.Roles.Operatore) && quartiereKeys.All(Quartieri.Contains);

    /// <summary>A person's caller from their roles in one city (tests, demo data, tools); quartieri count for an operatore only.</summary>
    public static Caller InCity(string id, string city, IEnumerable<string> roles, params string[] quartieri)
    {
        var held = roles.ToList();
        return new(id, id, held.Where(r => r != Access.Roles.Operatore).Select(r => Access.Grants.Of(city, r)).ToHashSet(),
            held.Contains(Access.Roles.Operatore) ? quartieri.Select(q => $"{city}/{q}").ToHashSet() : new HashSet<string>());
    }
}
