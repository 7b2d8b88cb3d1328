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

    public bool IsOpenData(string city) =>
        OpenData.Trim() == "*" || OpenData.Split(',', StringSplitOptions.TrimEntries).Contains(city);

    public static AccessOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection("Access").Get<AccessOptions>() ?? new AccessOptions();
        if (options.Production && options.DemoUsers)
            throw new InvalidOperationException(
                "Access:DemoUsers must be off when Access:Production is on: the demo accounts have published passwords.");
        return options;
    }
}
