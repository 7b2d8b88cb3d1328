using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using ActorWelfare.Dashboard.Access;
using Microsoft.AspNetCore.RateLimiting;

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
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => PerMinute(access.SignInsPerMinute)));
            // Every request that presents a bearer token counts against that token (hashed: the secret is never a key).
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                BearerToken(http.Request) is { } token
                    ? RateLimitPartition.GetFixedWindowLimiter(Hash(token), _ => PerMinute(access.TokenRequestsPerMinute))
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
