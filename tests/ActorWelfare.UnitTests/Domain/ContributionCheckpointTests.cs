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

        var bytes = ContributionCheckpoint.Encode(held);
        var totals = new IndicatorTotals();
        var back = ContributionCheckpoint.Decode(bytes, totals.Share);

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
        // Every key string is made once for the city-year, as live vectors share theirs.
        var firstKey = back.First(c => c.Vector is { Length: > 0 }).Vector![0].Key;
        Assert.All(back.Where(c => c.Vector is not null).SelectMany(c => c.Vector!).Where(e => e.Key == firstKey),
            e => Assert.Same(firstKey, e.Key));
        // Written compactly: fewer bytes than the vectors' JSON by far.
        Assert.True(bytes.Length * 10 < JsonSerializer.SerializeToUtf8Bytes(held.Select(h => h.Vector)).Length, $"{bytes.Length} bytes");
    }

    [Fact]
    public void A_damaged_checkpoint_is_refused_whole()
    {
        var bytes = ContributionCheckpoint.Encode([new("bologna/gruppo/g1", 2, [new("city|GC.TOT|v", 1)])]);
        foreach (var at in new[] { 0, 31, 32, bytes.Length - 1 })
        {
            var damaged = (byte[])bytes.Clone();
            damaged[at] ^= 0x40;
            Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.Decode(damaged, k => k));
        }
        Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.Decode(bytes[..^1], k => k));
        Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.Decode([], k => k));
        Assert.Single(ContributionCheckpoint.Decode(bytes, k => k));
    }

    [Fact]
    public void Bytes_whose_hash_matches_but_that_do_not_decode_are_refused_as_damaged()
    {
        // Hashed as written, but nonsense inside: a count of -1 keys; a vector naming a key that is not there; Brotli of nothing valid.
        foreach (var body in new byte[][] { [1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [1, 0, 1, 1, (byte)'a', 2, 2, 5, 1] })
        {
            var packed = new MemoryStream();
            packed.Write(new byte[32]);
            using (var brotli = new System.IO.Compression.BrotliStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) brotli.Write(body);
            Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.Decode(Hashed(packed.ToArray()), k => k));
        }
        Assert.Throws<InvalidDataException>(() => ContributionCheckpoint.Decode(Hashed([.. new byte[32], 0x1B, 0xFF, 0x00, 0x42]), k => k));
    }

    private static byte[] Hashed(byte[] bytes)
    {
        System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(32), bytes.AsSpan(0, 32));
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
