using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>
/// The report as an .xlsx workbook, written with the Open XML SDK: a sheet per section of the report with its
/// table, the districts side by side, the activities, the analysts' words and the note; numbers as numbers,
/// names not ids, header rows frozen and filtered. Zip entries carry the snapshot's time, so the bytes depend
/// on the snapshot only.
/// </summary>
public static class XlsxExport
{
    /// <summary>A sheet; <paramref name="Header"/> is the 0-based row that heads its table (frozen, bold, filtered), if any.</summary>
    private sealed record SheetRows(string Name, List<object?[]> Rows, int? Header, IReadOnlySet<int>? Plain = null);

    private static string SectionName(ReportModel report, string section) =>
        section == ActorWelfare.Years.Commentary.General ? report.T("Nota generale", "General note") : report.Sections.FirstOrDefault(s => s.Id == section)?.Title ?? section;

    public static byte[] Write(ReportModel report, IProgress<double>? progress = null)
    {
        var sheets = new List<SheetRows>();
        foreach (var section in report.Sections)
        {
            var rows = new List<object?[]> { new object?[] { report.Title }, new object?[] { report.Subtitle }, Array.Empty<object?>(),
                new object?[] { report.T("Codice", "Code"), report.T("Indicatore", "Indicator"), report.T("Voce", "Item"), report.T("Valore", "Value"), report.T("Base", "Base") } };
            foreach (var h in section.Headlines)
                rows.Add([h.Code, h.Label, report.T("totale", "total"), HeadlineCell(report, h), h.BaseText]);
            foreach (var t in section.Tables)
                foreach (var r in t.Rows) rows.Add([t.Code, t.Title, r.Label, r.Value, t.BaseText]);
            sheets.Add(new SheetRows(section.Title, rows, 3));
        }
        sheets.Add(new SheetRows(report.District(plural: true), QuartieriRows(report), 0));
        sheets.Add(new SheetRows(report.T("Attività", "Activities"), ReportActivities.Rows(report), 0, ReportActivities.PlainColumns));
        if (report.Snapshot.Commentary is { Count: > 0 } commentary)
            sheets.Add(new SheetRows(report.T("Commenti", "Commentary"),
            [
                [report.T("Sezione", "Section"), report.T("Testo", "Text"), report.T("Di", "By"), report.T("Quando (UTC)", "When (UTC)"), report.T("Versione", "Version")],
                .. commentary.Select(c => new object?[] { SectionName(report, c.Section), c.Text, c.By, c.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), c.Version }),
            ], 0));
        sheets.Add(new SheetRows(report.T("Nota metodologica", "Note"), [.. report.MethodNote.Select(p => new object?[] { p })], null));

        using var buffer = new MemoryStream();
        using (var workbook = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            // Parts get explicit ids: the SDK's own are random, and the same snapshot must give the same bytes.
            var book = workbook.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rIdBook");
            book.Workbook = new Workbook();
            book.AddNewPart<WorkbookStylesPart>("rIdStyles").Stylesheet = new Stylesheet(Styles);
            var list = book.Workbook.AppendChild(new Sheets());
            var filters = new DefinedNames();
            var total = Math.Max(1, sheets.Sum(s => s.Rows.Count));
            var written = 0;
            for (var i = 0; i < sheets.Count; i++)
            {
                var part = book.AddNewPart<WorksheetPart>($"rIdSheet{i + 1}");
                part.Worksheet = Worksheet(sheets[i]);
                var name = SheetName(sheets[i].Name);
                list.Append(new Sheet { Id = $"rIdSheet{i + 1}", SheetId = (uint)i + 1, Name = name });
                // Spreadsheet programs keep each sheet's filtered range under this hidden name.
                if (FilterRange(sheets[i]) is { } range)
                    filters.Append(new DefinedName($"'{name.Replace("'", "''")}'!{Absolute(range)}") { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
                progress?.Report((written += sheets[i].Rows.Count) / (double)total);
            }
            if (filters.HasChildren) book.Workbook.Append(filters);
            using var core = workbook.AddNewPart<CoreFilePropertiesPart>("rIdCore").GetStream(FileMode.Create);
            core.Write(System.Text.Encoding.UTF8.GetBytes(CoreProperties(report)));
        }
        return WithTime(buffer.ToArray(), report.Snapshot.Info.TakenAt.UtcDateTime);
    }

    /// <summary>The workbook's title, subject, author, language and time, as spreadsheet programs show them.</summary>
    private static string CoreProperties(ReportModel report)
    {
        var time = report.Snapshot.Info.TakenAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        static string X(string text) => System.Security.SecurityElement.Escape(text);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + $"<dc:title>{X(report.Title)}</dc:title><dc:subject>{X(report.Subtitle)}</dc:subject><dc:creator>{X(report.Snapshot.Info.TakenBy)}</dc:creator>"
            + $"<dc:language>{(report.English ? "en-GB" : "it-IT")}</dc:language>"
            + $"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{time}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{time}</dcterms:modified></cp:coreProperties>";
    }

    /// <summary>The package re-zipped entry by entry with the snapshot's time (zip can say no earlier than 1980), so the bytes depend on the snapshot only.</summary>
    private static byte[] WithTime(byte[] package, DateTime time)
    {
        var stamp = new DateTimeOffset(time < new DateTime(1980, 1, 2) ? new DateTime(1980, 1, 2) : time, TimeSpan.Zero);
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = stamp;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        return output.ToArray();
    }

    /// <summary>The quartieri side by side, one column per figure headed by its label; a figure nobody reported stays empty.</summary>
    private static List<object?[]> QuartieriRows(ReportModel report)
    {
        List<object?[]> rows = [[report.District(), .. report.QuartiereColumns.Select(c => (object?)c.Label)]];
        foreach (var q in report.Territory.Quartieri)
            rows.Add([q.Name, .. report.QuartiereColumns.Select(c => (object?)report.QuartiereValue(q.Id, c.Code))]);
        return rows;
    }

    /// <summary>A headline's number; empty, not zero, when nobody reported it.</summary>
    private static object? HeadlineCell(ReportModel report, ReportHeadline h) =>
        (object?)report.Snapshot.Document.Indicators.GetValueOrDefault(h.Code)?.Value ?? (h.Value == report.Number(null) ? null : h.Value);

    private static string Absolute(string range) =>
        string.Join(':', range.Split(':').Select(cell => "$" + new string([.. cell.TakeWhile(char.IsLetter)]) + "$" + new string([.. cell.SkipWhile(char.IsLetter)])));

    // Style 0: default; 1: bold (headers); 2: whole numbers with thousands separators; 3: one decimal; 4: digits only (years).
    private const string Styles = """<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.0"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""";

    private static Worksheet Worksheet(SheetRows sheet)
    {
        var worksheet = new Worksheet();
        // The header row stays in view while scrolling (a frozen pane below it).
        if (sheet.Header is { } frozen)
        {
            var below = $"A{frozen + 2}";
            worksheet.Append(new SheetViews(new SheetView(
                new Pane { VerticalSplit = frozen + 1, TopLeftCell = below, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = below, SequenceOfReferences = new ListValue<StringValue> { InnerText = below } })
            { WorkbookViewId = 0 }));
        }
        var columns = new Columns();
        foreach (var (width, c) in ColumnWidths(sheet).Select((w, c) => (w, c)))
            columns.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = width, CustomWidth = true });
        if (columns.HasChildren) worksheet.Append(columns);
        var data = new SheetData();
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)r + 1 };
            for (var c = 0; c < sheet.Rows[r].Length; c++)
                if (Cell(sheet.Rows[r][c], Column(c) + (r + 1).ToString(CultureInfo.InvariantCulture), header: r == sheet.Header, plain: sheet.Plain?.Contains(c) == true) is { } cell) row.Append(cell);
            data.Append(row);
        }
        worksheet.Append(data);
        if (FilterRange(sheet) is { } range) worksheet.Append(new AutoFilter { Reference = range });
        return worksheet;
    }

    /// <summary>Text as text (bold in a header), numbers as numbers: whole ones with thousands separators (years and versions without), the others with one decimal.</summary>
    private static Cell? Cell(object? value, string reference, bool header, bool plain) => value switch
    {
        null => null,
        string s => new Cell(new InlineString(new Text(Clean(s)) { Space = SpaceProcessingModeValues.Preserve }))
            { CellReference = reference, DataType = CellValues.InlineString, StyleIndex = header ? 1u : null },
        var n => Number(Convert.ToDouble(n, CultureInfo.InvariantCulture), reference, plain),
    };

    private static Cell Number(double number, string reference, bool plain) =>
        new(new CellValue(number)) { CellReference = reference, StyleIndex = plain ? 4u : number == Math.Floor(number) ? 2u : 3u };

    /// <summary>The table under the header row, for the autofilter (and its defined name in the workbook).</summary>
    private static string? FilterRange(SheetRows sheet) => sheet.Header is { } h
        ? $"A{h + 1}:{Column(sheet.Rows[h].Length - 1)}{sheet.Rows.Count.ToString(CultureInfo.InvariantCulture)}"
        : null;

    /// <summary>Each column as wide as its longest entry from the header down (titles above may overflow), within bounds.</summary>
    private static IEnumerable<int> ColumnWidths(SheetRows sheet)
    {
        var body = sheet.Rows.Skip(sheet.Header ?? 0).ToList();
        var columns = body.Count == 0 ? 0 : body.Max(r => r.Length);
        for (var c = 0; c < columns; c++)
        {
            var longest = body.Max(r => c < r.Length ? Characters(r[c]) : 0);
            yield return Math.Clamp(longest + 2, 8, sheet.Header is null ? 120 : 60);
        }
    }

    private static int Characters(object? cell) => cell switch
    {
        null => 0,
        string s => s.Length,
        var n => Convert.ToDouble(n, CultureInfo.InvariantCulture).ToString("#,##0.0", CultureInfo.InvariantCulture).Length,
    };

    private static string Column(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    private static string SheetName(string name)
    {
        var clean = new string([.. name.Where(c => "[]:*?/\\".IndexOf(c) < 0)]);
        return clean.Length > 31 ? clean[..31] : clean;
    }

    /// <summary>The text without the control characters XML cannot carry.</summary>
    private static string Clean(string text) => new([.. text.Where(ch => ch >= 0x20 || ch is '\t' or '\n' or '\r')]);
}
