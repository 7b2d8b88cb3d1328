using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using ActorWelfare.Dashboard.Access;

namespace ActorWelfare.Dashboard.Security;

/// <summary>
/// Limits on what an attacker would repeat: password sign-in attempts per client address, requests per
/// API token, and imports per person (API and page share one budget). Per minute, configurable in the
/// "Access" section; a refused request gets 429 with Retry-After, a problem document for programs and
/// the sign-in page's message for people.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public static IServiceCollection AddActorWelfareRateLimits(this IServiceCollection services, AccessOptions access)
    {
        services.AddSingleton(new ImportLimiter(access.ImportsPerMinute));
        services.AddSingleton(sp => new FailedTokenLimiter(access.FailedTokensPerMinute, sp.GetRequiredService<TimeProvider>()));
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => PerMinute(access.SignInsPerMinute)));
            // Every request that presents a bearer token counts against that token (hashed: the secret is never a key);
            // an API request made with a session cookie counts against the person.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                BearerToken(http.Request) is { } token
                    ? RateLimitPartition.GetFixedWindowLimiter("token:" + Hash(token), _ => PerMinute(access.TokenRequestsPerMinute))
                    : http.Request.Path.StartsWithSegments("/api") && http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } person
                        ? RateLimitPartition.GetFixedWindowLimiter("person:" + person, _ => PerMinute(access.PersonRequestsPerMinute))
                        : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                if (http.Request.Path.StartsWithSegments("/account/login") && !AccessSetup.IsForPrograms(http.Request))
                {
                    http.Response.StatusCode = StatusCodes.Status303SeeOther;
                    http.Response.Headers.Location = "/accesso?errore=troppi";
                    return;
                }
                await TooMany().ExecuteAsync(http);
            };
        });
        return services;
    }

    /// <summary>The answer to a refused request (the caller sets Retry-After).</summary>
    public static IResult TooMany() =>
        Api.ApiErrors.Problem(StatusCodes.Status429TooManyRequests, "rate", "limit", "rate: too many requests; wait a minute and try again.");

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    private static string? BearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim() : null;

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>
/// Refused bearer tokens per client address: once an address has had too many in a minute, every bearer
/// request from it is refused until the minute ends — a guessed token is never tried. IPv6 addresses count
/// per /64 (one client holds a whole /64); at most <see cref="MaxAddresses"/> addresses are remembered.
/// </summary>
public sealed class FailedTokenLimiter(int perMinute, TimeProvider clock)
{
    public const int MaxAddresses = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock gate = new();
    private readonly Dictionary<string, (DateTimeOffset Since, int Count)> failures = new(StringComparer.Ordinal);

    public bool IsBlocked(System.Net.IPAddress? address)
    {
        var key = Key(address);
        lock (gate) return failures.TryGetValue(key, out var f) && clock.GetUtcNow() - f.Since < Window && f.Count >= Math.Max(1, perMinute);
    }

    public void Failed(System.Net.IPAddress? address)
    {
        var key = Key(address);
        var now = clock.GetUtcNow();
        lock (gate)
        {
            failures[key] = failures.TryGetValue(key, out var f) && now - f.Since < Window ? (f.Since, f.Count + 1) : (now, 1);
            if (failures.Count <= MaxAddresses) return;
            foreach (var old in failures.Where(p => now - p.Value.Since >= Window).Select(p => p.Key).ToList()) failures.Remove(old);
            // Still full within one minute: forget a tenth, the addresses with the fewest failures first.
            foreach (var few in failures.OrderBy(p => p.Value.Count).Take(failures.Count - MaxAddresses * 9 / 10).Select(p => p.Key).ToList()) failures.Remove(few);
        }
    }

    private static string Key(System.Net.IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }
}

/// <summary>Imports per person per minute, for the API and the import page alike.</summary>
public sealed class ImportLimiter(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(person =>
        RateLimitPartition.GetFixedWindowLimiter(person, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    /// <summary>True when <paramref name="person"/> may start one more import now.</summary>
    public bool TryStart(string person)
    {
        using var lease = limiter.AttemptAcquire(person);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
