using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using PdfSharp.Fonts;

namespace ActorWelfare.Dashboard.Reports.Pdf;

/// <summary>A typeface the PDF embeds: its family name for PDFsharp and whether it is the bold face.</summary>
public enum PdfFace { Titillium, TitilliumBold, DejaVu, DejaVuBold }

/// <summary>
/// The PDF's fonts, embedded in this assembly from npm packages at build time (the csproj): Titillium Web,
/// the Designers Italia font the pages use (Latin with its extensions: Italian, Romanian, Polish…), and
/// DejaVu Sans for the scripts Titillium lacks (Cyrillic, Greek…). A character neither covers, and the
/// right-to-left scripts (PDFsharp does not shape or reorder them), cannot be printed: see <see cref="Printable"/>.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Titillium = "Titillium Web", DejaVu = "DejaVu Sans";

    /// <summary>What the PDF prints in place of text no embedded font can draw.</summary>
    public const string Missing = "[…]";

    private static readonly Dictionary<PdfFace, string> Files = new()
    {
        [PdfFace.Titillium] = "titillium-web-v10-latin-ext_latin-regular.ttf",
        [PdfFace.TitilliumBold] = "titillium-web-v10-latin-ext_latin-700.ttf",
        [PdfFace.DejaVu] = "DejaVuSans.ttf",
        [PdfFace.DejaVuBold] = "DejaVuSans-Bold.ttf",
    };

    private static readonly Lazy<PdfFonts> Shared = new(() =>
    {
        var fonts = new PdfFonts();
        GlobalFontSettings.FontResolver = fonts; // PDFsharp's font resolver is process-wide
        return fonts;
    });

    private readonly Dictionary<PdfFace, byte[]> bytes;
    private readonly Dictionary<PdfFace, HashSet<int>> maps; // each face's own: the bold faces lack some characters of the regular ones

    private PdfFonts()
    {
        bytes = Files.ToDictionary(f => f.Key, f => Read(f.Value));
        maps = bytes.ToDictionary(f => f.Key, f => CharacterMap.Of(f.Value));
    }

    /// <summary>The fonts, registered with PDFsharp on first use.</summary>
    public static PdfFonts Instance => Shared.Value;

    private static byte[] Read(string file)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream("fonts/" + file)
            ?? throw new InvalidOperationException($"The font {file} is not embedded in the dashboard: build it with npm available (dashboard/package.json).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static string Family(PdfFace face) => face is PdfFace.Titillium or PdfFace.TitilliumBold ? Titillium : DejaVu;

    public static bool IsBold(PdfFace face) => face is PdfFace.TitilliumBold or PdfFace.DejaVuBold;

    /// <summary>The face that draws <paramref name="rune"/>: Titillium when it can, else DejaVu; null when neither can.</summary>
    public PdfFace? FaceOf(Rune rune, bool bold)
    {
        var (titillium, dejaVu) = bold ? (PdfFace.TitilliumBold, PdfFace.DejaVuBold) : (PdfFace.Titillium, PdfFace.DejaVu);
        return maps[titillium].Contains(rune.Value) ? titillium
            : maps[dejaVu].Contains(rune.Value) && !RightToLeft(rune) ? dejaVu
            : null;
    }

    /// <summary>Hebrew, Arabic, Syriac, Thaana, N'Ko, their presentation forms and Arabic mathematical letters: drawn left to right and unjoined they would be wrong.</summary>
    private static bool RightToLeft(Rune rune) =>
        rune.Value is (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF) or (>= 0x10800 and <= 0x10FFF) or (>= 0x1E800 and <= 0x1EFFF);

    /// <summary>
    /// The text as one line of the PDF: line breaks and tabs become spaces, other control characters go, and
    /// each run of characters no embedded face (of this weight) can draw becomes <see cref="Missing"/>.
    /// </summary>
    public string Printable(string text, bool bold = false)
    {
        var result = new StringBuilder(text.Length);
        var missing = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is '\n' or '\r' or '\t') { result.Append(' '); missing = false; continue; }
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control) continue;
            var drawable = FaceOf(rune, bold) is not null;
            if (drawable) result.Append(rune.ToString());
            else if (!missing) result.Append(Missing);
            missing = !drawable;
        }
        return result.ToString();
    }

    /// <summary>The text cut into runs of one face each (spaces go with the run they are in); call it on <see cref="Printable"/> text.</summary>
    public IEnumerable<(string Text, PdfFace Face)> Runs(string text, bool bold)
    {
        var run = new StringBuilder();
        PdfFace? current = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var face = rune.Value == ' ' && current is { } c ? c : FaceOf(rune, bold) ?? (bold ? PdfFace.TitilliumBold : PdfFace.Titillium);
            if (current is { } f && f != face)
            {
                yield return (run.ToString(), f);
                run.Clear();
            }
            current = face;
            run.Append(rune.ToString());
        }
        if (current is { } last && run.Length > 0) yield return (run.ToString(), last);
    }

    FontResolverInfo? IFontResolver.ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
    {
        Titillium => new FontResolverInfo((bold ? PdfFace.TitilliumBold : PdfFace.Titillium).ToString()),
        DejaVu => new FontResolverInfo((bold ? PdfFace.DejaVuBold : PdfFace.DejaVu).ToString()),
        _ => null,
    };

    byte[]? IFontResolver.GetFont(string faceName) => Enum.TryParse<PdfFace>(faceName, out var face) ? bytes[face] : null;

    /// <summary>The characters a TrueType font maps to a glyph, read from its 'cmap' table (formats 4 and 12).</summary>
    private static class CharacterMap
    {
        public static HashSet<int> Of(byte[] font)
        {
            var data = font.AsSpan();
            var tables = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
            for (var t = 0; t < tables; t++)
            {
                var record = data[(12 + 16 * t)..];
                if (System.Text.Encoding.ASCII.GetString(record[..4]) != "cmap") continue;
                return Read(data[(int)BinaryPrimitives.ReadUInt32BigEndian(record[8..])..]);
            }
            throw new InvalidOperationException("The font has no character map.");
        }

        private static HashSet<int> Read(ReadOnlySpan<byte> cmap)
        {
            var covered = new HashSet<int>();
            var count = BinaryPrimitives.ReadUInt16BigEndian(cmap[2..]);
            for (var i = 0; i < count; i++)
            {
                var entry = cmap[(4 + 8 * i)..];
                var (platform, encoding) = (BinaryPrimitives.ReadUInt16BigEndian(entry), BinaryPrimitives.ReadUInt16BigEndian(entry[2..]));
                if (platform != 3 || encoding is not (1 or 10)) continue; // the Windows Unicode maps
                var table = cmap[(int)BinaryPrimitives.ReadUInt32BigEndian(entry[4..])..];
                switch (BinaryPrimitives.ReadUInt16BigEndian(table))
                {
                    case 4: Format4(table, covered); break;
                    case 12: Format12(table, covered); break;
                }
            }
            return covered;
        }

        private static int U16(ReadOnlySpan<byte> table, int offset) => BinaryPrimitives.ReadUInt16BigEndian(table[offset..]);

        private static void Format4(ReadOnlySpan<byte> table, HashSet<int> covered)
        {
            var segments = U16(table, 6) / 2;
            int ends = 14, starts = ends + 2 * segments + 2, deltas = starts + 2 * segments, ranges = deltas + 2 * segments;
            for (var s = 0; s < segments; s++)
            {
                int end = U16(table, ends + 2 * s), start = U16(table, starts + 2 * s), delta = U16(table, deltas + 2 * s), range = U16(table, ranges + 2 * s);
                for (var c = start; c <= end && c != 0xFFFF; c++)
                {
                    var glyph = range == 0 ? (c + delta) & 0xFFFF : U16(table, ranges + 2 * s + range + 2 * (c - start));
                    if (glyph != 0) covered.Add(c);
                }
            }
        }

        private static void Format12(ReadOnlySpan<byte> table, HashSet<int> covered)
        {
            var groups = BinaryPrimitives.ReadUInt32BigEndian(table[12..]);
            for (var g = 0; g < groups; g++)
            {
                var group = table[(16 + 12 * g)..];
                var (start, end) = (BinaryPrimitives.ReadUInt32BigEndian(group), BinaryPrimitives.ReadUInt32BigEndian(group[4..]));
                if (BinaryPrimitives.ReadUInt32BigEndian(group[8..]) == 0) start++;
                for (var c = start; c <= end; c++) covered.Add((int)c);
            }
        }
    }
}
