using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Dashboard.ImportTemplates;
using ActorWelfare.Imports;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Imports;

/// <summary>The import templates of every configured city, in both languages, pass the import's own checks as they are.</summary>
public sealed class ImportTemplateTests
{
    private static readonly IReadOnlyDictionary<string, Territory> Cities = TerritoryFile.LoadAll(Path.Combine(RepoPaths.Root, "deploy", "territories"));

    public static TheoryData<string, string, bool> CitiesAndLanguages()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var city in Cities.Keys)
            foreach (var language in new[] { "it-IT", "en-GB" })
                foreach (var wholeCity in new[] { false, true }) data.Add(city, language, wholeCity);
        return data;
    }

    [Theory]
    [MemberData(nameof(CitiesAndLanguages))]
    public void Both_templates_import_cleanly_into_their_city_with_one_example_of_each_kind(string cityId, string language, bool wholeCity)
    {
        var city = Cities[cityId];
        // A district's operatore gets examples in their district; the city's office (city/*) examples of the whole city.
        var district = wholeCity ? null : city.Quartieri[^1];
        var operatore = new ActorWelfare.Access.Caller("op", "Operatore", new HashSet<string>(),
            new HashSet<string> { wholeCity ? ActivityRecord.WholeCityKey(city.Id) : $"{city.Id}/{district!.Id}" });
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var template = new ImportTemplate(city, district, 2021);
            foreach (var parsed in new[] { CsvImport.Parse(template.Csv(), city.Id), JsonImport.Parse(template.Json()) })
            {
                Assert.Empty(parsed.Problems);
                var document = parsed.Document!;
                var (steps, problems) = ImportCheck.Review(document, city, new Dictionary<string, string>(),
                    a => new ActivityRecord { City = city.Id, Kind = a.Kind, Id = a.Id }, operatore);
                Assert.Empty(problems);
                Assert.Equal(Enum.GetValues<ActivityKind>().Order(), document.Activities.Select(a => a.Kind).Order());
                Assert.All(document.Activities, a => Assert.Equal(district is null ? [] : [district.Id], a.Profile.Quartieri));
                Assert.All(document.Activities, a => Assert.Equal(wholeCity, a.Profile.CityWide));
                Assert.All(steps, s => Assert.Equal([2021], s.Final.Years.Keys));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
