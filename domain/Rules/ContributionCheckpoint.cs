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
/// An aggregator's contributions written down, so a restarted aggregator takes them back in one read instead of
/// recomputing every activity of its city-year. The bytes: a SHA-256 of what follows, then Brotli of the distinct
/// keys once and each activity's version and (key number, amount) pairs. Anything that does not decode whole is
/// refused (<see cref="InvalidDataException"/>), and the aggregator loads from the activities as before.
/// </summary>
public static class ContributionCheckpoint
{
    private const int Format = 1;
    private const int HashBytes = 32;

    public static byte[] Encode(IEnumerable<HeldContribution> contributions)
    {
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            var entries = contributions.ToList();
            foreach (var entry in entries)
                foreach (var (key, _) in entry.Vector ?? [])
                    keys.TryAdd(key, keys.Count);
            writer.Write7BitEncodedInt(Format);
            writer.Write7BitEncodedInt(keys.Count);
            foreach (var key in keys.Keys) writer.Write(key); // a Dictionary enumerates in insertion order while nothing is removed
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
        }
        var packed = new MemoryStream();
        packed.Write(new byte[HashBytes]);
        using (var brotli = new BrotliStream(packed, CompressionLevel.Fastest, leaveOpen: true)) body.WriteTo(brotli);
        var bytes = packed.ToArray();
        SHA256.HashData(bytes.AsSpan(HashBytes), bytes.AsSpan(0, HashBytes));
        return bytes;
    }

    /// <summary>The contributions written by <see cref="Encode"/>; each distinct key string is made once and passed through <paramref name="share"/>.</summary>
    public static IReadOnlyList<HeldContribution> Decode(byte[] bytes, Func<string, string> share)
    {
        if (bytes.Length < HashBytes || !SHA256.HashData(bytes.AsSpan(HashBytes)).AsSpan().SequenceEqual(bytes.AsSpan(0, HashBytes)))
            throw new InvalidDataException("The checkpoint's bytes do not match their SHA-256.");
        try
        {
            using var reader = new BinaryReader(new BrotliStream(new MemoryStream(bytes, HashBytes, bytes.Length - HashBytes), CompressionMode.Decompress), Encoding.UTF8);
            if (reader.Read7BitEncodedInt() is var format && format != Format) throw new InvalidDataException($"Checkpoint format {format} is not {Format}.");
            var keys = new string[reader.Read7BitEncodedInt()];
            for (var i = 0; i < keys.Length; i++) keys[i] = share(reader.ReadString());
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
                    for (var p = 0; p < length; p++) vector[p] = new(keys[reader.Read7BitEncodedInt()], reader.Read7BitEncodedInt64());
                }
                entries[e] = new(activity, version, vector);
            }
            if (reader.BaseStream.ReadByte() != -1) throw new InvalidDataException("The checkpoint has bytes after its last contribution.");
            return entries;
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
