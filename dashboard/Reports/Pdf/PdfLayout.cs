using PdfSharp.Drawing;

namespace ActorWelfare.Dashboard.Reports.Pdf;

/// <summary>What a block is for a reader of the tagged PDF (a screen reader follows these).</summary>
public enum PdfTag { Title, Section, Part, Heading, Paragraph, Figure, TableOfContentsItem }

/// <summary>A line of text at its baseline (points from the page's top-left corner).</summary>
public sealed record PdfLine(double X, double Baseline, string Text, double Size, bool Bold, XColor Color);

/// <summary>A filled rectangle: a chart's bar or its track.</summary>
public sealed record PdfBox(double X, double Y, double Width, double Height, XColor Color);

/// <summary>
/// One tagged element on one page: its lines and boxes, the alternative text of a figure, the anchor a
/// heading sets (for the table of contents and the bookmarks) or the anchor an entry of the contents links to.
/// </summary>
public sealed class PdfBlock(PdfTag tag, string? alternative = null)
{
    public PdfTag Tag { get; } = tag;
    public string? Alternative { get; } = alternative;
    public List<PdfLine> Lines { get; } = [];
    public List<PdfBox> Boxes { get; } = [];
    public string? Anchor { get; init; }
    public string? LinksTo { get; init; }
}

/// <summary>A heading the bookmarks and the table of contents list: level 1 for sections, 2 for their parts.</summary>
public sealed record PdfHeading(string Anchor, string Title, int Level, int Page);

/// <summary>
/// The report laid out on A4 pages before anything is drawn, so that the table of contents and the
/// "page n of N" footers know every page number. Text is measured with the embedded fonts.
/// </summary>
public sealed class PdfLayout
{
    public const double Width = 595.28, Height = 841.89, Margin = 50, Bottom = Height - Margin - 20;
    private static readonly XColor Ink = XColor.FromArgb(26, 26, 26);

    private readonly XGraphics measure = XGraphics.CreateMeasureContext(new XSize(Width, Height), XGraphicsUnit.Point, XPageDirection.Downwards);
    private readonly Dictionary<(PdfFace, double), XFont> fonts = [];

    public PdfLayout() => NewPage();

    public PdfFonts Fonts { get; } = PdfFonts.Instance;
    public List<List<PdfBlock>> Pages { get; } = [];
    public List<PdfHeading> Headings { get; } = [];

    /// <summary>The top of the free space on the current page.</summary>
    public double Y { get; private set; }

    /// <summary>True when some text had characters no embedded font draws (printed as <see cref="PdfFonts.Missing"/>).</summary>
    public bool LostCharacters { get; private set; }

    private List<PdfBlock> Page => Pages[^1];

    public void NewPage()
    {
        Pages.Add([]);
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Ensure(double height)
    {
        if (Y + height > Bottom) NewPage();
    }

    public void Skip(double points) => Y += points;

    public XFont Font(PdfFace face, double size)
    {
        if (!fonts.TryGetValue((face, size), out var font))
            fonts[(face, size)] = font = new XFont(PdfFonts.Family(face), size, PdfFonts.IsBold(face) ? XFontStyleEx.Bold : XFontStyleEx.Regular,
                new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode));
        return font;
    }

    /// <summary>The text as the PDF prints it (<see cref="PdfFonts.Printable"/>), remembering when characters were lost.</summary>
    public string Printable(string text, bool bold = false)
    {
        var printable = Fonts.Printable(text, bold);
        if (Count(printable, PdfFonts.Missing) > Count(text, PdfFonts.Missing)) LostCharacters = true;
        return printable;
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    public double TextWidth(string text, double size, bool bold = false) =>
        Fonts.Runs(text, bold).Sum(run => measure.MeasureString(run.Text, Font(run.Face, size)).Width);

    /// <summary>The lines of <paramref name="text"/> wrapped to <paramref name="width"/>, breaking at spaces (a word longer than the line is cut).</summary>
    public IEnumerable<string> Wrap(string text, double size, double width, bool bold = false)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var longer = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && TextWidth(longer, size, bold) > width)
            {
                yield return line;
                longer = word;
            }
            line = longer;
            while (line.Length > 1 && TextWidth(line, size, bold) > width)
            {
                var fits = Fit(line, size, width, bold, ellipsis: false);
                if (fits.Length == 0) fits = line[..(char.IsHighSurrogate(line[0]) ? 2 : 1)]; // at least one character per line
                yield return fits;
                line = line[fits.Length..];
            }
        }
        if (line.Length > 0) yield return line;
    }

    /// <summary>The longest start of the text within <paramref name="width"/> (found by halving, never splitting a character), with "…" when it was cut.</summary>
    public string Fit(string text, double size, double width, bool bold = false, bool ellipsis = true)
    {
        if (TextWidth(text, size, bold) <= width) return text;
        var mark = ellipsis ? "…" : "";
        var (fits, over) = (0, text.Length); // text[..fits] + mark fits; text[..over] + mark does not
        while (over - fits > 1)
        {
            var middle = (fits + over) / 2;
            if (TextWidth(text[..middle] + mark, size, bold) <= width) fits = middle; else over = middle;
        }
        if (fits > 0 && char.IsHighSurrogate(text[fits - 1])) fits--;
        return text[..fits] + mark;
    }

    /// <summary>A block on the current page.</summary>
    public PdfBlock Block(PdfTag tag, string? alternative = null, string? anchor = null, string? linksTo = null)
    {
        var block = new PdfBlock(tag, alternative) { Anchor = anchor, LinksTo = linksTo };
        Page.Add(block);
        return block;
    }

    /// <summary>A heading, kept with at least <paramref name="keepWith"/> points of what follows; listed in the bookmarks when it has an anchor.</summary>
    public void Heading(string text, PdfTag tag, double size, XColor color, string? anchor = null, int level = 0, double keepWith = 60)
    {
        Ensure(size * 1.5 + keepWith);
        if (anchor is not null)
        {
            if (Headings.Any(h => h.Anchor == anchor)) throw new InvalidOperationException($"Two headings of the PDF are anchored at '{anchor}'.");
            Headings.Add(new PdfHeading(anchor, Printable(text, bold: true), level, Pages.Count));
        }
        Paragraph(text, size, bold: true, color: color, tag: tag, anchor: anchor);
    }

    /// <summary>A paragraph from the left margin, wrapped to the width, moving down; split into one block per page it spans.</summary>
    public void Paragraph(string text, double size, bool bold = false, double indent = 0, XColor? color = null, PdfTag tag = PdfTag.Paragraph, string? anchor = null)
    {
        PdfBlock? block = null;
        foreach (var line in Wrap(Printable(text, bold), size, Width - 2 * Margin - indent, bold))
        {
            var before = Pages.Count;
            Ensure(size * 1.4);
            if (block is null || Pages.Count != before) block = Block(tag, anchor: block is null ? anchor : null);
            Y += size * 1.4;
            block.Lines.Add(new PdfLine(Margin + indent, Y - size * 0.3, line, size, bold, color ?? Ink));
        }
    }
}
