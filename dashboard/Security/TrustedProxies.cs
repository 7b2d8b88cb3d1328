using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ActorWelfare.Dashboard.Security;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies in Access:TrustedProxies (the
/// ingress that ends TLS); from anyone else they are ignored, so a client cannot choose the address its
/// rate limits count against, nor claim HTTPS.
/// </summary>
public static class TrustedProxies
{
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, string trusted, IConfiguration configuration)
    {
        // The framework's own switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED, or the key in any configuration source) believes anyone.
        if (string.Equals(configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase)
            || string.Equals(Environment.GetEnvironmentVariable("ASPNETCORE_FORWARDEDHEADERS_ENABLED"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED=true believes forwarded headers from anyone: set Access:TrustedProxies to the proxies' addresses instead.");
        var networks = Parse(trusted);
        if (networks.Count == 0) return app;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var network in networks) options.KnownIPNetworks.Add(network);
        return app.UseForwardedHeaders(options);
    }

    /// <summary>"10.0.0.0/8, 192.168.1.5": networks and single addresses; an entry that is neither stops the start, naming it.</summary>
    public static IReadOnlyList<System.Net.IPNetwork> Parse(string trusted)
    {
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in trusted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) networks.Add(new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8));
            else throw new InvalidOperationException($"Access:TrustedProxies: '{entry}' is neither an IP address nor a network (10.0.0.0/8).");
        }
        return networks;
    }
}
