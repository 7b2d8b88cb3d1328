using ActorWelfare.Territories;
using ActorWelfare.Years;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>One figure (or one item of its breakdown) in two snapshots, with the change between them.</summary>
public sealed record ComparisonRow(
    string Code, string Label, string? Item, string? ItemLabel, double? From, double? To, int? BaseFrom, int? BaseTo,
    IReadOnlyList<string> Notes, bool OnlyInOneYear)
{
    public double? Change => From is { } a && To is { } b ? b - a : null;
    public double? PercentChange => From is { } a && To is { } b && a != 0 ? (b - a) / a : null;
    /// <summary>Whether comparing these two numbers needs care: a different definition, or an item one year lacks.</summary>
    public bool Marked => Notes.Count > 0 || OnlyInOneYear;
}

/// <summary>A bar of the change chart: a main figure's change in percent, marked when the figure needs care.</summary>
public sealed record ChangeBar(string Code, string Label, double Percent, bool Marked);

/// <summary>
/// Two snapshots of a city side by side (for example 2018 against 2019): every figure of the catalogue
/// and every item of its breakdown, marking those whose definition or taxonomy differs between the years.
/// </summary>
public sealed class ComparisonModel
{
    public ComparisonModel(Snapshot from, Snapshot to, Territory territory, bool english = false)
    {
        From = from;
        To = to;
        var labels = new ReportModel(to, territory, english);
        var rows = new List<ComparisonRow>();
        foreach (var code in ReportOutline.Codes) // in the report's order
        {
            var a = from.Document.Indicators.GetValueOrDefault(code);
            var b = to.Document.Indicators.GetValueOrDefault(code);
            var notes = territory.NotesFor(code, from.Info.Year).Concat(territory.NotesFor(code, to.Info.Year))
                .Select(n => english ? n.En : n.It).Distinct().ToList();
            rows.Add(new ComparisonRow(code, labels.Label(code), null, null, a?.Value, b?.Value, a?.Base, b?.Base, notes, false));
            var itemsA = a?.Breakdown ?? new SortedDictionary<string, double>();
            var itemsB = b?.Breakdown ?? new SortedDictionary<string, double>();
            foreach (var item in itemsA.Keys.Union(itemsB.Keys).Order(StringComparer.Ordinal))
            {
                var only = itemsA.Count > 0 && itemsB.Count > 0 && (!itemsA.ContainsKey(item) || !itemsB.ContainsKey(item));
                rows.Add(new ComparisonRow(code, labels.Label(code), item, labels.NameOf(item),
                    itemsA.TryGetValue(item, out var x) ? x : null, itemsB.TryGetValue(item, out var y) ? y : null, a?.Base, b?.Base, notes, only));
            }
        }
        Rows = rows;
    }

    public Snapshot From { get; }
    public Snapshot To { get; }
    public IReadOnlyList<ComparisonRow> Rows { get; }

    /// <summary>The headline figures, one row per code.</summary>
    public IEnumerable<ComparisonRow> Headlines => Rows.Where(r => r.Item is null);

    /// <summary>The figures the change chart shows.</summary>
    public static readonly IReadOnlyList<string> MainCodes = ["PI.TOT", "PI.ODT", "PI.VOL", "PI.BEN", "B3.01", "TP.TOT", "TP.MEET", "GC.TOT", "GC.CIT"];

    /// <summary>
    /// Whether a figure as a whole needs care: its definition differs between the years, or an item of
    /// its breakdown exists in one year only (a different taxonomy), whichever of its rows says so.
    /// </summary>
    public bool NeedsCare(string code) => Rows.Any(r => r.Code == code && r.Marked);

    /// <summary>
    /// The change of each main figure in percent (where both years have it and the first is not zero),
    /// "⚠" before the label of every figure that needs care: the chart carries the table's marks.
    /// </summary>
    public IReadOnlyList<ChangeBar> MainChanges =>
    [
        .. Headlines.Where(r => MainCodes.Contains(r.Code) && r.PercentChange is not null)
            .Select(r =>
            {
                var marked = NeedsCare(r.Code);
                return new ChangeBar(r.Code, $"{(marked ? "⚠ " : "")}{r.Code} {r.Label}", 100 * r.PercentChange!.Value, marked);
            }),
    ];
}
