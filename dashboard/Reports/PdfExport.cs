using ActorWelfare.Dashboard.Reports.Pdf;
using ActorWelfare.Years;
using PdfSharp.Drawing;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>
/// The report on A4 pages, laid out from the report's one description: the title and the contents, the
/// analysts' general note, each section with its main numbers and its parts' charts (bars drawn as vectors,
/// each value printed), the districts side by side, the activities with their organisations, the note.
/// </summary>
public static class PdfExport
{
    // bootstrap-italia's primary blue, its grey for secondary text, a pale track behind each bar.
    private static readonly XColor Blue = XColor.FromArgb(0, 102, 204), Grey = XColor.FromArgb(92, 111, 130), Track = XColor.FromArgb(224, 234, 246);

    public static byte[] Write(ReportModel report, IProgress<double>? progress = null)
    {
        var pdf = new PdfLayout();
        var steps = report.Sections.Count + 3.0;
        Cover(pdf, report);
        foreach (var section in report.Sections)
        {
            pdf.NewPage();
            Section(pdf, report, section);
            progress?.Report((report.Sections.ToList().IndexOf(section) + 1) / steps);
        }

        pdf.NewPage();
        pdf.Heading(report.ByDistrictTitle, PdfTag.Section, 15, Blue, "districts", 1);
        foreach (var column in report.QuartiereColumns)
            Chart(pdf, report, $"{column.Label} ({column.Code})", null,
                [.. report.Territory.Quartieri.Select(q => (q.Name, report.QuartiereValue(q.Id, column.Code)))], heading: PdfTag.Part);
        progress?.Report((steps - 2) / steps);

        pdf.NewPage();
        Activities(pdf, report);
        progress?.Report((steps - 1) / steps);

        pdf.Skip(12);
        pdf.Heading(report.MethodNoteTitle, PdfTag.Section, 15, Blue, "method", 1);
        foreach (var paragraph in report.MethodNote) pdf.Paragraph(paragraph, 9.5);
        if (pdf.LostCharacters)
            pdf.Paragraph(report.T(
                $"Alcuni nomi contengono caratteri di scritture che i caratteri tipografici di questo PDF non coprono (per esempio l'arabo e il cinese): sono stampati come {PdfFonts.Missing}. I nomi completi sono nella pagina del rapporto, nell'XLSX e nel JSON.",
                $"Some names contain characters of scripts this PDF's typefaces do not cover (for example Arabic and Chinese): they are printed as {PdfFonts.Missing}. The full names are on the report's page, in the XLSX and in the JSON."), 9.5);

        var info = report.Snapshot.Info;
        return PdfRenderer.Render(pdf, new PdfInfo(report.Title, report.English ? "en-GB" : "it-IT", info.TakenBy, report.Subtitle, info.TakenAt, info.Sha256,
            (n, total) => $"ActorWelfare · {report.Territory.Name} {info.Year} · {info.Label} · " + (report.English ? $"page {n} of {total}" : $"pagina {n} di {total}")));
    }

    /// <summary>The first page: title, identity of the snapshot, contents with page numbers, the analysts' general note.</summary>
    private static void Cover(PdfLayout pdf, ReportModel report)
    {
        pdf.Paragraph(report.Title, 20, bold: true, color: Blue, tag: PdfTag.Title);
        pdf.Skip(4);
        pdf.Paragraph(report.Subtitle, 8.5, color: Grey);
        pdf.Skip(14);
        pdf.Paragraph(report.T("Indice", "Contents"), 13, bold: true, color: Blue, tag: PdfTag.Section);
        List<(string Anchor, string Title, int Level)> contents =
        [
            .. report.Sections.SelectMany(s => new[] { (s.Id, s.Title, 1) }
                .Concat(s.Parts.Where(p => p.Tables.Count > 0).Select(p => ($"{s.Id}/{p.Id}", p.Title, 2)))),
            ("districts", report.ByDistrictTitle, 1), ("activities", report.ActivitiesTitle, 1), ("method", report.MethodNoteTitle, 1),
        ];
        foreach (var (anchor, title, level) in contents)
        {
            var size = level == 1 ? 10.5 : 9.5;
            pdf.Ensure(size * 1.6);
            pdf.Skip(size * 1.6);
            var indent = level == 1 ? 0 : 14;
            var entry = pdf.Block(PdfTag.TableOfContentsItem, linksTo: anchor);
            entry.Lines.Add(new PdfLine(PdfLayout.Margin + indent, pdf.Y - size * 0.3, pdf.Fit(pdf.Printable(title, level == 1), size, PdfLayout.Width - 2 * PdfLayout.Margin - indent - 30, level == 1),
                size, level == 1, XColor.FromArgb(26, 26, 26)));
        }
        Words(pdf, report, Commentary.General, report.T("Nota generale degli analisti", "The analysts' general note"));
    }

    private static void Section(PdfLayout pdf, ReportModel report, ReportSection section)
    {
        pdf.Heading(section.Title, PdfTag.Section, 17, Blue, section.Id, 1);
        Words(pdf, report, section.Id, null);
        pdf.Skip(4);
        pdf.Heading(report.T("I numeri principali", "Main figures"), PdfTag.Part, 11, Blue, keepWith: 30);
        foreach (var h in section.Headlines)
        {
            pdf.Paragraph($"{h.Value}  {h.Label}{(h.BaseText is { } b ? $" ({b})" : "")}", 10, indent: 8);
            foreach (var n in h.Notes ?? []) pdf.Paragraph("⚠ " + n, 8.5, indent: 20, color: Grey);
        }
        foreach (var part in section.Parts.Where(p => p.Tables.Count > 0))
        {
            pdf.Skip(10);
            pdf.Heading(part.Title, PdfTag.Part, 13, Blue, $"{section.Id}/{part.Id}", 2, keepWith: 90);
            foreach (var table in part.Tables)
            {
                Chart(pdf, report, table.Title, table.BaseText, [.. table.Rows.Select(r => (r.Label, (double?)r.Value))], table.Decimals);
                if (table.Note is { } note) pdf.Paragraph(note, 8.5, indent: 8);
                foreach (var n in table.Notes ?? []) pdf.Paragraph("⚠ " + n, 8.5, indent: 8, color: Grey);
            }
        }
    }

    /// <summary>The analysts' words on a section, paragraph by paragraph, and who wrote them when.</summary>
    private static void Words(PdfLayout pdf, ReportModel report, string section, string? title)
    {
        if (report.Words(section) is not { } words) return;
        pdf.Skip(8);
        if (title is not null) pdf.Heading(title, PdfTag.Part, 12, Blue);
        // Paragraphs are separated by an empty line (whatever the line endings); a single line break is a space.
        foreach (var paragraph in System.Text.RegularExpressions.Regex.Split(words.Text.Replace("\r\n", "\n"), @"\n\s*\n").Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            pdf.Paragraph(paragraph, 10);
            pdf.Skip(3);
        }
        pdf.Paragraph(report.WordsBy(words), 7.5, color: Grey);
    }

    /// <summary>
    /// A horizontal bar chart, one row per item: the bar proportional to the largest, its value at its end.
    /// A value nobody reported (null) gets no bar and "—", as on the page: it is not a zero. The figure's
    /// alternative text reads the same rows for a screen reader.
    /// </summary>
    private static void Chart(PdfLayout pdf, ReportModel report, string title, string? baseText, IReadOnlyList<(string Label, double? Value)> rows, int decimals = 0,
        PdfTag heading = PdfTag.Heading)
    {
        const double row = 13.5, labelWidth = 200, barMax = 220;
        pdf.Ensure(44 + row * Math.Min(rows.Count, 12));
        pdf.Skip(8);
        pdf.Heading(title, heading, 10, XColor.FromArgb(26, 26, 26), keepWith: row * Math.Min(rows.Count, 6));
        if (baseText is { } b) pdf.Paragraph(b, 8, color: Grey);
        if (rows.All(r => r.Value is null))
        {
            pdf.Paragraph(report.T("Nessun dato indicato.", "No data reported."), 9, color: Grey);
            return;
        }
        var max = Math.Max(rows.Max(r => r.Value ?? 0), 1e-9);
        var alternative = $"{title}: " + string.Join("; ", rows.Select(r => $"{r.Label} {report.Number(r.Value, decimals)}"));
        PdfBlock? figure = null;
        var pages = pdf.Pages.Count;
        foreach (var (label, value) in rows)
        {
            pdf.Ensure(row);
            // The figure's alternative text reads every row; a part carried over to the next page is an artifact, not read twice.
            if (figure is null || pdf.Pages.Count != pages) (figure, pages) = (pdf.Block(PdfTag.Figure, figure is null ? alternative : null), pdf.Pages.Count);
            pdf.Skip(row);
            var (x, baseline) = (PdfLayout.Margin, pdf.Y - 3.5);
            figure.Lines.Add(new PdfLine(x, baseline, pdf.Fit(pdf.Printable(label), 8.5, labelWidth - 8), 8.5, false, XColor.FromArgb(26, 26, 26)));
            figure.Boxes.Add(new PdfBox(x + labelWidth, baseline - 8, barMax, 9.5, Track));
            if (value is { } v) figure.Boxes.Add(new PdfBox(x + labelWidth, baseline - 8, Math.Max(0.5, barMax * v / max), 9.5, Blue));
            figure.Lines.Add(new PdfLine(x + labelWidth + barMax + 6, baseline, report.Number(value, decimals), 8.5, false, XColor.FromArgb(26, 26, 26)));
        }
    }

    /// <summary>Every activity of the snapshot: its name, kind and districts, and the organisations that took part.</summary>
    private static void Activities(PdfLayout pdf, ReportModel report)
    {
        pdf.Heading(report.ActivitiesTitle, PdfTag.Section, 15, Blue, "activities", 1);
        foreach (var activity in report.Activities)
        {
            pdf.Ensure(40);
            pdf.Skip(4);
            pdf.Paragraph(activity.Name, 9.5, bold: true);
            pdf.Paragraph(string.Join(" · ", new[] { activity.Kind, activity.Districts }.Where(t => t.Length > 0)), 8.5, indent: 8, color: Grey);
            if (activity.Organisations is { Count: > 0 } organisations)
                pdf.Paragraph(report.T("Organizzazioni: ", "Organisations: ") + string.Join("; ", organisations), 8.5, indent: 8);
        }
    }
}
