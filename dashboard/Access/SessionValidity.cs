using System.Collections.Concurrent;
using System.Security.Claims;
using ActorWelfare.Dashboard.Access.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ActorWelfare.Dashboard.Access;

/// <summary>
/// Whether a signed-in person's session still stands: the account exists, is not locked, and its security
/// stamp is the one the session was signed in with. Every change of roles, quartieri or lock renews the
/// stamp, so an open page, a hub connection or an API call made with the old cookie stops counting as
/// that person. Looked up at most every <see cref="Freshness"/> per person (a change made through this
/// dashboard is seen at once; one made through another replica within that time).
/// </summary>
public sealed class SessionValidity(IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(15);
    /// <summary>How long what was read stands in for the database while it cannot answer (pages are not signed out by an outage).</summary>
    public static readonly TimeSpan OutageGrace = TimeSpan.FromMinutes(5);

    private sealed record Account(string? Stamp, bool Locked, DateTimeOffset ReadAt);

    private readonly ConcurrentDictionary<string, Account> accounts = new(StringComparer.Ordinal);
    // Bumped by Forget: a read that began before a change must not put the old stamp back in memory.
    private readonly ConcurrentDictionary<string, long> generations = new(StringComparer.Ordinal);

    /// <summary>
    /// True for anonymous visitors and API tokens (checked on every request by their own handler), and for
    /// a person whose session is current; false for a session whose rights changed since it began.
    /// </summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal? user, CancellationToken cancellation = default)
    {
        if (user?.Identity is not { IsAuthenticated: true } signedIn) return true;
        if (signedIn.AuthenticationType == ApiTokenHandler.SchemeName) return true;
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return false;
        var stamp = user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        var account = await ReadAsync(id, cancellation);
        return account is { Locked: false } && stamp is not null && account.Stamp == stamp;
    }

    /// <summary>The caller the grains get for this person: anonymous once the session no longer stands.</summary>
    /// When the session cannot be checked (the database is down and nothing recent is known), the caller is
    /// anonymous: the grains refuse what needs rights, and the page goes on.
    public async Task<ActorWelfare.Access.Caller> CallerAsync(ClaimsPrincipal? user, CancellationToken cancellation = default)
    {
        try
        {
            return await IsCurrentAsync(user, cancellation) ? CallerFactory.From(user) : ActorWelfare.Access.Caller.Anonymous;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ActorWelfare.Access.Caller.Anonymous;
        }
    }

    /// <summary>Forgets what was read about a person: called after this dashboard changes their account.</summary>
    public void Forget(string userId)
    {
        generations.AddOrUpdate(userId, 1, (_, g) => g + 1);
        accounts.TryRemove(userId, out _);
    }

    private async Task<Account?> ReadAsync(string id, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var known = accounts.GetValueOrDefault(id);
        if (known is not null && now - known.ReadAt < Freshness) return known;
        var generation = generations.GetValueOrDefault(id);
        Account? account;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AccessDbContext>();
            var row = await db.Users.AsNoTracking().Where(u => u.Id == id)
                .Select(u => new { u.SecurityStamp, u.LockoutEnd }).FirstOrDefaultAsync(cancellation);
            account = row is null ? null : new Account(row.SecurityStamp, row.LockoutEnd is { } end && end > now, now);
        }
        catch (Exception e) when (e is not OperationCanceledException && known is not null && now - known.ReadAt < OutageGrace)
        {
            return known; // the database is down: what was read a moment ago stands, for a while
        }
        // Changed while this read was under way: what it read may be from before the change; read again.
        if (generations.GetValueOrDefault(id) != generation) return await ReadAsync(id, cancellation);
        if (account is null) accounts.TryRemove(id, out _);
        else accounts[id] = account;
        return account;
    }
}
