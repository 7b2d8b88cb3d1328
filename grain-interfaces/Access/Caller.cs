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

    public static readonly IReadOnlyList<string> All = [Direttore, Operatore, Analista, Amministratore];
}

/// <summary>
/// The person (or integration) on whose behalf a grain call is made, handed down by the web tier in
/// the Orleans request context. A call without one comes from inside the cluster (the silo's own
/// dataset loader, one grain calling another) and is trusted; the web tier always hands one down,
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

    private const string ContextKey = "aw.caller";

    public bool IsSignedIn => Roles.Count > 0;

    public bool Has(string role) => Roles.Contains(role);

    /// <summary>Whether this caller may change activities of every one of these quartieri ("city/quartiere" keys).</summary>
    public bool MayWrite(IEnumerable<string> quartiereKeys) => Has(Access.Roles.Operatore) && quartiereKeys.All(Quartieri.Contains);

    /// <summary>The caller of the current grain call, or null for a call from inside the cluster.</summary>
    public static Caller? Current => RequestContext.Get(ContextKey) as Caller;

    /// <summary>Hands the caller down to every grain call made from here in this async flow.</summary>
    public static void HandDown(Caller caller) => RequestContext.Set(ContextKey, caller);
}
