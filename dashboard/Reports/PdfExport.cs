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
        foreach (var section in report.Sections)
        {
            pdf.Skip(14);
            pdf.Ensure(120);
            pdf.Paragraph(section.Title, 14, bold: true, color: Blue);
            pdf.Paragraph(report.English ? "Main figures" : "I numeri principali", 10, bold: true);
            foreach (var h in section.Headlines)
                pdf.Paragraph($"{h.Value}  {h.Label}{(h.BaseText is { } b ? $" ({b})" : "")}", 10, indent: 10);
            foreach (var table in section.Tables) Chart(pdf, report, table);
            progress?.Report((report.Sections.ToList().IndexOf(section) + 1) / parts);
        }

        pdf.NewPage();
        pdf.Paragraph(report.English ? "By quartiere" : "Per quartiere", 14, bold: true, color: Blue);
        foreach (var code in report.QuartiereCodes)
        {
            var rows = report.Territory.Quartieri.Select(q => new ReportRow(q.Id, q.Name, report.QuartiereValue(q.Id, code) ?? 0)).ToList();
            Chart(pdf, report, new ReportTable(code, $"{code} {report.Label(code)}", null, rows));
        }

        progress?.Report((parts - 1) / parts);
        pdf.Skip(10);
        pdf.Ensure(100);
        pdf.Paragraph(report.English ? "Methodological note" : "Nota metodologica", 14, bold: true, color: Blue);
        foreach (var paragraph in report.MethodNote) pdf.Paragraph(paragraph, 9);

        return pdf.ToBytes(report.Title, report.Snapshot.Info.TakenAt, (n, total) =>
            $"ActorWelfare · {report.Territory.Name} {report.Snapshot.Info.Year} · {report.Snapshot.Info.Label} · " +
            (report.English ? $"page {n} of {total}" : $"pagina {n} di {total}"));
    }

    /// <summary>A horizontal bar chart: one row per item, the bar proportional to the largest, the value at its end.</summary>
    private static void Chart(PdfDocumentWriter pdf, ReportModel report, ReportTable table)
    {
        const double row = 13, labelWidth = 190, barMax = 230;
        pdf.Ensure(40 + row * Math.Max(1, table.Rows.Count));
        pdf.Skip(6);
        pdf.Paragraph(table.Title, 10, bold: true);
        if (table.BaseText is { } b) pdf.Paragraph(b, 8, color: Grey);
        if (table.Rows.Count == 0)
        {
            pdf.Paragraph(report.English ? "No data reported." : "Nessun dato indicato.", 9, color: Grey);
            return;
        }
        var max = Math.Max(table.Rows.Max(r => r.Value), 1e-9);
        foreach (var r in table.Rows)
        {
            pdf.Ensure(row);
            pdf.Skip(row);
            var x = PdfDocumentWriter.Margin;
            pdf.Text(x, pdf.Y, PdfDocumentWriter.Fit(r.Label, 8, labelWidth - 6), 8);
            pdf.Rectangle(x + labelWidth, pdf.Y - 1, barMax, 9, Light);
            pdf.Rectangle(x + labelWidth, pdf.Y - 1, Math.Max(0.5, barMax * r.Value / max), 9, Blue);
            pdf.Text(x + labelWidth + barMax + 6, pdf.Y, report.Number(r.Value, table.Decimals), 8);
        }
    }
}
