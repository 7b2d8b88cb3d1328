using System.Text.Json;
using ActorWelfare.Access;
using ActorWelfare.Domain;
using ActorWelfare.Keys;
using ActorWelfare.Storage;
using ActorWelfare.Territories;
using Orleans.Concurrency;

namespace ActorWelfare.Indicators;

/// <summary>
/// Recomputes a city-year's indicators from the stored activity states with
/// <see cref="IndicatorRecomputation"/> and compares them with the live document, figure by figure.
/// </summary>
[StatelessWorker]
public sealed class VerifyGrain(IActivityStore store, TerritoryCatalog territories) : Grain, IVerifyGrain
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<VerifyReport> Verify()
    {
        // As the API: analysts and administrators check the live figures (the report recomputes every record).
        var (city, year) = GrainKeys.ParseCityYear(this.GetPrimaryKeyString());
        CityAccess.Require(city, "Only the city's analysts and administrators verify its figures.", Roles.Analista, Roles.Amministratore);
        var territory = territories.Get(city);
        var live = await GrainFactory.GetGrain<ICityIndicatorsGrain>(this.GetPrimaryKeyString()).GetDocument();
        var records = await store.LoadCityYearAsync(city, year);
        var recomputed = IndicatorRecomputation.Compute(territory, year, records, live.Version);

        var differences = new List<string>();
        Compare("city", live.Indicators, recomputed.Indicators, differences);
        foreach (var (q, figures) in recomputed.Quartieri)
            Compare(q, live.Quartieri.TryGetValue(q, out var liveFigures) ? liveFigures : new(), figures, differences);
        return new VerifyReport(city, year, differences.Count == 0, live.Version, records.Count(r => r.IsActiveIn(year)), differences, recomputed);
    }

    private static void Compare(string scope, SortedDictionary<string, IndicatorValue> live, SortedDictionary<string, IndicatorValue> expected, List<string> differences)
    {
        foreach (var code in live.Keys.Union(expected.Keys).Order(StringComparer.Ordinal))
        {
            var a = JsonSerializer.Serialize(live.TryGetValue(code, out var l) ? l : null, Json);
            var b = JsonSerializer.Serialize(expected.TryGetValue(code, out var e) ? e : null, Json);
            if (a != b) differences.Add($"{scope} {code}: live {a} ≠ recomputed {b}");
        }
    }
}
