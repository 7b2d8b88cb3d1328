using System.Text.Json;
using ActorWelfare.Dashboard.Reports;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Xunit;

namespace ActorWelfare.Tests.Years;

/// <summary>The report's exports of a snapshot of the shipped 2019 data, read back with independent readers (no cluster).</summary>
public sealed class ReportExportTests
{
    private static readonly Territory Bologna = ShippedTerritories.All["bologna"];

    private static ReportModel Report()
    {
        var (snapshot, names) = DatasetSnapshots.Of("bologna-2019");
        return new ReportModel(snapshot, Bologna, organisationNames: names);
    }

    [Fact]
    public void A_figure_nobody_reported_stays_empty_in_every_export_and_is_never_printed_as_zero()
    {
        var report = Report();
        var unreported = (from q in Bologna.Quartieri from c in report.QuartiereColumns
                          where report.QuartiereValue(q.Id, c.Code) is null select (Quartiere: q, Column: c)).ToList();
        Assert.NotEmpty(unreported); // in the shipped data, for example the citizens of Borgo Panigale-Reno's groups

        // PDF: each quartiere's row of each chart ends with its value, "—" where nobody reported it, as on the page.
        var lines = ExportReaders.PdfLines(SnapshotExports.Write("pdf", report).Bytes);
        var byQuartiere = lines.IndexOf("Per quartiere");
        Assert.True(byQuartiere > 0);
        foreach (var column in report.QuartiereColumns)
        {
            var title = lines.FindIndex(byQuartiere, l => l == $"{column.Label} ({column.Code})");
            Assert.True(title > 0, $"no chart titled {column.Label} ({column.Code})");
            var rows = lines.Skip(title + 1).Take(Bologna.Quartieri.Count).ToList();
            foreach (var q in Bologna.Quartieri)
                Assert.Equal($"{q.Name} {report.Number(report.QuartiereValue(q.Id, column.Code))}", rows.Single(l => l.StartsWith(q.Name + " ", StringComparison.Ordinal)));
        }

        // XLSX: the quartiere's cell is empty (the reported ones hold their numbers).
        using (var xlsx = SpreadsheetDocument.Open(new MemoryStream(SnapshotExports.Write("xlsx", report).Bytes), false))
        {
            var sheet = ExportReaders.Sheets(xlsx)["Quartieri"];
            foreach (var q in Bologna.Quartieri)
            {
                var row = sheet.Single(r => r[0] == q.Name);
                foreach (var (column, i) in report.QuartiereColumns.Select((c, i) => (c, i + 1)))
                    Assert.Equal(report.QuartiereValue(q.Id, column.Code)?.ToString(System.Globalization.CultureInfo.InvariantCulture), row[i]);
            }
        }

        // CSV: the value field is empty; JSON: the value is null.
        var csv = ExportReaders.CsvLines(SnapshotExports.Write("csv", report).Bytes).Select(ExportReaders.CsvFields).ToList();
        var json = JsonDocument.Parse(SnapshotExports.Write("json", report).Bytes).RootElement.GetProperty("document").GetProperty("quartieri");
        foreach (var (q, column) in unreported)
        {
            Assert.All(csv.Where(f => f[0] == q.Id && f[1] == column.Code && f[3] == ""), f => Assert.Equal("", f[4]));
            if (json.GetProperty(q.Id).TryGetProperty(column.Code, out var figure))
                Assert.Equal(JsonValueKind.Null, figure.GetProperty("value").ValueKind);
        }
    }

    [Fact]
    public void The_workbook_names_what_people_read_and_its_tables_have_frozen_filtered_headers_and_fitted_columns()
    {
        var report = Report();
        var bytes = XlsxExport.Write(report);
        Assert.Equal(bytes, XlsxExport.Write(new ReportModel(report.Snapshot, Bologna, organisationNames: report.OrganisationNames)));
        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator().Validate(xlsx));
        var sheets = ExportReaders.Sheets(xlsx);

        // The records: quartieri, zones and organisations by name; no cell but the activity's own id holds an id.
        var records = sheets["Attività"];
        var ids = Bologna.Quartieri.Select(q => q.Id).Concat(Bologna.Quartieri.SelectMany(q => q.Zones).Select(z => z.Id))
            .Concat(report.OrganisationNames.Keys).ToHashSet(StringComparer.Ordinal);
        var idColumn = Array.IndexOf(records[0], "Id");
        foreach (var row in records.Skip(1))
            foreach (var cell in row.Where((c, i) => i != idColumn && c is not null))
                Assert.DoesNotContain(cell!.Split("; "), ids.Contains);
        var organisations = Array.IndexOf(records[0], "Organizzazioni");
        var quartieri = Array.IndexOf(records[0], "Quartieri");
        Assert.Equal(report.Snapshot.Records.Count, records.Count - 1);
        foreach (var row in records.Skip(1))
        {
            var record = report.Snapshot.Records.Single(r => r.Id == row[idColumn]);
            Assert.Equal(record.Profile.Quartieri.Select(q => Bologna.FindQuartiere(q)!.Name), row[quartieri]!.Split("; "));
            if (record.Profile.Organisations is { Count: > 0 } links)
                Assert.Equal(links.Select(l => report.OrganisationNames[l.OrganisationId]), row[organisations]!.Split("; "));
        }

        // The quartieri side by side: headed by the figures' labels, not their codes.
        var header = sheets["Quartieri"][0].TakeWhile(h => h is not null).ToList();
        Assert.Equal(["Quartiere", .. report.QuartiereColumns.Select(c => c.Label)], header);
        Assert.DoesNotContain(header, h => report.QuartiereColumns.Any(c => h!.Contains(c.Code)));

        // Every table: the header row frozen, an autofilter over header and rows, columns as wide as their content.
        foreach (var (name, headerRow) in new[] { ("Progetti inclusivi", 4), ("Tavoli permanenti", 4), ("Gruppi di cittadini", 4), ("Quartieri", 1), ("Attività", 1) })
        {
            var sheet = ExportReaders.Worksheet(xlsx, name);
            var rows = sheets[name];
            var pane = sheet.Descendants<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal(headerRow, pane.VerticalSplit!.Value);
            Assert.Equal($"A{headerRow + 1}", pane.TopLeftCell!.Value);

            var range = sheet.Elements<AutoFilter>().Single().Reference!.Value!.Split(':');
            var columns = rows[headerRow - 1].TakeWhile(h => h is not null).Count();
            Assert.Equal(("A", headerRow), (range[0][..1], ExportReaders.RowNumber(range[0])));
            Assert.Equal((columns - 1, rows.Count), (ExportReaders.ColumnIndex(range[1]), ExportReaders.RowNumber(range[1])));

            var widths = sheet.Descendants<Column>().ToDictionary(c => (int)c.Min!.Value - 1, c => c.Width!.Value);
            for (var c = 0; c < columns; c++)
            {
                // Text as it reads; numbers are shown formatted, not as their stored digits, so only text is measured.
                var longest = rows.Skip(headerRow - 1).Max(r => r[c] is { } text && !double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _) ? text.Length : 0);
                Assert.InRange(widths[c], Math.Max(8, Math.Min(longest, 60)), 62);
            }
        }
    }

    [Fact]
    public void A_city_that_says_zona_reads_its_own_word_in_the_exports()
    {
        var crema = ShippedTerritories.All["crema"];
        var document = ActorWelfare.Domain.IndicatorRecomputation.Compute(crema, 2019, []);
        var info = new ActorWelfare.Years.SnapshotInfo(Guid.Empty, "crema", 2019, "provvisorio", "analista", DateTimeOffset.UnixEpoch, new string('0', 64), 0, false);
        var report = new ReportModel(new ActorWelfare.Years.Snapshot(info, document, []), crema);

        using var xlsx = SpreadsheetDocument.Open(new MemoryStream(XlsxExport.Write(report)), false);
        var sheets = ExportReaders.Sheets(xlsx);
        Assert.Equal("Zona", sheets["Zone"][0][0]);
        Assert.Equal("Zone", sheets["Attività"][0][3]);
        Assert.Contains("Per zona", ExportReaders.PdfLines(PdfExport.Write(report)));
    }
}
