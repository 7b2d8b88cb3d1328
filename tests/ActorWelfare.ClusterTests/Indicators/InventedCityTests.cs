using System.Text;
using ActorWelfare.Activities;
using ActorWelfare.Imports;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Indicators;

/// <summary>
/// A city nobody shipped, with a territory that changed in time: Valdoro's "centro" was renamed
/// "centro-storico" in 2017, "monte" and "valle" merged into "colline" in 2016. Its activities come in
/// through the documented JSON import (with a profile per year), then change with dated commands; every
/// year's figures are checked against the engine's recomputation and against figures worked out here by
/// hand from what the file and the commands say.
/// </summary>
public sealed class InventedCityTests
{
    private const string City = "valdoro";

    private static Territory Valdoro() => TerritoryFile.Parse(InventedCity.TerritoryJson(), "valdoro.json");

    /// <summary>The survey file, as an analyst of Valdoro would write it (docs/import.md, JSON).</summary>
    private static readonly string ImportFile = """
        {
          "city": "valdoro",
          "organisations": [
            { "id": "org-a", "name": "Associazione A", "type": "associazione" },
            { "id": "org-b", "name": "Parrocchia B", "type": "parrocchia" },
            { "id": "org-c", "name": "Fondazione C", "type": "fondazione" },
            { "id": "org-d", "name": "Cooperativa D", "type": "cooperativa-sociale" }
          ],
          "activities": [
            {
              "kind": "tavolo", "id": "tavolo-ponte",
              "profile": { "name": "Tavolo del ponte", "quartieri": ["centro-storico"], "startYear": 2014, "status": "attivo",
                           "organisations": [ { "organisationId": "org-a", "functions": [] }, { "organisationId": "org-b", "functions": [] } ] },
              "profileByYear": {
                "2014": { "quartieri": ["centro"], "organisations": [ { "organisationId": "org-a", "functions": [] } ] },
                "2015": { "quartieri": ["centro"] },
                "2016": { "quartieri": ["centro"] }
              },
              "years": { "2014": { "meetings": 4 }, "2015": { "meetings": 6 }, "2016": { "meetings": 8 }, "2017": { "meetings": 10 }, "2018": { "meetings": 12 }, "2019": { "meetings": 14 } }
            },
            {
              "kind": "tavolo", "id": "tavolo-colline",
              "profile": { "name": "Tavolo delle colline", "quartieri": ["colline"], "startYear": 2015, "status": "attivo",
                           "organisations": [ { "organisationId": "org-b", "functions": [] }, { "organisationId": "org-d", "functions": [] } ] },
              "profileByYear": { "2015": { "quartieri": ["monte", "valle"] } },
              "years": { "2015": { "meetings": 3, "operators": { "servizio-sociale": 2 } }, "2019": { "meetings": 5, "operators": { "servizio-sociale": 4, "educativa": 2 } } }
            },
            {
              "kind": "gruppo", "id": "gruppo-fiume",
              "profile": { "name": "Gruppo del fiume", "quartieri": ["fiume"], "startYear": 2016, "endYear": 2018, "status": "concluso" },
              "years": { "2016": { "meetings": 2, "citizens": 11 }, "2017": { "meetings": 3, "citizens": 17 } }
            },
            {
              "kind": "progetto", "id": "progetto-valle",
              "profile": { "name": "Progetto della valle", "quartieri": ["valle"], "startYear": 2014, "endYear": 2015, "status": "concluso" },
              "years": { "2014": { "beneficiaries": 40, "operators": { "servizio-sociale": 2, "educativa": 1 } }, "2015": { "beneficiaries": 25 } }
            }
          ]
        }
        """;

    [Fact]
    public async Task A_city_invented_here_with_renamed_and_merged_districts_counts_every_year_in_the_districts_of_its_time()
    {
        InProcessCluster.AsSystem();
        var valdoro = Valdoro();
        await using var cluster = await InProcessCluster.StartAsync(silos: 1, moreCities: [valdoro]);

        var imported = await cluster.Grains.ImportAsync(City, Encoding.UTF8.GetBytes(ImportFile), ImportFormat.Json, "valdoro.json");
        Assert.True(imported.Phase == ImportPhase.Applied, string.Join("\n", imported.Problems.Select(p => p.MessageEn)));
        Assert.Equal(4, imported.Created);

        // Dated commands after the import: an organisation joins the ponte from 2018, the colline tavolo moves to Fiume in 2019.
        var ponte = cluster.Grains.Activity(City, ActivityKind.Tavolo, "tavolo-ponte");
        Assert.True((await ponte.Execute(new AddOrganisation(new OrganisationLink("org-c", []), 2018), (await ponte.Get()).Version)).Succeeded);
        var colline = cluster.Grains.Activity(City, ActivityKind.Tavolo, "tavolo-colline");
        Assert.True((await colline.Execute(new MoveToQuartieri(["fiume"], [], 2019), (await colline.Get()).Version)).Succeeded);
        // A move into a district of another time is refused, naming the year.
        var refused = await colline.Execute(new MoveToQuartieri(["centro"], [], 2018), (await colline.Get()).Version);
        Assert.Equal(("quartieri", "existed-that-year"), (refused.Errors.Single().Field, refused.Errors.Single().Rule));
        Assert.Contains("2018", refused.Errors.Single().MessageEn);

        // Worked out by hand from the file and the commands above.
        var tavoliByDistrict = new Dictionary<int, Dictionary<string, double>>
        {
            [2014] = new() { ["centro"] = 1 },
            [2015] = new() { ["centro"] = 1, ["monte"] = 1, ["valle"] = 1 },
            [2016] = new() { ["centro"] = 1, ["colline"] = 1 },
            [2017] = new() { ["centro-storico"] = 1, ["colline"] = 1 },
            [2018] = new() { ["centro-storico"] = 1, ["colline"] = 1 },
            [2019] = new() { ["centro-storico"] = 1, ["fiume"] = 1 },
        };
        var organisationsAtTavoli = new Dictionary<int, int> { [2014] = 1, [2015] = 3, [2016] = 3, [2017] = 3, [2018] = 4, [2019] = 4 };
        var meetings = new Dictionary<int, double> { [2014] = 4, [2015] = 9, [2016] = 8, [2017] = 10, [2018] = 12, [2019] = 19 };
        var districtsOfTheYear = new Dictionary<int, string[]>
        {
            [2014] = ["centro", "fiume", "monte", "valle"], [2015] = ["centro", "fiume", "monte", "valle"],
            [2016] = ["centro", "colline", "fiume"], [2017] = ["centro-storico", "colline", "fiume"],
            [2018] = ["centro-storico", "colline", "fiume"], [2019] = ["centro-storico", "colline", "fiume"],
        };

        foreach (var year in Enumerable.Range(2014, 6))
        {
            var document = await Converged(cluster, year);
            Assert.Equal(2014 == year ? 1 : 2, document.Indicators["TP.TOT"].Value);
            Assert.Equal(tavoliByDistrict[year], document.Indicators["B3.07"].Breakdown!.ToDictionary());
            Assert.Equal(organisationsAtTavoli[year], document.Indicators["TP.ODT"].Value);
            Assert.Equal(meetings[year], document.Indicators["TP.MEET"].Value);
            Assert.Equal(districtsOfTheYear[year], document.Quartieri.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(tavoliByDistrict[year].GetValueOrDefault("colline"), document.Quartieri.GetValueOrDefault("colline")?["TP.TOT"].Value ?? 0);
        }

        // Per-office figures are the city's own offices.
        var y2014 = await Converged(cluster, 2014);
        Assert.Equal(new Dictionary<string, double> { ["educativa"] = 1, ["servizio-sociale"] = 2 }, y2014.Indicators["PI.STAFF"].Breakdown!.ToDictionary());
        Assert.Equal(40, y2014.Indicators["PI.BEN"].Value);
        var y2017 = await Converged(cluster, 2017);
        Assert.Equal(17, y2017.Indicators["GC.CIT"].Value);
        Assert.Equal(0, y2017.Indicators["PI.TOT"].Value);

        foreach (var year in Enumerable.Range(2013, DateTime.UtcNow.Year + 3 - 2013))
        {
            var report = await cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear(City, year)).Verify();
            Assert.True(report.Equal, $"{year}:\n" + string.Join("\n", report.Differences));
        }
    }

    /// <summary>The year's document once the aggregator has taken in every contribution (they arrive asynchronously).</summary>
    private static async Task<IndicatorDocument> Converged(InProcessCluster cluster, int year)
    {
        var verify = cluster.Grains.GetGrain<IVerifyGrain>(GrainKeys.CityYear(City, year));
        var report = await Eventually.LastAsync(verify.Verify, r => r.Equal);
        Assert.True(report.Equal, $"{City} {year}:\n" + string.Join("\n", report.Differences));
        return await cluster.Grains.GetGrain<ICityIndicatorsGrain>(GrainKeys.CityYear(City, year)).GetDocument();
    }
}
