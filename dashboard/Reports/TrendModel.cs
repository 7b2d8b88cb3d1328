using ActorWelfare.Dashboard.Components.Shared;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Territories;
using ActorWelfare.Years;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>
/// One year of a trend: the figure, its base, where it comes from (the year's latest definitive snapshot,
/// else the live figures) and the notes of a definition that differed that year.
/// </summary>
public sealed record TrendPoint(int Year, double? Value, int? Base, string Source, Guid? Snapshot, IReadOnlyList<LocalizedText> Notes)
{
    /// <summary>For a month-by-month figure (TP.MONTH, GC.MONTH) asked whole: the year's value in each month ("01"–"12"), null when the year has none.</summary>
    public IReadOnlyDictionary<string, double>? Months { get; init; }
}

/// <summary>
/// A figure over every year the city has (live years with activities and years with a definitive
/// snapshot), city-wide or in one district: the trends page and its API. A year's definitive snapshot is
/// the published figure, so it is preferred to the live one.
/// </summary>
public static class TrendModel
{
    public const string Live = "live", Definitive = "definitivo";

    public static async Task<IReadOnlyList<TrendPoint>> ForAsync(IClusterClient client, Territory territory, IEnumerable<int> years, FigureSelector figure)
    {
        var points = await Task.WhenAll(years.Order().Select(year => PointAsync(client, territory, year, figure)));
        return [.. points.OfType<TrendPoint>()];
    }

    private static async Task<TrendPoint?> PointAsync(IClusterClient client, Territory territory, int year, FigureSelector figure)
    {
        var yearGrain = client.GetGrain<IYearGrain>(GrainKeys.CityYear(territory.Id, year));
        var definitive = (await yearGrain.ListSnapshots()).Where(s => s.Label == Definitive).MaxBy(s => s.TakenAt);
        IndicatorDocument? document;
        if (definitive is not null) document = (await yearGrain.GetSnapshot(definitive.Id))?.Document;
        else
        {
            document = await client.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear(territory.Id, year)).GetDocument();
            if (NoActivityYet.Applies(document)) return null; // a year the city has nothing in
        }
        if (document is null) return null;
        var figures = figure.Scope == FigureSelector.City ? document.Indicators : document.Quartieri.GetValueOrDefault(figure.Scope);
        var value = figures?.GetValueOrDefault(figure.Code);
        var notes = territory.NotesFor(figure.Code, year).Select(n => new LocalizedText(n.It, n.En)).ToList();
        return new TrendPoint(year, Read(value, figure), value?.Base, definitive is null ? Live : Definitive, definitive?.Id, notes)
        {
            Months = IsMonthly(figure.Code) && figure.Item is null && value?.Value is not null ? (IReadOnlyDictionary<string, double>?)value.Breakdown ?? new Dictionary<string, double>() : null,
        };
    }

    /// <summary>Whether a figure is counted month by month (its breakdown is the twelve months).</summary>
    public static bool IsMonthly(string code) =>
        ReportOutline.Sections.SelectMany(s => s.Parts).SelectMany(p => p.Tables).Any(t => t.Code == code && t.Source == RowSource.Months);

    /// <summary>The figure's value, or its item's (of its named breakdown, or an office's mean); null when the year has none.</summary>
    private static double? Read(IndicatorValue? value, FigureSelector figure)
    {
        if (figure.Item is not { } item) return value?.Value;
        var items = figure.Named is { } named ? value?.Breakdowns?.GetValueOrDefault(named) : value?.Breakdown;
        if (items is not null && items.TryGetValue(item, out var v)) return v;
        // A month without meetings in a year that recorded some is a 0, not a gap.
        return IsMonthly(figure.Code) && figure.Named is null && value?.Value is not null ? 0 : null;
    }
}
