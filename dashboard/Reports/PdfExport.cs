using ActorWelfare.Years;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>The report on A4 pages: title, each section's main numbers, every indicator as a bar chart with its values, the quartieri, the note.</summary>
public static class PdfExport
{
    private static readonly (double, double, double) Blue = (0.0, 0.4, 0.8), Grey = (0.4, 0.4, 0.4), Light = (0.85, 0.9, 0.97);

    public static byte[] Write(ReportModel report, IProgress<double>? progress = null)
    {
        var parts = report.Sections.Count + 2.0;
        var pdf = new PdfDocumentWriter();
        pdf.Paragraph(report.Title, 18, bold: true, color: Blue);
        pdf.Paragraph(report.Subtitle, 8, color: Grey);
        Words(pdf, report, Commentary.General, report.T("Nota generale degli analisti", "The analysts' general note"));
        foreach (var section in report.Sections)
        {
            pdf.Skip(14);
            pdf.Ensure(120);
            pdf.Paragraph(section.Title, 14, bold: true, color: Blue);
            Words(pdf, report, section.Id, null);
            pdf.Paragraph(report.English ? "Main figures" : "I numeri principali", 10, bold: true);
            foreach (var h in section.Headlines)
            {
                pdf.Paragraph($"{h.Value}  {h.Label}{(h.BaseText is { } b ? $" ({b})" : "")}", 10, indent: 10);
                foreach (var n in h.Notes ?? []) pdf.Paragraph("! " + n, 8, indent: 20);
            }
            foreach (var part in section.Parts.Where(p => p.Tables.Count > 0))
            {
                pdf.Skip(8);
                pdf.Ensure(60);
                pdf.Paragraph(part.Title, 11, bold: true, color: Blue);
                foreach (var table in part.Tables)
                {
                    Chart(pdf, report, table.Title, table.BaseText, [.. table.Rows.Select(r => (r.Label, (double?)r.Value))], table.Decimals);
                    if (table.Note is { } note) pdf.Paragraph(note, 8, indent: 10);
                    foreach (var n in table.Notes ?? []) pdf.Paragraph("! " + n, 8, indent: 10);
                }
            }
            progress?.Report((report.Sections.ToList().IndexOf(section) + 1) / parts);
        }

        pdf.NewPage();
        pdf.Paragraph(report.T($"Per {report.Territory.DistrictTerm.It}", $"By {report.Territory.DistrictTerm.En}"), 14, bold: true, color: Blue);
        foreach (var column in report.QuartiereColumns)
            Chart(pdf, report, $"{column.Label} ({column.Code})", null,
                [.. report.Territory.Quartieri.Select(q => (q.Name, report.QuartiereValue(q.Id, column.Code)))]);

        progress?.Report((parts - 1) / parts);
        pdf.Skip(10);
        pdf.Ensure(100);
        pdf.Paragraph(report.English ? "Methodological note" : "Nota metodologica", 14, bold: true, color: Blue);
        foreach (var paragraph in report.MethodNote) pdf.Paragraph(paragraph, 9);

        return pdf.ToBytes(report.Title, report.Snapshot.Info.TakenAt, (n, total) =>
            $"ActorWelfare · {report.Territory.Name} {report.Snapshot.Info.Year} · {report.Snapshot.Info.Label} · " +
            (report.English ? $"page {n} of {total}" : $"pagina {n} di {total}"));
    }

    /// <summary>The analysts' words on a section, paragraph by paragraph, and who wrote them when.</summary>
    private static void Words(PdfDocumentWriter pdf, ReportModel report, string section, string? title)
    {
        if (report.Words(section) is not { } words) return;
        pdf.Skip(6);
        if (title is not null) pdf.Paragraph(title, 12, bold: true, color: Blue);
        foreach (var paragraph in words.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) pdf.Paragraph(paragraph, 9);
        pdf.Paragraph(report.WordsBy(words), 7, color: Grey);
    }

    /// <summary>
    /// A horizontal bar chart: one row per item, the bar proportional to the largest, the value at its end.
    /// A value nobody reported (null) gets no bar and "—", as on the page: it is not a zero.
    /// </summary>
    private static void Chart(PdfDocumentWriter pdf, ReportModel report, string title, string? baseText, IReadOnlyList<(string Label, double? Value)> rows, int decimals = 0)
    {
        const double row = 13, labelWidth = 190, barMax = 230;
        pdf.Ensure(40 + row * Math.Max(1, rows.Count));
        pdf.Skip(6);
        pdf.Paragraph(title, 10, bold: true);
        if (baseText is { } b) pdf.Paragraph(b, 8, color: Grey);
        if (rows.All(r => r.Value is null))
        {
            pdf.Paragraph(report.English ? "No data reported." : "Nessun dato indicato.", 9, color: Grey);
            return;
        }
        var max = Math.Max(rows.Max(r => r.Value ?? 0), 1e-9);
        foreach (var (label, value) in rows)
        {
            pdf.Ensure(row);
            pdf.Skip(row);
            var x = PdfDocumentWriter.Margin;
            pdf.Text(x, pdf.Y, PdfDocumentWriter.Fit(label, 8, labelWidth - 6), 8);
            pdf.Rectangle(x + labelWidth, pdf.Y - 1, barMax, 9, Light);
            if (value is { } v) pdf.Rectangle(x + labelWidth, pdf.Y - 1, Math.Max(0.5, barMax * v / max), 9, Blue);
            pdf.Text(x + labelWidth + barMax + 6, pdf.Y, report.Number(value, decimals), 8);
        }
    }
}
