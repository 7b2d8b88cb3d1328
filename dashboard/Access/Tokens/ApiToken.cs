namespace ActorWelfare.Dashboard.Access.Tokens;

/// <summary>A token issued to an integration; the secret itself is never stored.</summary>
/// <remarks>
/// Roles belong to cities: a direttore or analista token holds its role in <see cref="Cities"/> ("*": every
/// city); an operatore token in the cities of its quartieri.
/// </remarks>
public sealed record ApiToken(
    Guid Id, string Name, string Prefix, string Role, IReadOnlyList<string> Quartieri,
    string IssuedBy, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt, string? RevokedBy, DateTimeOffset? LastUsedAt, IReadOnlyList<string> Cities)
{
    /// <summary>The rights the token carries, as a person's are stored.</summary>
    /// <summary>The cities the token holds its role in.</summary>
    public IEnumerable<string> CitiesHeld => Role == ActorWelfare.Access.Roles.Operatore ? Quartieri.Select(q => q.Split('/')[0]).Distinct() : Cities;

    public AccessRights Rights => Role == ActorWelfare.Access.Roles.Operatore
        ? new([], Quartieri)
        : new([.. Cities.Select(c => ActorWelfare.Access.Grants.Of(c, Role))], []);

    public bool IsRevoked => RevokedAt is not null;
    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;
}

/// <summary>What an administrator asks for when issuing a token.</summary>
public sealed record TokenRequest(string? Name, string? Role, IReadOnlyList<string>? Quartieri, int? Days, IReadOnlyList<string>? Cities = null);

/// <summary>A newly issued token with its secret, shown this once.</summary>
public sealed record IssuedToken(ApiToken Token, string Secret);
