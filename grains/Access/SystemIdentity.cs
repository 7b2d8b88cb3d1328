using System.Globalization;
using System.Runtime.InteropServices;
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
        // One signature a second: every call handed down in that second carries the same proof.
        var seconds = now.ToUnixTimeSeconds();
        if (lastMade is { } made && made.Seconds == seconds) return made.Proof;
        var at = seconds.ToString(CultureInfo.InvariantCulture);
        var proof = $"{at}.{Convert.ToBase64String(Sign(at))}";
        lastMade = Remember(seconds, proof);
        return proof;
    }

    public bool Verify(string? proof, DateTimeOffset now)
    {
        if (proof is null) return false;
        // A proof equal to one this key has already made or verified is as good as it: only its age is checked again.
        // Its time (before the dot) is no secret and picks the candidate; the signature is compared in constant time,
        // so a guess learns nothing of a valid one from how long it took to refuse.
        var knownAt = Known(lastMade, proof);
        for (var i = 0; i < recent.Length && knownAt is null; i++) knownAt = Known(recent[i], proof);
        if (knownAt is { } seconds) return Fresh(seconds, now);

        if (proof.Split('.') is not [var at, var signature]) return false;
        if (!long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var madeAt) || !Fresh(madeAt, now)) return false;
        Span<byte> given = stackalloc byte[32];
        if (!Convert.TryFromBase64String(signature, given, out var written) || written != 32
            || !CryptographicOperations.FixedTimeEquals(given, Sign(at))) return false;
        // Calls verifying one new proof at once would each take a slot for it: only the first to finish does.
        if (!recent.Any(k => Known(k, proof) is not null)) Remember(madeAt, proof);
        return true;
    }

    /// <summary>The time of <paramref name="known"/> if <paramref name="proof"/> is the same proof.</summary>
    private static long? Known(KnownProof? known, string proof)
    {
        if (known is not { } k || k.Proof.Length != proof.Length) return null;
        var dot = k.Proof.IndexOf('.', StringComparison.Ordinal);
        return k.Proof.AsSpan(0, dot + 1).SequenceEqual(proof.AsSpan(0, dot + 1))
            && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(k.Proof.AsSpan(dot + 1)), MemoryMarshal.AsBytes(proof.AsSpan(dot + 1)))
            ? k.Seconds : null;
    }

    private KnownProof Remember(long seconds, string proof) =>
        recent[(int)((uint)Interlocked.Increment(ref nextRecent) % (uint)recent.Length)] = new(seconds, proof);

    private static bool Fresh(long seconds, DateTimeOffset now)
    {
        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age <= Validity && age >= -TimeSpan.FromMinutes(5);
    }

    private byte[] Sign(string at) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("actorwelfare/system/" + at));

    // Signing and verifying cost an HMAC each (OpenSSL's, about a tenth of the machine when every update made one
    // proof and checked two): the last proof made, and the last few made or verified, are kept (enough for every silo
    // of a cluster of a dozen, each signing one a second). Each entry is replaced whole, so a reader sees an old entry
    // or a new one, never half of one.
    private sealed record KnownProof(long Seconds, string Proof);
    private KnownProof? lastMade;
    private readonly KnownProof?[] recent = new KnownProof?[16];
    private int nextRecent;
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
