using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorWelfare.Years;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>
/// The exports of a snapshot. Each is a pure function of the snapshot: no clock, no culture of the
/// request, so the same snapshot always gives the same bytes.
/// </summary>
public static class SnapshotExports
{
    public static readonly IReadOnlyDictionary<string, string> Formats = new Dictionary<string, string>
    {
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["csv"] = "text/csv; charset=utf-8",
        ["activities.csv"] = "text/csv; charset=utf-8",
        ["json"] = "application/json",
        ["pdf"] = "application/pdf",
    };

    public static string FileName(SnapshotInfo info, string format) =>
        $"actorwelfare-{info.City}-{info.Year}-{info.Label}-{info.TakenAt.UtcDateTime:yyyyMMdd-HHmmss}.{format}";

    public static (byte[] Bytes, string ContentType) Write(string format, ReportModel report, IProgress<double>? progress = null) => format switch
    {
        "json" => (Json(report.Snapshot), Formats[format]),
        "csv" => (Csv(report), Formats[format]),
        "activities.csv" => (ActivitiesCsv(report), Formats[format]),
        "xlsx" => (XlsxExport.Write(report, progress), Formats[format]),
        "pdf" => (PdfExport.Write(report, progress), Formats[format]),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown export format."),
    };

    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The whole snapshot: its identity, the document and the records.</summary>
    public static byte[] Json(Snapshot snapshot) => JsonSerializer.SerializeToUtf8Bytes(snapshot, Indented);

    /// <summary>Every figure, one row each, in the report's order: scope (city or quartiere), code, item of the breakdown, value, base.</summary>
    public static byte[] Csv(ReportModel report)
    {
        var csv = new StringBuilder("scope,code,indicator,item,value,base\r\n");
        var document = report.Snapshot.Document;
        void Rows(string scope, SortedDictionary<string, Indicators.IndicatorValue> figures)
        {
            // In the report's order; a code it does not know (from a newer catalogue) after, by code.
            var order = ReportOutline.Codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
            foreach (var (code, f) in figures.OrderBy(kv => order.GetValueOrDefault(kv.Key, int.MaxValue)).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            {
                Line(scope, code, "", f.Value, f.Base);
                foreach (var (item, value) in f.Breakdown ?? []) Line(scope, code, item, value, f.Base);
                foreach (var (name, entries) in f.Breakdowns ?? [])
                    foreach (var (item, value) in entries) Line(scope, code, $"{name}:{item}", value, f.Base);
                if (f.Excluded is { } x) Line(scope, code, "excluded", x, null);
            }
        }
        void Line(string scope, string code, string item, double? value, int? @base) =>
            csv.Append(string.Join(',', scope, code, Quote(report.Label(code)), item,
                value?.ToString("R", CultureInfo.InvariantCulture) ?? "", @base?.ToString(CultureInfo.InvariantCulture) ?? "")).Append("\r\n");
        Rows("city", document.Indicators);
        foreach (var (quartiere, figures) in document.Quartieri) Rows(quartiere, figures);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>The button's words for a format: "CSV" for the figures, "CSV attività" for the activities.</summary>
    public static string Label(string format, bool english) =>
        format == "activities.csv" ? (english ? "activities CSV" : "CSV attività") : format.ToUpperInvariant();

    /// <summary>The snapshot's activities, one row each, as the workbook's sheet: names of districts and organisations, in the report's language (UTF-8 with BOM).</summary>
    public static byte[] ActivitiesCsv(ReportModel report)
    {
        var csv = new StringBuilder();
        // Quoted and neutralised as the audit's: a name starting with "=" is not a formula to a spreadsheet.
        foreach (var row in ReportActivities.Rows(report))
            csv.Append(Api.AuditLog.CsvFields(row.Select(cell => cell switch
            {
                null => "",
                string text => text,
                var number => Convert.ToDouble(number, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
            }))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";
}
