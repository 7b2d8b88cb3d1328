using System.Text.Json.Nodes;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>
/// Valdoro, a city nobody shipped: its own district term (circoscrizione), a district renamed in 2017 and
/// two merged in 2016, its own offices. Tests add it as a city is added, by its territory file alone.
/// </summary>
public static class InventedCity
{
    public const string Id = "valdoro";

    /// <summary>Valdoro's territory file: its own districts, history and offices (the other lists taken from Bologna's).</summary>
    public static string TerritoryJson()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "territories", "bologna.json")))!.AsObject();
        file["id"] = Id;
        file["name"] = "Valdoro";
        file["districtTerm"] = JsonNode.Parse("""{ "it": "circoscrizione", "en": "ward", "itPlural": "circoscrizioni", "enPlural": "wards", "gender": "f" }""");
        file["quartieri"] = JsonNode.Parse("""
            [
              { "id": "fiume", "name": "Fiume", "zones": [ { "id": "porto-fluviale", "name": "Porto fluviale" } ] },
              { "id": "colline", "name": "Colline", "from": 2016, "zones": [ { "id": "monte-alto", "name": "Monte alto" }, { "id": "valle-bassa", "name": "Valle bassa" } ] },
              { "id": "centro-storico", "name": "Centro storico", "from": 2017, "zones": [ { "id": "piazza", "name": "Piazza" } ] }
            ]
            """);
        file["formerQuartieri"] = JsonNode.Parse("""
            [
              { "id": "centro", "name": "Centro", "until": 2016, "becomes": "centro-storico", "zones": [ { "id": "piazza", "name": "Piazza" } ] },
              { "id": "monte", "name": "Monte", "until": 2015, "becomes": "colline", "zones": [ { "id": "monte-alto", "name": "Monte alto" } ] },
              { "id": "valle", "name": "Valle", "until": 2015, "becomes": "colline", "zones": [ { "id": "valle-bassa", "name": "Valle bassa" } ] }
            ]
            """);
        file.Remove("definitionNotes");
        file.Remove("socialService"); // Bologna's "SST": Valdoro's pages say "servizio sociale"
        // Its own words where Bologna's lists say "Quartiere" (its districts are circoscrizioni).
        var taxonomies = file["taxonomies"]!.AsObject();
        foreach (var list in new[] { "promoterLevels", "reach", "promoterRoles", "funders" })
            foreach (var term in taxonomies[list]!.AsArray())
                term!["it"] = term["it"]!.GetValue<string>().Replace("Quartiere", "Circoscrizione");
        file["taxonomies"]!["offices"] = JsonNode.Parse("""
            [
              { "id": "servizio-sociale", "it": "Servizio sociale", "en": "Social service" },
              { "id": "educativa", "it": "Équipe educativa", "en": "Education team" }
            ]
            """);
        return file.ToJsonString();
    }
}
