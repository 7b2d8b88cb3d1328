using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace ActorWelfare.Dashboard.Reports.Pdf;

/// <summary>The document's identity: title, language (BCP 47), author, subject, creation time, what its ids are drawn from (the snapshot's hash), footer text by page.</summary>
public sealed record PdfInfo(string Title, string Language, string Author, string Subject, DateTimeOffset Created, string Seed, Func<int, int, string> Footer);

/// <summary>
/// Draws a <see cref="PdfLayout"/> with PDFsharp: embedded fonts, every block tagged (headings, paragraphs,
/// figures with their alternative text, the contents' entries as links; footers as artifacts), the
/// bookmarks, the title shown by viewers and the document's language. The bytes depend on the input only.
/// </summary>
public static partial class PdfRenderer
{
    public static byte[] Render(PdfLayout layout, PdfInfo info)
    {
        var document = new PdfDocument();
        document.Info.Title = Metadata(info.Title);
        document.Info.Author = Metadata(info.Author);
        document.Info.Subject = Metadata(info.Subject);
        document.Info.Creator = "ActorWelfare";
        document.Info.CreationDate = info.Created.UtcDateTime;
        document.Info.ModificationDate = info.Created.UtcDateTime;
        document.ViewerPreferences.DisplayDocTitle = true;
        document.PageMode = PdfPageMode.UseOutlines;
        var accessible = UAManager.ForDocument(document);
        accessible.SetDocumentLanguage(info.Language);
        var tags = accessible.StructureBuilder;

        var anchors = layout.Headings.ToDictionary(h => h.Anchor, h => h.Page);
        for (var p = 0; p < layout.Pages.Count; p++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PdfLayout.Width);
            page.Height = XUnit.FromPoint(PdfLayout.Height);
            using var graphics = XGraphics.FromPdfPage(page);
            var inContents = false;
            foreach (var block in layout.Pages[p])
            {
                // The contents' entries are grouped in one TOC element.
                var entry = block.Tag == PdfTag.TableOfContentsItem;
                if (entry && !inContents) tags.BeginElement(PdfGroupingElementTag.TableOfContents);
                if (!entry && inContents) tags.End();
                inContents = entry;
                Draw(layout, graphics, tags, page, block, anchors);
            }
            if (inContents) tags.End();

            tags.BeginArtifact();
            var footer = layout.Printable(info.Footer(p + 1, layout.Pages.Count));
            Text(layout, graphics, new PdfLine(PdfLayout.Margin, PdfLayout.Height - 28, footer, 8, false, XColor.FromArgb(102, 102, 102)));
            tags.End();
        }
        Bookmarks(document, layout.Headings);

        using var output = new MemoryStream();
        document.Save(output, false);
        return Reproducible(output.ToArray(), info);
    }

    private static void Draw(PdfLayout layout, XGraphics graphics, StructureBuilder tags, PdfPage page, PdfBlock block, Dictionary<string, int> anchors)
    {
        var linked = false;
        switch (block.Tag)
        {
            case PdfTag.Figure when block.Alternative is { } alternative:
                tags.BeginElement(PdfIllustrationElementTag.Figure, alternative, FromBottom(Bounds(block)));
                break;
            case PdfTag.Figure: // a figure's rows carried over to another page: its alternative text was given once
                tags.BeginArtifact();
                break;
            case PdfTag.TableOfContentsItem when block.LinksTo is { } anchor && anchors.TryGetValue(anchor, out var target):
                tags.BeginElement(PdfGroupingElementTag.TableOfContentsItem);
                var link = PdfSharp.Pdf.Annotations.PdfLinkAnnotation.CreateDocumentLink(new PdfRectangle(FromBottom(Bounds(block))), target);
                // PDFsharp names a link with a random id and the clock; a stable name keeps the bytes stable.
                link.Elements.SetString("/NM", "toc-" + anchor);
                link.Elements.SetString("/M", $"D:{DateTime.UnixEpoch:yyyyMMddHHmmss}Z");
                tags.BeginElement(link, block.Lines.FirstOrDefault()?.Text ?? anchor); // adds the link to the page, tagged
                linked = true;
                break;
            default:
                tags.BeginElement(block.Tag switch
                {
                    PdfTag.Title => PdfBlockLevelElementTag.Heading1,
                    PdfTag.Section => PdfBlockLevelElementTag.Heading2,
                    PdfTag.Part => PdfBlockLevelElementTag.Heading3,
                    PdfTag.Heading => PdfBlockLevelElementTag.Heading4,
                    _ => PdfBlockLevelElementTag.Paragraph,
                });
                break;
        }
        foreach (var box in block.Boxes) graphics.DrawRectangle(new XSolidBrush(box.Color), box.X, box.Y, box.Width, box.Height);
        foreach (var line in block.Lines) Text(layout, graphics, line);
        if (block.Tag == PdfTag.TableOfContentsItem && block.LinksTo is { } entry && anchors.TryGetValue(entry, out var number) && block.Lines is [var title, ..])
        {
            // The page number, flush right on the entry's line.
            var font = layout.Font(PdfFace.Titillium, title.Size);
            var digits = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Text(layout, graphics, title with { X = PdfLayout.Width - PdfLayout.Margin - graphics.MeasureString(digits, font).Width, Text = digits, Bold = false });
        }
        if (linked) tags.End();
        tags.End();
    }

    /// <summary>A line drawn run by run, each in the embedded face that has its characters.</summary>
    private static void Text(PdfLayout layout, XGraphics graphics, PdfLine line)
    {
        var brush = new XSolidBrush(line.Color);
        var x = line.X;
        foreach (var (text, face) in layout.Fonts.Runs(line.Text, line.Bold))
        {
            var font = layout.Font(face, line.Size);
            graphics.DrawString(text, font, brush, x, line.Baseline, XStringFormats.BaseLineLeft);
            x += graphics.MeasureString(text, font).Width;
        }
    }

    /// <summary>A rectangle in PDF's own coordinates, which count from the page's bottom.</summary>
    private static XRect FromBottom(XRect area) => new(area.X, PdfLayout.Height - area.Bottom, area.Width, area.Height);

    /// <summary>PDFsharp 6.2.4 writes the title, author and subject into the XMP metadata unescaped: characters XML reserves are replaced.</summary>
    private static string Metadata(string text) => text.Replace('&', '＆').Replace('<', '‹').Replace('>', '›');

    private static XRect Bounds(PdfBlock block)
    {
        var rects = block.Boxes.Select(b => new XRect(b.X, b.Y, b.Width, b.Height))
            .Concat(block.Lines.Select(l => new XRect(l.X, l.Baseline - l.Size, PdfLayout.Width - PdfLayout.Margin - l.X, l.Size * 1.3))).ToList();
        if (rects.Count == 0) return new XRect(PdfLayout.Margin, PdfLayout.Margin, 1, 1);
        var (left, top) = (rects.Min(r => r.Left), rects.Min(r => r.Top));
        return new XRect(left, top, rects.Max(r => r.Right) - left, rects.Max(r => r.Bottom) - top);
    }

    /// <summary>Sections as bookmarks, their parts beneath them.</summary>
    private static void Bookmarks(PdfDocument document, IReadOnlyList<PdfHeading> headings)
    {
        PdfOutline? section = null;
        foreach (var heading in headings)
        {
            var page = document.Pages[heading.Page - 1];
            if (heading.Level <= 1 || section is null) section = document.Outlines.Add(heading.Title, page, true);
            else section.Outlines.Add(heading.Title, page, false);
        }
    }

    /// <summary>
    /// PDFsharp gives each document random ids (the trailer's ID, the XMP packet's uuids) and each embedded
    /// font subset a random six-letter tag. They are replaced, byte for byte, by values drawn from the
    /// snapshot's hash, language and title, so one snapshot always gives the same file and every offset stays true.
    /// </summary>
    private static byte[] Reproducible(byte[] pdf, PdfInfo info)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes($"{info.Seed}|{info.Language}|{info.Title}"));
        var replacements = new Dictionary<string, string>();
        string Stable(string random, Func<byte[], string> shape)
        {
            if (!replacements.TryGetValue(random, out var stable))
                replacements[random] = stable = shape(SHA256.HashData([.. seed, .. BitConverter.GetBytes(replacements.Count)]));
            return stable;
        }
        foreach (Match tag in SubsetTag().Matches(text))
            Stable(tag.Groups[1].Value, hash => new string([.. hash.Take(6).Select(b => (char)('A' + b % 26))]));
        text = SubsetUse().Replace(text, m => replacements.TryGetValue(m.Groups[1].Value, out var s) ? $"/{s}+" : m.Value);
        text = Uuid().Replace(text, m => m.Groups[1].Value + Stable(m.Groups[2].Value, hash => new Guid(hash.AsSpan(0, 16)).ToString()));
        text = DocumentId().Replace(text, m => $"<{Stable(m.Groups[1].Value, hash => Convert.ToHexString(hash, 0, 16))}>");
        return Encoding.Latin1.GetBytes(text);
    }

    [GeneratedRegex(@"/FontName/([A-Z]{6})\+")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"/([A-Z]{6})\+")]
    private static partial Regex SubsetUse();

    [GeneratedRegex(@"(uuid:)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"(?<=/ID\[(?:<[0-9A-F]{32}>)?)<([0-9A-F]{32})>")]
    private static partial Regex DocumentId();
}
