namespace ActorWelfare.Access;

/// <summary>The roles of ActorWelfare (DESIGN: who reads, who writes what).</summary>
public static class Roles
{
    /// <summary>Reads everything.</summary>
    public const string Direttore = "direttore";
    /// <summary>Reads, and writes the quartieri assigned to them.</summary>
    public const string Operatore = "operatore";
    /// <summary>Reads everything; closes years, takes snapshots and exports.</summary>
    public const string Analista = "analista";
    /// <summary>Manages users, roles, quartiere assignments and tokens.</summary>
    public const string Amministratore = "amministratore";

    /// <summary>The cluster's own work; never a person's role, and only silo code can prove it (SystemIdentity).</summary>
    public const string System = "system";

    /// <summary>The roles people and tokens may hold.</summary>
    public static readonly IReadOnlyList<string> All = [Direttore, Operatore, Analista, Amministratore];
}

/// <summary>
/// The person (or integration) on whose behalf a grain call is made, handed down by the web tier in
/// the Orleans request context. A call without one is <see cref="Anonymous"/>: nothing is trusted for
/// lack of a caller. The cluster's own work carries <see cref="System"/>, which a silo accepts only with
/// a proof made with the cluster's key (SystemIdentity in the grains); the web tier always hands one down,
/// <see cref="Anonymous"/> for people who have not signed in.
/// </summary>
[GenerateSerializer, Alias("Caller")]
public sealed record Caller(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlySet<string> Roles,
    [property: Id(3)] IReadOnlySet<string> Quartieri)
{
    public static readonly Caller Anonymous = new("anonymous", "anonymous", new HashSet<string>(), new HashSet<string>());

    /// <summary>The cluster's own work (see the class summary: it needs a proof to be believed).</summary>
    public static readonly Caller System = new("system", "ActorWelfare", new HashSet<string> { Access.Roles.System }, new HashSet<string>());

    private const string ContextKey = "aw.caller";

    public bool IsSignedIn => Roles.Count > 0;

    public bool Has(string role) => Roles.Contains(role);

    public bool IsSystem => Has(Access.Roles.System);

    /// <summary>Whether this caller may change activities of every one of these quartieri ("city/quartiere" keys).</summary>
    public bool MayWrite(IEnumerable<string> quartiereKeys) => Has(Access.Roles.Operatore) && quartiereKeys.All(Quartieri.Contains);

    /// <summary>The caller of the current grain call; <see cref="Anonymous"/> when none was handed down.</summary>
    public static Caller Current => RequestContext.Get(ContextKey) as Caller ?? Anonymous;

    /// <summary>Hands the caller down to every grain call made from here in this async flow.</summary>
    public static void HandDown(Caller caller) => RequestContext.Set(ContextKey, caller);
}
