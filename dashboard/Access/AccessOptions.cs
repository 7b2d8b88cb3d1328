namespace ActorWelfare.Dashboard.Access;

/// <summary>The "Access" section: production hardening and the demo accounts.</summary>
public sealed record AccessOptions
{
    /// <summary>Creates one account per role with a published password (local demo only).</summary>
    public bool DemoUsers { get; init; }
    public string DemoPassword { get; init; } = "ActorWelfare-demo-2026";
    /// <summary>A production deployment: HTTPS-only cookies, and no demo accounts.</summary>
    public bool Production { get; init; }
    /// <summary>
    /// Cities whose aggregate indicators are published without sign-in (open data): "*" for every
    /// configured city, or a comma-separated list of city ids; empty publishes none. Activity records
    /// always need sign-in.
    /// </summary>
    public string OpenData { get; init; } = "";

    /// <summary>Whether people may sign in with a local password; off when an identity provider replaces local accounts.</summary>
    public bool LocalAccounts { get; init; } = true;
    /// <summary>An OpenID Connect identity provider (docs/access.md); null when not configured.</summary>
    public OidcOptions? OpenIdConnect { get; init; }

    /// <summary>Password sign-in attempts per client address per minute.</summary>
    public int SignInsPerMinute { get; init; } = 10;
    /// <summary>Requests per API token per minute.</summary>
    public int TokenRequestsPerMinute { get; init; } = 600;
    /// <summary>Imports a person may start per minute (API and page together).</summary>
    public int ImportsPerMinute { get; init; } = 10;
    /// <summary>API requests a signed-in person may make per minute with their session cookie.</summary>
    public int PersonRequestsPerMinute { get; init; } = 600;
    /// <summary>Refused bearer tokens per client address per minute; past that, every bearer request from it is refused for the minute.</summary>
    public int FailedTokensPerMinute { get; init; } = 20;
    /// <summary>
    /// The proxies (IP addresses or CIDR networks, comma-separated) whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed; empty: none (the client's own address counts).
    /// </summary>
    public string TrustedProxies { get; init; } = "";

    /// <summary>
    /// The demo's accounts (<c>Access:DemoAccounts</c> in appsettings.json): each a role, the cities it holds
    /// it in, and an operatore's quartieri. Which cities and people a demo has is configuration, not code.
    /// </summary>
    public IReadOnlyList<DemoAccount> DemoAccounts { get; init; } = [];

    public bool IsOpenData(string city) =>
        OpenData.Trim() == "*" || OpenData.Split(',', StringSplitOptions.TrimEntries).Contains(city);

    public static AccessOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection("Access").Get<AccessOptions>() ?? new AccessOptions();
        if (!options.LocalAccounts && options.OpenIdConnect is not { Configured: true })
            throw new InvalidOperationException(
                "Access:LocalAccounts is off but Access:OpenIdConnect:Authority and ClientId are not set: nobody could sign in.");
        if (options.Production && options.DemoUsers)
            throw new InvalidOperationException(
                "Access:DemoUsers must be off when Access:Production is on: the demo accounts have published passwords.");
        return options;
    }
}

/// <summary>"Access:OpenIdConnect": the identity provider that signs people in, and the claims that carry their rights.</summary>
public sealed record OidcOptions
{
    public string? Authority { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    /// <summary>The button's text on the sign-in page (for example "SPID / CIE").</summary>
    public string DisplayName { get; init; } = "Single sign-on";
    /// <summary>The claim with the person's roles (direttore, operatore, analista, amministratore).</summary>
    public string RoleClaim { get; init; } = "roles";
    /// <summary>The claim with an operatore's quartieri, each "city/quartiere".</summary>
    public string QuartiereClaim { get; init; } = "quartieri";
    public string Scopes { get; init; } = "openid profile email";

    public bool Configured => !string.IsNullOrEmpty(Authority) && !string.IsNullOrEmpty(ClientId);
}

/// <summary>One demo account (Access:DemoAccounts).</summary>
public sealed record DemoAccount
{
    public string Email { get; init; } = "";
    public string Role { get; init; } = "";
    public IReadOnlyList<string> Cities { get; init; } = [];
    public IReadOnlyList<string> Quartieri { get; init; } = [];

    public void Deconstruct(out string email, out string role, out IReadOnlyList<string> cities, out IReadOnlyList<string> quartieri) =>
        (email, role, cities, quartieri) = (Email, Role, Cities, Quartieri);
}
