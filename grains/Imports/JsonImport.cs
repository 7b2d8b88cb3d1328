using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorWelfare.Activities;
using ActorWelfare.Organisations;

namespace ActorWelfare.Imports;

/// <summary>
/// The JSON import format (docs/import.md), which is also the format of the shipped datasets:
/// <c>{ "city", "organisations": [...], "activities": [ { "kind", "id", "profile", "profileByYear", "years" } ] }</c>.
/// <c>profileByYear</c> gives, for some years, the fields whose value that year differed from <c>profile</c>.
/// Unknown fields, wrong types and deep nesting are refused with the path. Each field is read on its own
/// so that one wrong field hides nothing else: it is reported and left out, and the rest is still read
/// and checked. Only broken JSON syntax stops the reading, at the place it names.
/// </summary>
public static class JsonImport
{
    public const int MaxDepth = 16;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = MaxDepth,
        NumberHandling = JsonNumberHandling.Strict, // "2020" is text, not a year
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    private sealed record FileShape(
        string? City, string? Dataset, int? Year, string? Provenance,
        IReadOnlyList<JsonElement>? Organisations, IReadOnlyList<JsonElement>? Activities);

    private sealed record ActivityHead(ActivityKind? Kind, string? Id, bool? Real);

    public static ParsedImport Parse(byte[] content)
    {
        if (Utf8.Decode(content) is { Problem: { } encoding }) return new(null, [encoding]);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(Utf8.WithoutBom(content).ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException)
        {
            return SyntaxProblem(content);
        }
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                return ParsedImport.Fail(0, "$", "json", "$: il file deve essere un oggetto JSON { \"city\", \"activities\" }.",
                    "$: the file must be a JSON object { \"city\", \"activities\" }.");
            var problems = new List<ImportProblem>();
            var file = new FieldReader(problems, null).Read<FileShape>(json.RootElement, "$", 0);
            if (string.IsNullOrWhiteSpace(file?.City) && !problems.Any(p => p.Field == "$.city")) problems.Add(Missing(0, null, "city"));
            if (file?.Activities is null && !problems.Any(p => p.Field.StartsWith("$.activities", StringComparison.Ordinal)))
                problems.Add(Missing(0, null, "activities"));
            var activities = new List<ImportedActivity>();
            for (var i = 0; i < (file?.Activities?.Count ?? 0); i++)
                if (ReadActivity(file!.Activities![i], i, problems) is { } activity) activities.Add(activity);
            var organisations = new List<Organisation>();
            for (var i = 0; i < (file?.Organisations?.Count ?? 0); i++)
            {
                var at = $"$.organisations[{i}]";
                if (file!.Organisations![i].ValueKind == JsonValueKind.Null) problems.Add(new(0, null, at, "required", $"{at}: è vuoto.", $"{at}: is empty."));
                else if (new FieldReader(problems, null).Read<Organisation>(file.Organisations[i], at, 0) is { } o) organisations.Add(o);
            }
            return new(new ImportDocument(file?.City ?? "", organisations, activities), problems);
        }
    }

    private static ImportedActivity? ReadActivity(JsonElement element, int index, List<ImportProblem> problems)
    {
        var row = index + 1;
        var path = $"$.activities[{index}]";
        var reader = new FieldReader(problems, Property(element, "id") is { ValueKind: JsonValueKind.String } id ? id.GetString() : null);
        var head = element.ValueKind == JsonValueKind.Null ? null : reader.Read<ActivityHead>(element, path, row, "profile", "profileByYear", "years");
        var profile = Property(element, "profile") is { } p ? reader.Read<ActivityProfile>(p, $"{path}.profile", row) : null;
        var years = new Dictionary<int, YearFigures>();
        if (Property(element, "years") is { ValueKind: JsonValueKind.Object } yearsElement)
            foreach (var year in yearsElement.EnumerateObject())
            {
                var at = $"{path}.years.{year.Name}";
                if (!int.TryParse(year.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
                    problems.Add(new(row, head?.Id, at, "json", $"{at}: «{year.Name}» non è un anno.", $"{at}: '{year.Name}' is not a year."));
                else if (reader.Read<YearFigures>(year.Value, at, row) is { } figures) years[y] = figures;
            }
        else if (Property(element, "years") is { ValueKind: not JsonValueKind.Null })
            problems.Add(new(row, head?.Id, $"{path}.years", "json", $"{path}.years: deve essere un oggetto {{ \"anno\": cifre }}.",
                $"{path}.years: must be an object {{ \"year\": figures }}."));

        var byYear = ReadProfileByYear(element, path, row, head?.Id, reader, problems);

        if (problems.Any(x => x.Field == path)) return null; // not an object: nothing more to say about it
        if (head?.Kind is not { } kind) { AddUnlessReported(problems, row, head?.Id, path, "kind"); return null; }
        if (string.IsNullOrEmpty(head.Id)) { AddUnlessReported(problems, row, null, path, "id"); return null; }
        if (profile is null) { AddUnlessReported(problems, row, head.Id, path, "profile"); return null; }
        return new ImportedActivity(row, kind, head.Id, profile, years)
        {
            ProfileByYear = byYear.Count == 0 ? null : byYear.ToDictionary(y => y.Key, y => y.Value),
        };
    }

    private static readonly string[] Undated = ["name", "description", "startYear", "endYear"];

    /// <summary>
    /// "profileByYear": { "2015": { "quartieri": ["porto"] } }: the year's profile is "profile" with these
    /// fields in place of its own. Name, description and the span hold for every year, so they stay in "profile".
    /// </summary>
    private static SortedDictionary<int, ActivityProfile> ReadProfileByYear(JsonElement element, string path, int row, string? id,
        FieldReader reader, List<ImportProblem> problems)
    {
        var byYear = new SortedDictionary<int, ActivityProfile>();
        var at = $"{path}.profileByYear";
        switch (Property(element, "profileByYear"))
        {
            case null or { ValueKind: JsonValueKind.Null }: return byYear;
            case { ValueKind: JsonValueKind.Object } years when Property(element, "profile") is { ValueKind: JsonValueKind.Object } baseProfile:
                foreach (var year in years.EnumerateObject())
                {
                    var yearAt = $"{at}.{year.Name}";
                    if (!int.TryParse(year.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
                    {
                        problems.Add(new(row, id, yearAt, "json", $"{yearAt}: «{year.Name}» non è un anno.", $"{yearAt}: '{year.Name}' is not a year."));
                        continue;
                    }
                    if (year.Value.ValueKind != JsonValueKind.Object)
                    {
                        problems.Add(new(row, id, yearAt, "json", $"{yearAt}: deve essere un oggetto JSON.", $"{yearAt}: must be a JSON object."));
                        continue;
                    }
                    foreach (var field in year.Value.EnumerateObject().Where(f => Undated.Contains(f.Name, StringComparer.OrdinalIgnoreCase)))
                        problems.Add(new(row, id, $"{yearAt}.{field.Name}", "every-year",
                            $"{yearAt}.{field.Name}: vale per tutti gli anni, si indica solo in «profile».",
                            $"{yearAt}.{field.Name}: holds for every year, give it in \"profile\" only."));
                    if (reader.Read<ActivityProfile>(Overlay(baseProfile, year.Value), yearAt, row) is { } profile) byYear[y] = profile;
                }
                return byYear;
            case { ValueKind: JsonValueKind.Object }: return byYear; // no readable profile: that is reported already
            default:
                problems.Add(new(row, id, at, "json", $"{at}: deve essere un oggetto {{ \"anno\": {{ campi }} }}.", $"{at}: must be an object {{ \"year\": {{ fields }} }}."));
                return byYear;
        }
    }

    /// <summary>A profile with a year's fields (as "profileByYear" gives them) in place of its own.</summary>
    public static ActivityProfile? WithFields(ActivityProfile profile, JsonElement fields) =>
        JsonSerializer.Deserialize<ActivityProfile>(Overlay(JsonSerializer.SerializeToElement(profile, Options), fields), Options);

    /// <summary>The profile object with the year's fields in place of its own.</summary>
    private static JsonElement Overlay(JsonElement profile, JsonElement year)
    {
        var fields = year.EnumerateObject().Where(f => !Undated.Contains(f.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        var names = fields.Select(f => f.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var f in profile.EnumerateObject().Where(f => !names.Contains(f.Name))) f.WriteTo(writer);
            foreach (var f in fields) f.WriteTo(writer);
            writer.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement;
    }

    /// <summary>A missing field is reported once: not again when its value was there but unreadable.</summary>
    private static void AddUnlessReported(List<ImportProblem> problems, int row, string? id, string path, string field)
    {
        if (!problems.Any(p => p.Field.StartsWith($"{path}.{field}", StringComparison.Ordinal))) problems.Add(Missing(row, id, field));
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in element.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    // Shapes that accept any value, to find where broken syntax stops the reading, never a type error before it.
    private sealed record SyntaxFile(IReadOnlyList<JsonElement>? Organisations, IReadOnlyList<SyntaxActivity?>? Activities);

    private sealed record SyntaxActivity(JsonElement? Profile, JsonElement? ProfileByYear, JsonElement? Years);

    private static readonly JsonSerializerOptions SyntaxOptions = new(Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    /// <summary>Broken syntax: the serializer names the path and line where the reading stopped.</summary>
    private static ParsedImport SyntaxProblem(byte[] content)
    {
        try
        {
            JsonSerializer.Deserialize<SyntaxFile>(Utf8.WithoutBom(content), SyntaxOptions);
            return ParsedImport.Fail(0, "$", "json", "$: JSON non valido.", "$: invalid JSON.");
        }
        catch (JsonException e)
        {
            var path = e.Path ?? "$";
            return ParsedImport.Fail(RowOf(path), path, "json", $"{path}: JSON non valido alla riga {e.LineNumber + 1} (sintassi o annidamento oltre {MaxDepth} livelli).",
                $"{path}: invalid JSON at line {e.LineNumber + 1} (syntax, or nesting deeper than {MaxDepth} levels): {e.Message}");
        }
    }

    private static ImportProblem Missing(int row, string? id, string field) =>
        new(row, id, field, "required", $"{field}: è obbligatorio.", $"{field}: is required.");

    /// <summary>"$.activities[4].profile.startYear" is the fifth activity.</summary>
    private static int RowOf(string path)
    {
        const string prefix = "$.activities[";
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return 0;
        var end = path.IndexOf(']', prefix.Length);
        return end > 0 && int.TryParse(path[prefix.Length..end], out var i) ? i + 1 : 0;
    }

    /// <summary>
    /// Reads an object field by field: the whole object first, and when that fails each field alone, so
    /// every wrong field is reported with its path and the object is read again without them.
    /// </summary>
    private sealed class FieldReader(List<ImportProblem> problems, string? activityId)
    {
        public T? Read<T>(JsonElement element, string path, int row, params string[] handledApart) where T : class
        {
            if (element.ValueKind == JsonValueKind.Null) return null;
            if (element.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(row, activityId, path, "json", $"{path}: deve essere un oggetto JSON.", $"{path}: must be a JSON object."));
                return null;
            }
            var fields = element.EnumerateObject().Where(p => !handledApart.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).ToList();
            if (TryRead<T>(fields, out var whole, out _)) return whole;
            var readable = new List<JsonProperty>();
            foreach (var field in fields)
            {
                if (TryRead<T>([field], out _, out var error)) { readable.Add(field); continue; }
                var at = path + (error!.Path is { Length: > 1 } inner ? inner[1..] : $".{field.Name}");
                var unknown = error.Message.Contains("could not be mapped", StringComparison.Ordinal);
                problems.Add(new(row, activityId, at, unknown ? "unknown-field" : "json",
                    $"{at}: {(unknown ? "campo sconosciuto" : "tipo errato (un numero senza virgolette, un testo tra virgolette, una lista tra [ ])")}.",
                    $"{at}: {(unknown ? "unknown field" : $"wrong type: {error.Message}")}."));
            }
            return TryRead<T>(readable, out var rest, out _) ? rest : null;
        }

        private static bool TryRead<T>(IReadOnlyList<JsonProperty> fields, out T? value, out JsonException? error) where T : class
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var f in fields) f.WriteTo(writer);
                writer.WriteEndObject();
            }
            try
            {
                value = JsonSerializer.Deserialize<T>(buffer.WrittenSpan, Options);
                error = null;
                return true;
            }
            catch (JsonException e)
            {
                value = null;
                error = e;
                return false;
            }
        }
    }
}

/// <summary>Files must be UTF-8 (a BOM is allowed): anything else is refused, never guessed.</summary>
public static class Utf8
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ReadOnlySpan<byte> WithoutBom(byte[] content) =>
        content.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? content.AsSpan(3) : content;

    public static (string? Text, ImportProblem? Problem) Decode(byte[] content)
    {
        try
        {
            return (Strict.GetString(WithoutBom(content)), null);
        }
        catch (DecoderFallbackException e)
        {
            return (null, new ImportProblem(0, null, "encoding", "utf-8",
                $"encoding: il file non è in UTF-8 (byte non valido in posizione {e.Index}); salvalo come «CSV UTF-8».",
                $"encoding: the file is not UTF-8 (invalid byte at position {e.Index}); save it as \"CSV UTF-8\"."));
        }
    }
}
