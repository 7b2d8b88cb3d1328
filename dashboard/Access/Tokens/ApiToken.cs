namespace ActorWelfare.Dashboard.Access.Tokens;

/// <summary>A token issued to an integration; the secret itself is never stored.</summary>
public sealed record ApiToken(
    Guid Id, string Name, string Prefix, string Role, IReadOnlyList<string> Quartieri,
    string IssuedBy, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt, string? RevokedBy, DateTimeOffset? LastUsedAt)
{
    public bool IsRevoked => RevokedAt is not null;
    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;
}

/// <summary>What an administrator asks for when issuing a token.</summary>
public sealed record TokenRequest(string? Name, string? Role, IReadOnlyList<string>? Quartieri, int? Days);

/// <summary>A newly issued token with its secret, shown this once.</summary>
public sealed record IssuedToken(ApiToken Token, string Secret);
