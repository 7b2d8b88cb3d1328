using System.Text;
using System.Text.RegularExpressions;
using ActorWelfare.Dashboard.Reports;
using ActorWelfare.Dashboard.Reports.Pdf;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;
using Xunit;

namespace ActorWelfare.Tests.Years;

/// <summary>
/// The report's PDF, workbook and activities CSV of the shipped 2019 snapshot, read back with independent
/// readers (PdfPig, the Open XML SDK): what the report says, in every script its organisations are named in.
/// </summary>
public sealed class ReportDocumentTests
{
    private static readonly Territory Bologna = ShippedTerritories.All["bologna"];

    private static readonly string[] Names = ForeignNames.All;

    /// <summary>The names the PDF's embedded fonts can draw (Arabic needs shaping, Chinese a font the PDF does not carry).</summary>
    private static IEnumerable<string> Printable => Names.Take(3);

    private static ReportModel Report(bool english = false, string[]? renaming = null)
    {
        renaming ??= Names;
        var (snapshot, names) = DatasetSnapshots.Of("bologna-2019");
        // Five organisations that take part in activities get the names above.
        var used = snapshot.Records.SelectMany(r => r.Profile.Organisations ?? []).Select(o => o.OrganisationId).Distinct().Order(StringComparer.Ordinal).Take(renaming.Length).ToList();
        var renamed = names.ToDictionary(n => n.Key, n => n.Value);
        foreach (var (id, name) in used.Zip(renaming)) renamed[id] = name;
        return new ReportModel(snapshot, Bologna, english, renamed);
    }

    private static string Spaced(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    [Fact]
    public void The_pdf_says_every_headline_and_every_chart_of_the_report_and_its_contents_point_to_the_right_pages()
    {
        var report = Report();
        var bytes = PdfExport.Write(report);
        Assert.Equal(bytes, PdfExport.Write(Report())); // the same snapshot, the same bytes
        var lines = ExportReaders.PdfLines(bytes);
        var text = Spaced(string.Join(' ', lines));

        // Title (accents and dashes), the snapshot's identity (typographic quotes), every headline sentence as the page writes it.
        Assert.Contains(Spaced(report.Title), lines);
        Assert.Contains(Spaced(report.Subtitle), text);
        foreach (var section in report.Sections)
        {
            foreach (var h in section.Headlines)
                Assert.Contains(Spaced($"{h.Value} {h.Label}{(h.BaseText is { } b ? $" ({b})" : "")}"), text);
            // Every chart of the description, with its title, each row's label and value.
            foreach (var table in section.Tables)
            {
                Assert.Contains(Spaced(table.Title), lines);
                foreach (var row in table.Rows)
                {
                    // As drawn: a name in a script the fonts do not cover (the figure nodo's Arabic one) is "[…]".
                    var label = Spaced(PdfFonts.Instance.Printable(row.Label));
                    Assert.True(lines.Any(l => l.EndsWith(" " + report.Number(row.Value, table.Decimals), StringComparison.Ordinal) && l.StartsWith(label[..Math.Min(12, label.Length)], StringComparison.Ordinal)),
                        $"{table.Id}: no line '{label} … {report.Number(row.Value, table.Decimals)}'");
                }
            }
        }
        // The charts the seed's report draws that the pages long left out, by code.
        var codes = report.Sections.SelectMany(s => s.Tables).Select(t => t.Id).ToHashSet();
        Assert.Subset(codes, new HashSet<string> { "PI.PROM", "PI.SST", "PI.ODTFN", "B3.05.classes", "PI.ACCESS", "PI.TARGET", "PI.FUND", "PI.FUNDSIZE", "TP.YEAR", "TP.OPS", "GC.OPS", "B3.04" });

        using var pdf = PdfDocument.Open(bytes);
        Assert.Equal(report.Title, pdf.Information.Title);
        Assert.Equal("it-IT", Language(pdf));

        // The bookmarks and the contents on the first page lead to the page where each section begins.
        Assert.True(pdf.TryGetBookmarks(out var bookmarks));
        var sections = bookmarks.Roots.OfType<DocumentBookmarkNode>().ToList();
        Assert.Equal([.. report.Sections.Select(s => s.Title), report.ByDistrictTitle, report.ActivitiesTitle, report.MethodNoteTitle], sections.Select(s => s.Title));
        var first = ExportReaders.PdfPageLines(bytes, 1);
        foreach (var section in sections)
        {
            Assert.Contains($"{section.Title} {section.PageNumber}", first);
            Assert.Contains(section.Title, ExportReaders.PdfPageLines(bytes, section.PageNumber));
        }
        Assert.Equal(report.Sections[0].Parts.Count(p => p.Tables.Count > 0), sections[0].Children.Count);
        Assert.EndsWith($"pagina 1 di {pdf.NumberOfPages}", first[^1]);
    }

    [Fact]
    public void The_pdf_embeds_its_fonts_is_tagged_and_prints_names_in_every_script_its_fonts_cover()
    {
        var report = Report();
        var bytes = PdfExport.Write(report);
        var text = Spaced(string.Join(' ', ExportReaders.PdfLines(bytes)));
        foreach (var name in Printable) Assert.Contains(Spaced(name), text);
        // Arabic and Chinese are not drawn: the PDF marks where they were and says so, pointing to the full names.
        foreach (var name in Names.Skip(3)) Assert.DoesNotContain(name, text);
        Assert.Contains("stampati come […]", text);

        using var pdf = PdfDocument.Open(bytes);
        var fonts = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").Distinct().ToList();
        Assert.Contains(fonts, f => f.Contains("Titillium", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.Contains("DejaVu", StringComparison.Ordinal)); // the Cyrillic
        Assert.DoesNotContain(fonts, f => f.Contains("Helvetica", StringComparison.Ordinal));
        var raw = Encoding.Latin1.GetString(bytes);
        Assert.Equal(fonts.Count, Regex.Count(raw, "/FontFile2")); // each font's program is in the file
        Assert.Contains("/StructTreeRoot", raw);
        Assert.Contains("/Marked true", raw);
        Assert.Contains("/Figure", raw);
        Assert.Contains("/Alt", raw);
        Assert.Contains("/DisplayDocTitle true", raw);

        // In English, the language and the words follow.
        using var english = PdfDocument.Open(PdfExport.Write(Report(english: true)));
        Assert.Equal("en-GB", Language(english));
        Assert.Contains("printed as […]", Spaced(string.Join(' ', english.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))))));
    }

    [Fact]
    public void The_workbook_and_the_activities_csv_carry_every_name_as_written()
    {
        var report = Report();
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(XlsxExport.Write(report)), false);
        var activities = ExportReaders.Sheets(xlsx)["Attività"];
        var organisations = Array.IndexOf(activities[0], "Organizzazioni");
        var csv = ExportReaders.CsvLines(SnapshotExports.Write("activities.csv", report).Bytes).Select(ExportReaders.CsvFields).ToList();
        Assert.Equal(activities[0].TakeWhile(h => h is not null), csv[0]);
        Assert.Equal(activities.Count, csv.Count);
        foreach (var name in Names)
        {
            Assert.Contains(activities.Skip(1), row => row[organisations]?.Split("; ").Contains(name) == true);
            Assert.Contains(csv.Skip(1), row => row[organisations].Split("; ").Contains(name));
        }
        // A name a spreadsheet would take for a formula is neutralised, as in the audit's CSV.
        var formula = ExportReaders.CsvLines(SnapshotExports.Write("activities.csv", Report(renaming: [.. Enumerable.Repeat("=HYPERLINK(\"http://x\")", 1000)])).Bytes)
            .Select(ExportReaders.CsvFields).Skip(1).Select(row => row[organisations]).Where(f => f.Length > 0).ToList();
        Assert.NotEmpty(formula);
        Assert.All(formula, field => Assert.StartsWith("'=HYPERLINK(", field));

        // Row by row the CSV is the sheet: same activities, same names, numbers as the sheet stores them.
        foreach (var (row, line) in activities.Skip(1).Zip(csv.Skip(1)))
            Assert.Equal(row.Take(line.Count).Select(c => c ?? ""), line);
    }

    private static string Language(PdfDocument pdf) => ((UglyToad.PdfPig.Tokens.StringToken)pdf.Structure.Catalog.CatalogDictionary.Data["Lang"]).Data;

    [Fact]
    public void Awkward_text_prints_as_people_wrote_it_line_breaks_long_words_bold_only_gaps_and_markup_in_the_metadata()
    {
        var (snapshot, names) = DatasetSnapshots.Of("bologna-2019");
        var word = string.Concat(Enumerable.Repeat("abcdefghij", 300)); // 3,000 letters with no space
        var commentary = new ActorWelfare.Years.Commentary(ActorWelfare.Years.Commentary.General,
            "Primo paragrafo,\r\nsu due righe.\r\n\r\nSecondo\tparagrafo.\n\n" + word, "analista", DateTimeOffset.UnixEpoch, 1);
        // A name in mathematical sans-serif letters: DejaVu Sans draws them, its bold face (activity names are bold) does not.
        var first = snapshot.Records[0];
        var records = snapshot.Records.Select(r => r == first ? r with { Profile = r.Profile with { Name = "Progetto 𝖠𝖡𝖢" } } : r).ToList();
        var odd = snapshot with { Info = snapshot.Info with { TakenBy = "Rossi & Bianchi <analisi>" }, Commentary = [commentary], Records = records };
        var bytes = PdfExport.Write(new ReportModel(odd, Bologna, organisationNames: names));
        var lines = ExportReaders.PdfLines(bytes);

        Assert.Contains("Primo paragrafo, su due righe.", lines);
        Assert.Contains("Secondo paragrafo.", lines);
        Assert.Equal(word, string.Concat(lines.Where(l => l.Length > 0 && l.All(c => c is >= 'a' and <= 'j')))); // cut over lines, nothing lost
        Assert.Contains("Progetto […]", lines);
        Assert.Contains(lines, l => l.Contains("stampati come […]", StringComparison.Ordinal));

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.TryGetXmpMetadata(out var xmp));
        var metadata = xmp.GetXDocument().ToString(); // well-formed XML, else this throws
        Assert.Contains("Rossi", metadata);
        Assert.Contains("analisi", metadata);
        Assert.Contains("/TOC", Encoding.Latin1.GetString(bytes));
    }

    [Fact]
    public void The_workbook_shows_years_and_versions_as_digits_and_figures_with_thousands_separators()
    {
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(XlsxExport.Write(Report())), false);
        var sheet = ExportReaders.Worksheet(xlsx, "Attività");
        var rows = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        var header = ExportReaders.Sheets(xlsx)["Attività"][0];
        var formats = xlsx.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().Select(f => f.NumberFormatId!.Value).ToList();
        uint FormatOf(string column) => formats[(int)rows[1].Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>()
            .Single(c => ExportReaders.ColumnIndex(c.CellReference!.Value!) == Array.IndexOf(header, column)).StyleIndex!.Value];
        Assert.Equal(1u, FormatOf("Anno di inizio")); // "0": 2019, not 2.019
        Assert.Equal(1u, FormatOf("Versione"));
        Assert.Equal(3u, formats[2]); // "#,##0" for the figures
    }
}
