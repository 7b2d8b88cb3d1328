using System.Globalization;
using System.IO.Compression;
using System.Text;
using ActorWelfare.Activities;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>
/// The report as an .xlsx workbook, written as plain SpreadsheetML: a sheet per group of indicators,
/// the quartieri side by side, the records, and the note. Zip entries carry the snapshot's time, so
/// the bytes depend on the snapshot only.
/// </summary>
public static class XlsxExport
{
    /// <summary>A sheet; <paramref name="Header"/> is the 0-based row that heads its table (frozen, bold, filtered), if any.</summary>
    private sealed record Sheet(string Name, List<object?[]> Rows, int? Header);

    private static string SectionName(ReportModel report, string section) =>
        section == ActorWelfare.Years.Commentary.General ? report.T("Nota generale", "General note") : report.Sections.FirstOrDefault(s => s.Id == section)?.Title ?? section;

    public static byte[] Write(ReportModel report, IProgress<double>? progress = null)
    {
        var sheets = new List<Sheet>();
        foreach (var section in report.Sections)
        {
            var rows = new List<object?[]> { new object?[] { report.Title }, new object?[] { report.Subtitle }, Array.Empty<object?>(),
                new object?[] { report.T("Codice", "Code"), report.T("Indicatore", "Indicator"), report.T("Voce", "Item"), report.T("Valore", "Value"), report.T("Base", "Base") } };
            foreach (var h in section.Headlines)
                rows.Add([h.Code, h.Label, report.T("totale", "total"), HeadlineCell(report, h), h.BaseText]);
            foreach (var t in section.Tables)
                foreach (var r in t.Rows) rows.Add([t.Code, t.Title, r.Label, r.Value, t.BaseText]);
            sheets.Add(new Sheet(section.Title, rows, 3));
        }
        sheets.Add(new Sheet(report.District(plural: true), QuartieriRows(report), 0));
        sheets.Add(new Sheet(report.T("Attività", "Activities"), RecordRows(report), 0));
        if (report.Snapshot.Commentary is { Count: > 0 } commentary)
            sheets.Add(new Sheet(report.T("Commenti", "Commentary"),
            [
                [report.T("Sezione", "Section"), report.T("Testo", "Text"), report.T("Di", "By"), report.T("Quando (UTC)", "When (UTC)"), report.T("Versione", "Version")],
                .. commentary.Select(c => new object?[] { SectionName(report, c.Section), c.Text, c.By, c.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), c.Version }),
            ], 0));
        sheets.Add(new Sheet(report.T("Nota metodologica", "Note"), [.. report.MethodNote.Select(p => new object?[] { p })], null));

        using var buffer = new MemoryStream();
        var stamp = report.Snapshot.Info.TakenAt.UtcDateTime < new DateTime(1980, 1, 2) ? new DateTime(1980, 1, 2) : report.Snapshot.Info.TakenAt.UtcDateTime;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string xml)
            {
                var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(stamp, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(xml));
            }
            Add("[Content_Types].xml", ContentTypes(sheets.Count));
            Add("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add("xl/workbook.xml", Workbook(sheets));
            Add("xl/_rels/workbook.xml.rels", WorkbookRels(sheets.Count));
            Add("xl/styles.xml", Styles);
            var total = Math.Max(1, sheets.Sum(s => s.Rows.Count));
            var written = 0;
            for (var i = 0; i < sheets.Count; i++)
            {
                Add($"xl/worksheets/sheet{i + 1}.xml", SheetXml(sheets[i]));
                progress?.Report((written += sheets[i].Rows.Count) / (double)total);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The quartieri side by side, one column per figure headed by its label; a figure nobody reported stays empty.</summary>
    private static List<object?[]> QuartieriRows(ReportModel report)
    {
        List<object?[]> rows = [[report.District(), .. report.QuartiereColumns.Select(c => (object?)c.Label)]];
        foreach (var q in report.Territory.Quartieri)
            rows.Add([q.Name, .. report.QuartiereColumns.Select(c => (object?)report.QuartiereValue(q.Id, c.Code))]);
        return rows;
    }

    /// <summary>The activity records as people read them: names and labels, not ids (the activity's own id stays, to find it).</summary>
    private static List<object?[]> RecordRows(ReportModel report)
    {
        var year = report.Snapshot.Info.Year;
        var rows = new List<object?[]>
        {
            new object?[] { report.T("Tipo", "Kind"), "Id", report.T("Nome", "Name"), report.District(plural: true), report.T(ActorWelfare.Activities.FieldLabels.Of("zones", report.Territory).It, ActorWelfare.Activities.FieldLabels.Of("zones", report.Territory).En),
                report.T("Anno di inizio", "Start year"), report.T("Anno di fine", "End year"), report.T("Stato", "Status"), report.T("Escluso dalle elaborazioni", "Left out of the figures"),
                report.T("Incontri", "Meetings"), report.T("Beneficiari", "Beneficiaries"), report.T($"In carico al {report.Territory.SocialServiceName.It}", $"In the care of the {report.Territory.SocialServiceName.En}"), report.T("Volontari", "Volunteers"),
                report.T("Operatori delle organizzazioni", "Organisation staff"), report.T("Cittadini", "Citizens"), report.T("Organizzazioni", "Organisations"), report.T("Versione", "Version") },
        };
        string Names(IEnumerable<string> ids, Func<string, string> name) => string.Join("; ", ids.Select(name));
        foreach (var r in report.Snapshot.Records)
        {
            var f = r.FiguresFor(year);
            var p = r.ProfileFor(report.Snapshot.Info.Year); // what the activity was in the snapshot's year
            // An activity of the whole city says so before the districts it lists (docs/cities.md).
            var districts = Names(p.Quartieri, id => report.NameOf(id));
            if (p.CityWide) districts = string.Join("; ", new[] { report.T("Tutta la città", "The whole city"), districts }.Where(d => d.Length > 0));
            rows.Add([report.KindName(r.Kind), r.Id, p.Name, districts, Names(p.Zones, id => report.NameOf(id)),
                p.StartYear, p.EndYear, report.NameOf(p.Status, report.Territory.Taxonomies.Statuses), p.ExcludedFromAggregates ? report.T("sì", "yes") : report.T("no", "no"),
                f.Meetings, f.Beneficiaries, f.BeneficiariesInCarico, f.Volunteers, f.OrganisationOperators, f.Citizens,
                p.Organisations is { } o ? Names(o.Select(l => l.OrganisationId), report.OrganisationName) : null, r.Version]);
        }
        return rows;
    }

    /// <summary>A headline's number; empty, not zero, when nobody reported it.</summary>
    private static object? HeadlineCell(ReportModel report, ReportHeadline h) =>
        (object?)report.Snapshot.Document.Indicators.GetValueOrDefault(h.Code)?.Value ?? (h.Value == report.Number(null) ? null : h.Value);

    private static string ContentTypes(int sheets) =>
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"""
        + """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"""
        + """<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"""
        + """<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"""
        + string.Concat(Enumerable.Range(1, sheets).Select(i => $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""))
        + "</Types>";

    private static string Workbook(List<Sheet> sheets) =>
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"""
        + string.Concat(sheets.Select((s, i) => $"""<sheet name="{Escape(SheetName(s.Name))}" sheetId="{i + 1}" r:id="rId{i + 1}"/>"""))
        + "</sheets><definedNames>"
        // Spreadsheet programs keep each sheet's filtered range under this hidden name.
        + string.Concat(sheets.Select((s, i) => FilterRange(s) is { } range
            ? $"""<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'{Escape(SheetName(s.Name).Replace("'", "''"))}'!{Absolute(range)}</definedName>""" : ""))
        + "</definedNames></workbook>";

    private static string Absolute(string range) =>
        string.Join(':', range.Split(':').Select(cell => "$" + new string([.. cell.TakeWhile(char.IsLetter)]) + "$" + new string([.. cell.SkipWhile(char.IsLetter)])));

    private static string WorkbookRels(int sheets) =>
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
        + string.Concat(Enumerable.Range(1, sheets).Select(i => $"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"""))
        + $"""<Relationship Id="rId{sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"""
        + "</Relationships>";

    // Style 0: default; 1: bold (headers); 2: whole numbers with thousands separators; 3: one decimal.
    private const string Styles = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.0"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""";

    private static string SheetXml(Sheet sheet)
    {
        var rows = sheet.Rows;
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        // The header row stays in view while scrolling (a frozen pane below it).
        if (sheet.Header is { } frozen)
            xml.Append(CultureInfo.InvariantCulture, $"""<sheetViews><sheetView workbookViewId="0"><pane ySplit="{frozen + 1}" topLeftCell="A{frozen + 2}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A{frozen + 2}" sqref="A{frozen + 2}"/></sheetView></sheetViews>""");
        xml.Append("<cols>");
        foreach (var (width, c) in ColumnWidths(sheet).Select((w, c) => (w, c)))
            xml.Append(CultureInfo.InvariantCulture, $"""<col min="{c + 1}" max="{c + 1}" width="{width}" customWidth="1"/>""");
        xml.Append("</cols><sheetData>");
        for (var r = 0; r < rows.Count; r++)
        {
            xml.Append(CultureInfo.InvariantCulture, $"<row r=\"{r + 1}\">");
            var header = r == sheet.Header;
            for (var c = 0; c < rows[r].Length; c++)
            {
                var reference = Column(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                switch (rows[r][c])
                {
                    case null: break;
                    case string s:
                        xml.Append($"<c r=\"{reference}\" t=\"inlineStr\"{(header ? " s=\"1\"" : "")}><is><t xml:space=\"preserve\">{Escape(s)}</t></is></c>");
                        break;
                    case var n:
                        var value = Convert.ToDouble(n, CultureInfo.InvariantCulture);
                        var style = value == Math.Floor(value) ? 2 : 3;
                        xml.Append($"<c r=\"{reference}\" s=\"{style}\"><v>{value.ToString("R", CultureInfo.InvariantCulture)}</v></c>");
                        break;
                }
            }
            xml.Append("</row>");
        }
        xml.Append("</sheetData>");
        if (FilterRange(sheet) is { } range) xml.Append($"""<autoFilter ref="{range}"/>""");
        return xml.Append("</worksheet>").ToString();
    }

    /// <summary>The table under the header row, for the autofilter (and its defined name in the workbook).</summary>
    private static string? FilterRange(Sheet sheet) => sheet.Header is { } h
        ? $"A{h + 1}:{Column(sheet.Rows[h].Length - 1)}{sheet.Rows.Count.ToString(CultureInfo.InvariantCulture)}"
        : null;

    /// <summary>Each column as wide as its longest entry from the header down (titles above may overflow), within bounds.</summary>
    private static IEnumerable<int> ColumnWidths(Sheet sheet)
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

    /// <summary>XML text: the five entities escaped, characters XML cannot carry dropped.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch < 0x20 && ch is not ('\t' or '\n' or '\r')) continue;
            sb.Append(ch switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&apos;", _ => ch.ToString() });
        }
        return sb.ToString();
    }
}
