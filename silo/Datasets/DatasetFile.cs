using System.Text.Json;
using System.Text.Json.Serialization;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Imports;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using ActorWelfare.Territories;

namespace ActorWelfare.Silo.Datasets;

/// <summary>
/// A dataset of <c>deploy/datasets</c> (format in docs/datasets.md): the organisations and activity
/// records of a city. <see cref="Parse"/> checks every record with the domain's own rules before
/// anything is loaded, so a bad file loads nothing.
/// </summary>
public sealed record DatasetFile(
    string Dataset,
    string City,
    int Year,
    string Provenance,
    IReadOnlyList<Organisation> Organisations,
    IReadOnlyList<DatasetActivity> Activities)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Parses a dataset and checks it against its city; every problem is named.</summary>
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
            throw new InvalidDataException($"{source}: city: '{file.City}' has no territory file.");

        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (file.Organisations?.Count ?? 0); i++)
        {
            var o = file.Organisations![i];
            if (!GrainKeys.IsValidId(o.Id)) problems.Add($"organisations[{i}].id: '{o.Id}' is not a kebab-case id");
            else if (!types.TryAdd(o.Id, o.Type)) problems.Add($"organisations[{i}].id: '{o.Id}' appears twice");
            if (territory.Taxonomies.FindOrganisationType(o.Type) is null) problems.Add($"organisations[{i}].type: '{o.Type}' is not an organisation type of {file.City}");
            if (string.IsNullOrWhiteSpace(o.Name)) problems.Add($"organisations[{i}].name: is required");
        }

        var seen = new HashSet<(ActivityKind, string)>();
        for (var i = 0; i < (file.Activities?.Count ?? 0); i++)
        {
            var a = file.Activities![i];
            var at = $"activities[{i}] ({a.Id})";
            if (!GrainKeys.IsValidId(a.Id)) { problems.Add($"activities[{i}].id: '{a.Id}' is not a kebab-case id"); continue; }
            if (!seen.Add((a.Kind, a.Id))) problems.Add($"activities[{i}].id: '{a.Id}' appears twice");
            var record = new ActivityRecord { City = territory.Id, Kind = a.Kind, Id = a.Id };
            string? TypeOf(string id) => types.GetValueOrDefault(id);
            // As the import registers a new activity: the profile of the file's last year for the whole span, the others by year.
            var byYear = (a.ProfileByYear ?? new Dictionary<int, JsonElement>()).ToDictionary(y => y.Key, y => JsonImport.WithFields(a.Profile, y.Value)!);
            var years = (a.Years?.Keys ?? []).Union(byYear.Keys).Order().ToList();
            var latest = years.Count > 0 && byYear.TryGetValue(years[^1], out var last) ? last : a.Profile;
            var register = new RegisterActivity(latest, byYear.Count == 0 ? null : byYear);
            var errors = ActivityRules.Validate(record, register, 0, territory, TypeOf);
            // The message people read (it starts with the field's label), then the field and rule as the file names them.
            static string Problem(string at, ValidationError e) => $"{at}: {e.MessageEn} (field {e.Field}, rule {e.Rule})";
            problems.AddRange(errors.Select(e => Problem(at, e)));
            if (errors.Count > 0) continue;
            record = ActivityRules.Apply(record, register, TypeOf) with { Version = 1 };
            foreach (var (year, figures) in a.Years ?? new Dictionary<int, YearFigures>())
                problems.AddRange(ActivityRules.Validate(record, new UpdateYearFigures(year, figures), 1, territory, TypeOf)
                    .Select(e => Problem($"{at} years[{year}]", e)));
        }
        if (problems.Count > 0) throw new InvalidDataException($"{source}: " + string.Join("; ", problems));
        return file;
    }
}

/// <summary>
/// One activity of a dataset; <see cref="Real"/> says whether it is a real record or synthetic;
/// <see cref="ProfileByYear"/> the fields that differed in some years (docs/import.md).
/// </summary>
public sealed record DatasetActivity(
    ActivityKind Kind,
    string Id,
    bool Real,
    ActivityProfile Profile,
    IReadOnlyDictionary<int, YearFigures>? Years,
    IReadOnlyDictionary<int, JsonElement>? ProfileByYear = null);
