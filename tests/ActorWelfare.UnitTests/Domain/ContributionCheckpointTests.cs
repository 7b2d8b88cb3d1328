using System.Text.Json;
using ActorWelfare.Domain;
using ActorWelfare.Storage;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Tests.Years;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>An aggregator's contributions written down and taken back: the same figures, or a clear refusal.</summary>
public sealed class ContributionCheckpointTests
{
    private static readonly Territory Bologna = ShippedTerritories.All["bologna"];

    [Fact]
    public void Contributions_taken_back_give_the_figures_they_were_written_with()
    {
        var (snapshot, _) = DatasetSnapshots.Of("bologna-2019");
        var held = snapshot.Records.Select(r => new HeldContribution(ActivityJson.KeyOf(r), r.Version,
            ContributionVector.For(r, 2019, Bologna) is { } v ? [.. v] : null)).ToList();
        // What a live aggregator also holds: an activity that adds nothing to the year, one whose record is gone.
        held.Add(new("bologna/gruppo/senza-figure", 3, null));
        held.Add(new("bologna/progetto/cancellato", long.MaxValue, null));

        var bytes = ContributionCheckpoint.Encode(held, horizon: 7_654_321);
        var totals = new IndicatorTotals();
        var (head, back) = ContributionCheckpoint.Decode(bytes, totals.Share);

        Assert.Equal(7_654_321, head.Horizon);
        Assert.Equal(held.Count, back.Count);
        for (var i = 0; i < held.Count; i++)
        {
            Assert.Equal((held[i].Activity, held[i].Version), (back[i].Activity, back[i].Version));
            Assert.Equal(held[i].Vector, back[i].Vector);
        }
        foreach (var c in back) totals.Apply(c.Vector, +1);
        var document = totals.ToDocument(Bologna, 2019, 1, DateTimeOffset.UnixEpoch);
        Assert.Equal(JsonSerializer.Serialize(snapshot.Document.Indicators), JsonSerializer.Serialize(document.Indicators));
        Assert.Equal(JsonSerializer.Serialize(snapshot.Document.Quartieri), JsonSerializer.Serialize(document.Quartieri));
        // The head alone (the vectors' sum, as a restarted aggregator serves it before decoding the activities) makes
        // the same figures: distinct sets, organisations in two or more activities and the network's ties included.
        var fromHead = new IndicatorTotals();
        fromHead.Apply(ContributionCheckpoint.ReadHead(bytes.Head, fromHead.Share).Sums, +1);
        var headDocument = fromHead.ToDocument(Bologna, 2019, 1, DateTimeOffset.UnixEpoch);
        Assert.Equal(JsonSerializer.Serialize(document.Indicators), JsonSerializer.Serialize(headDocument.Indicators));
        Assert.Equal(JsonSerializer.Serialize(document.Quartieri), JsonSerializer.Serialize(headDocument.Quartieri));
        // Every key string is made once for the city-year, as live vectors share theirs.
        var firstKey = back.First(c => c.Vector is { Length: > 0 }).Vector![0].Key;
        Assert.All(back.Where(c => c.Vector is not null).SelectMany(c => c.Vector!).Where(e => e.Key == firstKey),
            e => Assert.Same(firstKey, e.Key));
        // Written compactly: fewer bytes than the vectors' JSON by far.
        var written = bytes.Head.Length + bytes.Contributions.Length;
        Assert.True(written * 10 < JsonSerializer.SerializeToUtf8Bytes(held.Select(h => h.Vector)).Length, $"{written} bytes");
    }

    [Fact]
    public void The_head_holds_the_sum_of_the_vectors_without_keys_that_sum_to_zero_and_no_horizon_unless_given()
    {
        var bytes = ContributionCheckpoint.Encode([
            new("bologna/gruppo/g1", 2, [new("city|GC.TOT|v", 1), new("city|GC.X|v", 3)]),
            new("bologna/gruppo/g2", 5, [new("city|GC.TOT|v", 1), new("city|GC.X|v", -3)]),
            new("bologna/gruppo/g3", 1, null)]);
        var head = ContributionCheckpoint.ReadHead(bytes.Head, k => k);
        Assert.Null(head.Horizon);
        Assert.Equal([new("city|GC.TOT|v", 2)], head.Sums);
        Assert.Equal(0, ContributionCheckpoint.Decode(ContributionCheckpoint.Encode([], horizon: 0), k => k).Head.Horizon);
    }

    [Fact]
    public void A_damaged_checkpoint_is_refused_and_contributions_decode_only_with_their_own_head()
    {
        var bytes = ContributionCheckpoint.Encode([new("bologna/gruppo/g1", 2, [new("city|GC.TOT|v", 1)])]);
        foreach (var at in new[] { 0, 31, 32, bytes.Head.Length - 1 })
        {
            var damaged = (byte[])bytes.Head.Clone();
            damaged[at] ^= 0x40;
            Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.ReadHead(damaged, k => k));
        }
        var head = ContributionCheckpoint.ReadHead(bytes.Head, k => k);
        foreach (var at in new[] { 0, 31, 32, bytes.Contributions.Length - 1 })
        {
            var damaged = (byte[])bytes.Contributions.Clone();
            damaged[at] ^= 0x40;
            Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.DecodeContributions(head, damaged));
        }
        Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.ReadHead(bytes.Head[..^1], k => k));
        Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.ReadHead([], k => k));
        Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.DecodeContributions(head, []));
        // Contributions written with another head (the same activity a version later, counted twice) are refused with this one.
        var later = ContributionCheckpoint.Encode([new("bologna/gruppo/g1", 3, [new("city|GC.TOT|v", 2)])]);
        Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.DecodeContributions(head, later.Contributions));
        Assert.Equal(2, Assert.Single(ContributionCheckpoint.DecodeContributions(head, bytes.Contributions)).Version);
    }

    [Fact]
    public void Bytes_whose_hash_matches_but_that_do_not_decode_are_refused_as_damaged()
    {
        // Hashed as written, but nonsense inside: an earlier format; a count of -1 keys; a sum naming a key that is not there.
        foreach (var body in new byte[][] { [2, 0, 0, 0], [3, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [3, 0, 1, 1, (byte)'a', 1, 5, 1] })
            Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.ReadHead(Packed([], body), k => k));
        // A sound head, then contributions naming a key that is not there: the head is read, the contributions refused.
        var sound = Packed([], [3, 0, 1, 1, (byte)'a', 1, 0, 4]);
        var head = ContributionCheckpoint.ReadHead(sound, k => k);
        Assert.Equal(4, Assert.Single(head.Sums).Value);
        Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.DecodeContributions(head, Packed(sound[..32], [1, 1, (byte)'x', 2, 2, 5, 1])));
        Assert.Equal("a", Assert.Single(ContributionCheckpoint.DecodeContributions(head, Packed(sound[..32], [1, 1, (byte)'x', 2, 2, 0, 1]))).Vector![0].Key);
        // Brotli of nothing valid.
        Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.ReadHead(Hashed([], [.. new byte[32], 0x1B, 0xFF, 0x00, 0x42]), k => k));
    }

    /// <summary>As the codec writes a part: SHA-256 of <paramref name="bound"/> (the head's hash, for contributions) and the Brotli that follows.</summary>
    private static byte[] Packed(byte[] bound, byte[] payload)
    {
        var packed = new MemoryStream();
        packed.Write(new byte[32]);
        using (var brotli = new System.IO.Compression.BrotliStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) brotli.Write(payload);
        return Hashed(bound, packed.ToArray());
    }

    private static byte[] Hashed(byte[] bound, byte[] bytes)
    {
        System.Security.Cryptography.SHA256.HashData([.. bound, .. bytes.AsSpan(32)], bytes.AsSpan(0, 32));
        return bytes;
    }

    [Fact]
    public void The_rules_fingerprint_follows_the_territory_file()
    {
        var crema = ShippedTerritories.All["crema"];
        Assert.Equal(ContributionCheckpoint.RulesOf(Bologna), ContributionCheckpoint.RulesOf(Bologna with { }));
        Assert.NotEqual(ContributionCheckpoint.RulesOf(Bologna), ContributionCheckpoint.RulesOf(crema));
        var renamed = Bologna with { Quartieri = [.. Bologna.Quartieri.Select((q, i) => i == 0 ? q with { Name = q.Name + " Nord" } : q)] };
        Assert.NotEqual(ContributionCheckpoint.RulesOf(Bologna), ContributionCheckpoint.RulesOf(renamed));
    }
}
