using System.Text.Json;
using System.Text.Json.Serialization;
using ActorWelfare.Activities;
using ActorWelfare.Keys;
using ActorWelfare.Territories;

namespace ActorWelfare.Silo.Datasets;

/// <summary>A dataset of <c>deploy/datasets</c>: activity records of one city and year.</summary>
public sealed record DatasetFile(
    string Dataset,
    string City,
    int Year,
    string Provenance,
    IReadOnlyList<DatasetActivity> Activities)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Parses and checks a dataset against its city's territory; every problem is named.</summary>
    public static DatasetFile Parse(string json, string source, IReadOnlyDictionary<string, Territory> territories)
    {
        DatasetFile file;
        try
        {
            file = JsonSerializer.Deserialize<DatasetFile>(json, Json) ?? throw new InvalidDataException($"{source}: empty dataset.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
        var problems = new List<string>();
        if (!territories.TryGetValue(file.City ?? "", out var territory))
            problems.Add($"city: '{file.City}' has no territory file");
        var seen = new HashSet<(ActivityKind, string)>();
        for (var i = 0; i < (file.Activities?.Count ?? 0); i++)
        {
            var a = file.Activities![i];
            if (!GrainKeys.IsValidId(a.Id)) problems.Add($"activities[{i}].id: '{a.Id}' is not a kebab-case id");
            else if (!seen.Add((a.Kind, a.Id))) problems.Add($"activities[{i}].id: '{a.Id}' appears twice");
            if (territory is not null && territory.FindQuartiere(a.Quartiere) is null)
                problems.Add($"activities[{i}].quartiere: '{a.Quartiere}' is not a quartiere of {file.City}");
        }
        if (problems.Count > 0) throw new InvalidDataException($"{source}: " + string.Join("; ", problems) + ".");
        return file;
    }
}

public sealed record DatasetActivity(ActivityKind Kind, string Id, string Name, string Quartiere, bool Real);
