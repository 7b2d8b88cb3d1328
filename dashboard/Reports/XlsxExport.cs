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
    private sealed record Sheet(string Name, List<object?[]> Rows);

    public static byte[] Write(ReportModel report, IProgress<double>? progress = null)
    {
        var sheets = new List<Sheet>();
        foreach (var section in report.Sections)
        {
            var rows = new List<object?[]> { new object?[] { report.Title }, new object?[] { report.Subtitle }, Array.Empty<object?>(),
                new object?[] { "codice", "indicatore", "voce", "valore", "base" } };
            foreach (var h in section.Headlines)
                rows.Add([h.Code, h.Label, "totale", Numeric(report, h.Code) ?? (object)h.Value, h.BaseText]);
            foreach (var t in section.Tables)
                foreach (var r in t.Rows) rows.Add([t.Code, t.Title, r.Label, r.Value, t.BaseText]);
            sheets.Add(new Sheet(section.Title, rows));
        }

        var quartieri = new List<object?[]> { new object?[] { "quartiere" }.Concat(report.QuartiereCodes.Select(c => (object?)$"{c} {report.Label(c)}")).ToArray() };
        foreach (var q in report.Territory.Quartieri)
            quartieri.Add(new object?[] { q.Name }.Concat(report.QuartiereCodes.Select(c => (object?)report.QuartiereValue(q.Id, c))).ToArray());
        sheets.Add(new Sheet(report.English ? "Quartieri" : "Quartieri", quartieri));

        var year = report.Snapshot.Info.Year;
        var records = new List<object?[]>
        {
            new object?[] { "tipo", "id", "nome", "quartieri", "zone", "anno inizio", "anno fine", "stato", "escluso", "incontri", "beneficiari",
                "in carico", "volontari", "operatori organizzazioni", "cittadini", "organizzazioni", "versione" },
        };
        foreach (var r in report.Snapshot.Records)
        {
            var f = r.FiguresFor(year);
            records.Add([Keys.GrainKeys.KindId(r.Kind), r.Id, r.Profile.Name, string.Join("|", r.Profile.Quartieri), string.Join("|", r.Profile.Zones),
                r.Profile.StartYear, r.Profile.EndYear, r.Profile.Status, r.Profile.ExcludedFromAggregates ? "sì" : "no",
                f.Meetings, f.Beneficiaries, f.BeneficiariesInCarico, f.Volunteers, f.OrganisationOperators, f.Citizens,
                r.Profile.Organisations is { } o ? string.Join("|", o.Select(l => l.OrganisationId)) : null, r.Version]);
        }
        sheets.Add(new Sheet(report.English ? "Activities" : "Attività", records));
        sheets.Add(new Sheet(report.English ? "Note" : "Nota metodologica", [.. report.MethodNote.Select(p => new object?[] { p })]));

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
                Add($"xl/worksheets/sheet{i + 1}.xml", SheetXml(sheets[i].Rows));
                progress?.Report((written += sheets[i].Rows.Count) / (double)total);
            }
        }
        return buffer.ToArray();
    }

    private static double? Numeric(ReportModel report, string code) => report.Snapshot.Document.Indicators.GetValueOrDefault(code)?.Value;

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
        + "</sheets></workbook>";

    private static string WorkbookRels(int sheets) =>
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
        + string.Concat(Enumerable.Range(1, sheets).Select(i => $"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"""))
        + $"""<Relationship Id="rId{sheets + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"""
        + "</Relationships>";

    // Style 0: default; 1: bold (headers); 2: whole numbers with thousands separators; 3: one decimal.
    private const string Styles = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.0"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""";

    private static string SheetXml(List<object?[]> rows)
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
        for (var r = 0; r < rows.Count; r++)
        {
            xml.Append($"<row r=\"{r + 1}\">");
            var header = rows[r].Length > 1 && rows[r].All(v => v is string) && r <= 3;
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
        return xml.Append("</sheetData></worksheet>").ToString();
    }

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
