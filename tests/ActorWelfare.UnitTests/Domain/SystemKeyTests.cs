using System.Security.Cryptography;
using ActorWelfare.Access;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>
/// The proof that a call carries the cluster's own identity: made once a second and remembered once verified, so
/// the remembering must never let through what the signature alone would refuse.
/// </summary>
public sealed class SystemKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 14, 0, 0, TimeSpan.Zero);

    private static SystemKey NewKey() => new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_proof_verifies_with_its_key_and_is_made_again_the_same_within_its_second()
    {
        var key = NewKey();
        var proof = key.Proof(Now);
        Assert.True(key.Verify(proof, Now));
        Assert.Same(proof, key.Proof(Now.AddMilliseconds(900)));
        var next = key.Proof(Now.AddSeconds(1));
        Assert.NotEqual(proof, next);
        Assert.True(key.Verify(next, Now.AddSeconds(1)));
    }

    [Fact]
    public void Another_keys_proof_is_refused_by_a_key_that_has_just_verified_its_own()
    {
        var (key, other) = (NewKey(), NewKey());
        Assert.True(key.Verify(key.Proof(Now), Now));
        Assert.False(key.Verify(other.Proof(Now), Now));
        // Verified once by its own key, then offered to the other: still refused.
        var foreign = other.Proof(Now.AddSeconds(2));
        Assert.True(other.Verify(foreign, Now.AddSeconds(2)));
        Assert.False(key.Verify(foreign, Now.AddSeconds(2)));
    }

    [Fact]
    public void A_tampered_proof_is_refused_after_the_genuine_one_was_verified()
    {
        var key = NewKey();
        var proof = key.Proof(Now);
        Assert.True(key.Verify(proof, Now));
        var (at, signature) = (proof[..proof.IndexOf('.')], proof[(proof.IndexOf('.') + 1)..]);
        var flipped = signature[0] == 'A' ? 'B' + signature[1..] : 'A' + signature[1..];
        Assert.False(key.Verify($"{at}.{flipped}", Now));
        // The same signature claimed for a later second.
        Assert.False(key.Verify($"{long.Parse(at, System.Globalization.CultureInfo.InvariantCulture) + 1}.{signature}", Now.AddSeconds(1)));
        Assert.False(key.Verify(null, Now));
        Assert.False(key.Verify("not a proof", Now));
        Assert.False(key.Verify(proof + ".", Now));
    }

    [Fact]
    public void A_remembered_proof_expires_as_any_other()
    {
        var key = NewKey();
        var proof = key.Proof(Now);
        Assert.True(key.Verify(proof, Now));
        Assert.True(key.Verify(proof, Now + SystemKey.Validity));
        Assert.False(key.Verify(proof, Now + SystemKey.Validity + TimeSpan.FromSeconds(1)));
        // A proof from the future (a clock far ahead) is refused too, remembered or not.
        var early = key.Proof(Now.AddMinutes(10));
        Assert.False(key.Verify(early, Now));
    }

    [Fact]
    public async Task Proofs_made_and_verified_from_many_threads_at_once_never_let_a_forgery_through()
    {
        var (key, other) = (NewKey(), NewKey());
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var wrong = 0;
            for (var i = 0; i < 2_000; i++)
            {
                var at = Now.AddSeconds(i % 40);
                if (!key.Verify(key.Proof(at), at)) wrong++;
                if (key.Verify(other.Proof(at), at)) wrong++;
                if (key.Verify(key.Proof(at)[..^2] + "AA", at)) wrong++;
            }
            return wrong;
        })));
        Assert.All(results, wrong => Assert.Equal(0, wrong));
    }

    [Fact]
    public void Many_proofs_verified_in_turn_each_still_verify_and_a_forgery_among_them_does_not()
    {
        var key = NewKey();
        var proofs = Enumerable.Range(0, 20).Select(i => key.Proof(Now.AddSeconds(i))).ToList();
        var forged = NewKey().Proof(Now.AddSeconds(3));
        for (var round = 0; round < 3; round++)
        {
            foreach (var proof in proofs) Assert.True(key.Verify(proof, Now.AddSeconds(30)));
            Assert.False(key.Verify(forged, Now.AddSeconds(30)));
        }
    }
}
