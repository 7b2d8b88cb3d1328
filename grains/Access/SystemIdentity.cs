using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorWelfare.Access;

/// <summary>
/// The secret the silos of one cluster share (configuration, or the database's <c>cluster_secret</c>),
/// with which silo code proves that a call carries the system identity. Clients never have it, so no
/// value a client puts in the request context can make a call trusted.
/// </summary>
public sealed class SystemKey
{
    private readonly byte[] key;

    public SystemKey(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("The system key must have at least 32 bytes.", nameof(key));
        this.key = key;
    }

    /// <summary>Silos with memory storage in one process (tests, the quick benchmark) share this one.</summary>
    public static SystemKey ProcessWide { get; } = new(RandomNumberGenerator.GetBytes(32));

    /// <summary>How long a proof stays valid: long enough for an import or a dataset load, short if one leaked.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromHours(6);

    /// <summary>"seconds.signature": when the proof was made, signed with the key.</summary>
    public string Proof(DateTimeOffset now)
    {
        var at = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{at}.{Convert.ToBase64String(Sign(at))}";
    }

    public bool Verify(string? proof, DateTimeOffset now)
    {
        if (proof?.Split('.') is not [var at, var signature]) return false;
        if (!long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > Validity || age < -TimeSpan.FromMinutes(5)) return false;
        Span<byte> given = stackalloc byte[32];
        return Convert.TryFromBase64String(signature, given, out var written) && written == 32
            && CryptographicOperations.FixedTimeEquals(given, Sign(at));
    }

    private byte[] Sign(string at) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("actorwelfare/system/" + at));
}

/// <summary>
/// The identity of the cluster's own work (the dataset loader, an aggregator's reconciliation, an activity
/// telling the aggregators and the alerts about a change). Only code holding the
/// <see cref="SystemKey"/> can hand it down; <see cref="SystemProofFilter"/> turns an unproven one into
/// <see cref="Caller.Anonymous"/> at every grain call.
/// </summary>
public static class SystemIdentity
{
    public const string ProofContextKey = "aw.system-proof";

    /// <summary>Hands the system identity, with a fresh proof, down to every grain call made from here in this async flow.</summary>
    public static void HandDown(SystemKey key)
    {
        CallerContext.HandDown(Caller.System);
        RequestContext.Set(ProofContextKey, key.Proof(DateTimeOffset.UtcNow));
    }
}

/// <summary>
/// Checks the system identity at every grain call a silo receives, and keeps its proof from leaving
/// the cluster: a call to an observer (which lives in a client, the dashboard) carries no proof.
/// </summary>
public sealed class SystemProofFilter(SystemKey key) : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (CallerContext.Current.Has(Roles.System) && !key.Verify(RequestContext.Get(SystemIdentity.ProofContextKey) as string, DateTimeOffset.UtcNow))
        {
            CallerContext.HandDown(Caller.Anonymous);
            RequestContext.Remove(SystemIdentity.ProofContextKey);
        }
        return context.Invoke();
    }

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        // Observers live in clients (the dashboard's live feed): the proof never goes there.
        if (typeof(IGrainObserver).IsAssignableFrom(context.InterfaceMethod?.DeclaringType)) RequestContext.Remove(SystemIdentity.ProofContextKey);
        return context.Invoke();
    }
}
