using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>One activity's contribution as an aggregator holds it: the version it came from and its vector (none when it adds nothing to the year).</summary>
public readonly record struct HeldContribution(string Activity, long Version, KeyValuePair<string, long>[]? Vector);

/// <summary>
/// What a checkpoint says before its contributions: the store's horizon the contributions were in step with (every
/// change before it is in them; none when unknown) and the sum of their vectors (the figures, without the activities);
/// with the key strings and the hash its contributions are decoded and checked against.
/// </summary>
public sealed record CheckpointHead(long? Horizon, KeyValuePair<string, long>[] Sums)
{
    internal string[] Keys { get; init; } = [];
    internal byte[] Hash { get; init; } = [];
}

/// <summary>A checkpoint's two parts as stored: the head, read by every activation, and the contributions, read only when needed.</summary>
public sealed record EncodedCheckpoint(byte[] Head, byte[] Contributions);

/// <summary>
/// An aggregator's contributions written down, so a restarted aggregator takes them back in one read instead of
/// recomputing every activity of its city-year. Two parts, each a SHA-256 then Brotli: the head (the horizon, the
/// distinct keys once, the vectors' sum as (key number, amount) pairs) and the contributions (each activity's version
/// and pairs; their hash covers the head's, so they decode only with the head they were written with). An aggregator
/// serves its figures from the head (<see cref="ReadHead"/>) and reads and decodes the contributions when a change
/// first needs them (<see cref="DecodeContributions"/>). Anything that does not decode whole is refused
/// (<see cref="InvalidDataException"/>), and the aggregator loads from the activities as before.
/// </summary>
public static class ContributionCheckpoint
{
    private const int Format = 3;
    private const int HashBytes = 32;

    public static EncodedCheckpoint Encode(IEnumerable<HeldContribution> contributions, long? horizon = null)
    {
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        var sums = new Dictionary<int, long>();
        var entries = contributions.ToList();
        foreach (var entry in entries)
            foreach (var (key, amount) in entry.Vector ?? [])
            {
                if (!keys.TryGetValue(key, out var number)) keys[key] = number = keys.Count;
                sums[number] = sums.GetValueOrDefault(number) + amount;
            }
        var head = Pack([], writer =>
        {
            writer.Write7BitEncodedInt(Format);
            writer.Write7BitEncodedInt64(horizon is { } h ? h + 1 : 0);
            writer.Write7BitEncodedInt(keys.Count);
            foreach (var key in keys.Keys) writer.Write(key); // a Dictionary enumerates in insertion order while nothing is removed
            var nonZero = sums.Where(s => s.Value != 0).ToList();
            writer.Write7BitEncodedInt(nonZero.Count);
            foreach (var (number, amount) in nonZero)
            {
                writer.Write7BitEncodedInt(number);
                writer.Write7BitEncodedInt64(amount);
            }
        });
        var body = Pack(head.AsSpan(0, HashBytes), writer =>
        {
            writer.Write7BitEncodedInt(entries.Count);
            foreach (var (activity, version, vector) in entries)
            {
                writer.Write(activity);
                writer.Write7BitEncodedInt64(version);
                writer.Write7BitEncodedInt(vector is null ? 0 : vector.Length + 1);
                foreach (var (key, amount) in vector ?? [])
                {
                    writer.Write7BitEncodedInt(keys[key]);
                    writer.Write7BitEncodedInt64(amount);
                }
            }
        });
        return new EncodedCheckpoint(head, body);
    }

    /// <summary>The head: the horizon and the vectors' sum; each key string made once and passed through <paramref name="share"/>.</summary>
    public static CheckpointHead ReadHead(byte[] head, Func<string, string> share) => Unpack(head, [], reader =>
    {
        if (reader.Read7BitEncodedInt() is var format && format != Format) throw new InvalidDataException($"Checkpoint format {format} is not {Format}.");
        var horizon = reader.Read7BitEncodedInt64() is var h and > 0 ? h - 1 : (long?)null;
        var keys = new string[reader.Read7BitEncodedInt()];
        for (var i = 0; i < keys.Length; i++) keys[i] = share(reader.ReadString());
        var sums = new KeyValuePair<string, long>[reader.Read7BitEncodedInt()];
        for (var i = 0; i < sums.Length; i++) sums[i] = new(keys[reader.Read7BitEncodedInt()], reader.Read7BitEncodedInt64());
        return new CheckpointHead(horizon, sums) { Keys = keys, Hash = head[..HashBytes] };
    });

    /// <summary>The contributions written with <paramref name="head"/> (refused if they were written with another).</summary>
    public static IReadOnlyList<HeldContribution> DecodeContributions(CheckpointHead head, byte[] contributions) => Unpack(contributions, head.Hash, reader =>
    {
        var entries = new HeldContribution[reader.Read7BitEncodedInt()];
        for (var e = 0; e < entries.Length; e++)
        {
            var activity = reader.ReadString();
            var version = reader.Read7BitEncodedInt64();
            var length = reader.Read7BitEncodedInt() - 1;
            KeyValuePair<string, long>[]? vector = null;
            if (length >= 0)
            {
                vector = new KeyValuePair<string, long>[length];
                for (var p = 0; p < length; p++) vector[p] = new(head.Keys[reader.Read7BitEncodedInt()], reader.Read7BitEncodedInt64());
            }
            entries[e] = new(activity, version, vector);
        }
        return entries;
    });

    /// <summary>Both parts, as a restarted aggregator takes them when a change needs its contributions.</summary>
    public static (CheckpointHead Head, IReadOnlyList<HeldContribution> Contributions) Decode(EncodedCheckpoint checkpoint, Func<string, string> share)
    {
        var head = ReadHead(checkpoint.Head, share);
        return (head, DecodeContributions(head, checkpoint.Contributions));
    }

    /// <summary>SHA-256 of <paramref name="bound"/> and the payload, then Brotli of the payload.</summary>
    private static byte[] Pack(ReadOnlySpan<byte> bound, Action<BinaryWriter> write)
    {
        var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true)) write(writer);
        var packed = new MemoryStream();
        packed.Write(new byte[HashBytes]);
        using (var brotli = new BrotliStream(packed, CompressionLevel.Fastest, leaveOpen: true)) payload.WriteTo(brotli);
        var bytes = packed.ToArray();
        Hash(bound, bytes.AsSpan(HashBytes), bytes.AsSpan(0, HashBytes));
        return bytes;
    }

    private static void Hash(ReadOnlySpan<byte> bound, ReadOnlySpan<byte> packed, Span<byte> hash)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(bound);
        sha.AppendData(packed);
        sha.GetHashAndReset(hash);
    }

    private static T Unpack<T>(byte[] bytes, ReadOnlySpan<byte> bound, Func<BinaryReader, T> read)
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        if (bytes.Length >= HashBytes) Hash(bound, bytes.AsSpan(HashBytes), hash);
        if (bytes.Length < HashBytes || !hash.SequenceEqual(bytes.AsSpan(0, HashBytes)))
            throw new InvalidDataException("The checkpoint's bytes do not match their SHA-256 (or were written with another head).");
        try
        {
            // Buffered: BinaryReader reads a byte at a time, and each read of a BrotliStream is a call into the native decoder.
            using var reader = new BinaryReader(new BufferedStream(
                new BrotliStream(new MemoryStream(bytes, HashBytes, bytes.Length - HashBytes), CompressionMode.Decompress), 8192), Encoding.UTF8);
            var result = read(reader);
            if (reader.BaseStream.ReadByte() != -1) throw new InvalidDataException("The checkpoint has bytes after its end.");
            return result;
        }
        catch (Exception e) when (e is EndOfStreamException or IndexOutOfRangeException or FormatException or IOException
            or OverflowException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException("The checkpoint does not decode: " + e.Message, e);
        }
    }

    private static readonly ConditionalWeakTable<Territory, string> Fingerprints = new();

    /// <summary>
    /// What the contributions were computed with: this build of the rules (the domain assembly's identity, which a
    /// deterministic build changes only with its code) and the city's territory file. A checkpoint written under
    /// other rules is not taken back.
    /// </summary>
    public static string RulesOf(Territory territory) => Fingerprints.GetValue(territory, t =>
    {
        var rules = typeof(ContributionVector).Assembly.ManifestModule.ModuleVersionId.ToString("N");
        var text = rules + "\n" + JsonSerializer.Serialize(t, TerritoryFile.Json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    });
}
