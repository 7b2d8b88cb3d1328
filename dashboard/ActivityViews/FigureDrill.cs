using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Dashboard.Localization;
using ActorWelfare.Dashboard.Reports;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Territories;
using ActorWelfare.Years;

namespace ActorWelfare.Dashboard.ActivityViews;

/// <summary>
/// A drill-through: the activities behind a figure of a year (or an item of it), in the city or a district,
/// live or in a snapshot. It lives in the activities page's address (<see cref="Href"/>), so a link from any
/// bar, headline or table row opens the list, and a shared link shows the same one.
/// </summary>
public sealed record FigureDrill(FigureSelector Figure, int Year, Guid? Snapshot)
{
    /// <summary>The activities page listing what is behind <paramref name="figure"/>.</summary>
    public static string Href(string city, int year, FigureSelector figure, Guid? snapshot = null)
    {
        var query = new List<string> { "figure=" + Uri.EscapeDataString(figure.Code) };
        if (figure.Item is { } item) query.Add("item=" + Uri.EscapeDataString(item));
        if (figure.Named is { } named) query.Add("breakdown=" + Uri.EscapeDataString(named));
        query.Add("year=" + year.ToString(CultureInfo.InvariantCulture));
        if (figure.Scope != FigureSelector.City) query.Add("scope=" + Uri.EscapeDataString(figure.Scope));
        if (snapshot is { } id) query.Add("snapshot=" + id);
        return $"citta/{city}/attivita?{string.Join('&', query)}";
    }

    /// <summary>The drill an address asks for, or every problem of it (the field, the rule), or neither when it asks for none.</summary>
    public static (FigureDrill? Drill, IReadOnlyList<(string Field, string Rule, string Message)> Problems) Parse(
        Territory territory, string? code, string? item, string? named, int? year, string? scope, Guid? snapshot)
    {
        if (string.IsNullOrEmpty(code)) return (null, []);
        var figure = new FigureSelector(code, NullIfEmpty(item), NullIfEmpty(named), NullIfEmpty(scope) ?? FigureSelector.City);
        var problems = figure.Problems().ToList();
        if (year is not (>= 2000 and <= 2100)) problems.Add(("year", "year", $"year: '{year}' is not a year between 2000 and 2100."));
        else if (figure.Scope != FigureSelector.City && territory.ForYear(year.Value).FindQuartiere(figure.Scope) is null)
            problems.Add(("scope", "district", $"scope: '{figure.Scope}' is not a district of {territory.Name} in {year}."));
        return problems.Count > 0 ? (null, problems) : (new FigureDrill(figure, year!.Value, snapshot), []);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>The records behind the figure: the live activities, or the snapshot's own records; null when the snapshot does not exist.</summary>
    public async Task<IReadOnlyList<ActivityRecord>?> RecordsAsync(IClusterClient client, string city)
    {
        var year = client.GetGrain<IYearGrain>(GrainKeys.CityYear(city, Year));
        if (Snapshot is { } id)
        {
            if (await year.GetSnapshotContributors(id, Figure) is not { } keys || await year.GetSnapshot(id) is not { } snapshot) return null;
            var wanted = keys.ToHashSet(StringComparer.Ordinal);
            return [.. snapshot.Records.Where(r => wanted.Contains(GrainKeys.Activity(r.City, r.Kind, r.Id)))];
        }
        var behind = await client.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear(city, Year)).GetContributors(Figure);
        var records = await Task.WhenAll(behind.Select(GrainKeys.ParseActivity).Select(k => client.Activity(k.City, k.Kind, k.Id).Get()));
        return [.. records.Where(r => r.Exists)];
    }

    /// <summary>What the list is of, as people read it: "B.3.09 Le tematiche dei tavoli permanenti: Anziani · 2019 · Navile".</summary>
    public string Describe(Territory territory)
    {
        var of = territory.ForYear(Year);
        var words = new ReportFigures(of, new Dictionary<string, IndicatorValue>(), CultureInfo.CurrentCulture, Texts.IsEnglish);
        var figure = words.Title(Figure.Code);
        var parts = new List<string> { Figure.Item is { } item ? $"{figure}: {words.NameOf(item)}" : figure, Year.ToString(CultureInfo.InvariantCulture) };
        parts.Add(Figure.Scope == FigureSelector.City ? Texts.T("tutta la città", "the whole city") : of.FindQuartiere(Figure.Scope)?.Name ?? Figure.Scope);
        if (Snapshot is not null) parts.Add(Texts.T("nell'istantanea", "in the snapshot"));
        return string.Join(" · ", parts);
    }
}
