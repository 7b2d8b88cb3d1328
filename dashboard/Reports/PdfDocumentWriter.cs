using System.Globalization;
using System.Text;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>
/// A small PDF 1.4 writer for A4 reports: text in the standard Helvetica fonts (WinAnsi, so Italian
/// accents print without embedding a font), filled rectangles for the bars, and nothing that depends
/// on the clock: the same calls give the same bytes.
/// </summary>
public sealed class PdfDocumentWriter
{
    public const double Width = 595.28, Height = 841.89, Margin = 50;
    private readonly List<StringBuilder> pages = [];
    private StringBuilder page = null!;

    public double Y { get; private set; }
    public int PageCount => pages.Count;

    public PdfDocumentWriter() => NewPage();

    public void NewPage()
    {
        page = new StringBuilder();
        pages.Add(page);
        Y = Height - Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Ensure(double height)
    {
        if (Y - height < Margin + 20) NewPage();
    }

    public void Skip(double points) => Y -= points;

    public void Text(double x, double y, string text, double size, bool bold = false, (double R, double G, double B)? color = null)
    {
        var (r, g, b) = color ?? (0.1, 0.1, 0.1);
        page.Append(CultureInfo.InvariantCulture, $"BT {r:0.###} {g:0.###} {b:0.###} rg /{(bold ? "F2" : "F1")} {size:0.##} Tf {x:0.##} {y:0.##} Td ({Escape(text)}) Tj ET\n");
    }

    /// <summary>Writes a paragraph from the left margin, wrapped to the width, moving down.</summary>
    public void Paragraph(string text, double size, bool bold = false, double indent = 0, (double, double, double)? color = null)
    {
        foreach (var line in Wrap(text, size, Width - 2 * Margin - indent))
        {
            Ensure(size * 1.4);
            Y -= size * 1.4;
            Text(Margin + indent, Y, line, size, bold, color);
        }
    }

    public void Rectangle(double x, double y, double width, double height, (double R, double G, double B) color) =>
        page.Append(CultureInfo.InvariantCulture, $"{color.R:0.###} {color.G:0.###} {color.B:0.###} rg {x:0.##} {y:0.##} {width:0.##} {height:0.##} re f\n");

    /// <summary>Helvetica is about half an em wide on average; digits are exactly 0.556 em.</summary>
    public static double TextWidth(string text, double size) =>
        text.Sum(c => char.IsDigit(c) ? 0.556 : c is ' ' or '.' or ',' or 'i' or 'l' or 'j' or 't' or 'f' or 'r' ? 0.3 : char.IsUpper(c) ? 0.68 : 0.53) * size;

    public static IEnumerable<string> Wrap(string text, double size, double width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && TextWidth(line + " " + word, size) > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }

    public static string Fit(string text, double size, double width)
    {
        if (TextWidth(text, size) <= width) return text;
        while (text.Length > 1 && TextWidth(text + "…", size) > width) text = text[..^1];
        return text + "…";
    }

    /// <summary>The file: catalog, pages, two fonts, the info dictionary with the given title and time, the cross-reference table.</summary>
    public byte[] ToBytes(string title, DateTimeOffset created, Func<int, int, string> footer)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            page = pages[i];
            Text(Margin, 28, footer(i + 1, pages.Count), 8, color: (0.4, 0.4, 0.4));
        }
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            $"<< /Type /Pages /Kids [{string.Join(' ', Enumerable.Range(0, pages.Count).Select(i => $"{6 + 2 * i} 0 R"))}] /Count {pages.Count} >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
            $"<< /Title ({Escape(title)}) /Producer (ActorWelfare) /CreationDate (D:{created.UtcDateTime:yyyyMMddHHmmss}Z) >>",
        };
        foreach (var content in pages)
        {
            var stream = content.ToString();
            objects.Add(string.Create(CultureInfo.InvariantCulture,
                $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {Width} {Height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {objects.Count + 2} 0 R >>"));
            objects.Add($"<< /Length {Latin(stream).Length} >>\nstream\n{stream}endstream");
        }

        using var output = new MemoryStream();
        void Write(string s) => output.Write(Latin(s));
        Write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = output.Position;
        Write($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) Write($"{offset:D10} 00000 n \n");
        Write($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    // Content is written one byte per character: WinAnsi for text (escaped below), ASCII for the rest.
    private static byte[] Latin(string s) => [.. s.Select(c => (byte)c)];

    /// <summary>A PDF string in WinAnsi: parentheses and backslashes escaped, other bytes as octal.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text)
        {
            var code = ch switch
            {
                '€' => 0x80, '‚' => 0x82, '„' => 0x84, '…' => 0x85, '‘' => 0x91, '’' => 0x92, '“' => 0x93, '”' => 0x94, '•' => 0x95, '–' => 0x96, '—' => 0x97,
                _ when ch <= 0xFF => ch,
                _ => '?',
            };
            if (code is '(' or ')' or '\\') sb.Append('\\').Append((char)code);
            else if (code < 0x20 || code > 0x7E) sb.Append('\\').Append(Convert.ToString(code, 8).PadLeft(3, '0'));
            else sb.Append((char)code);
        }
        return sb.ToString();
    }
}
