using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using UglyToad.PdfPig;

namespace ActorWelfare.Tests.Years;

/// <summary>Exports read back with independent readers (the Open XML SDK, PdfPig), as text a test can compare.</summary>
public static class ExportReaders
{
    /// <summary>Each sheet's rows as text, by column.</summary>
    public static Dictionary<string, List<string?[]>> Sheets(SpreadsheetDocument xlsx)
    {
        var result = new Dictionary<string, List<string?[]>>();
        var workbook = xlsx.WorkbookPart!;
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            result[sheet.Name!] = [.. part.Worksheet.Descendants<Row>().Select(row =>
            {
                var cells = new string?[20];
                foreach (var cell in row.Elements<Cell>())
                    cells[ColumnIndex(cell.CellReference!.Value!)] = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.Text!.Text : cell.CellValue?.Text;
                return cells;
            })];
        }
        return result;
    }

    public static Worksheet Worksheet(SpreadsheetDocument xlsx, string name)
    {
        var workbook = xlsx.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    /// <summary>The 0-based column of a cell reference such as "C12".</summary>
    public static int ColumnIndex(string reference) =>
        reference.TakeWhile(char.IsLetter).Aggregate(0, (n, ch) => n * 26 + ch - 'A' + 1) - 1;

    public static int RowNumber(string reference) =>
        int.Parse(new string([.. reference.SkipWhile(char.IsLetter)]), CultureInfo.InvariantCulture);

    /// <summary>The PDF's text line by line (words on one baseline, left to right), page after page.</summary>
    public static List<string> PdfLines(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return [.. pdf.GetPages().SelectMany(Lines)];
    }

    /// <summary>The text of one page (numbered from 1), line by line.</summary>
    public static List<string> PdfPageLines(byte[] bytes, int number)
    {
        using var pdf = PdfDocument.Open(bytes);
        return [.. Lines(pdf.GetPage(number))];
    }

    private static IEnumerable<string> Lines(UglyToad.PdfPig.Content.Page page) => page.GetWords()
        .GroupBy(w => Math.Round(w.Letters[0].StartBaseLine.Y))
        .OrderByDescending(g => g.Key)
        .Select(g => string.Join(" ", g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)));

    /// <summary>The lines of a CSV export (UTF-8 with BOM, CRLF).</summary>
    public static string[] CsvLines(byte[] bytes) =>
        Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The fields of a CSV line, quotes undone.</summary>
    public static List<string> CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
