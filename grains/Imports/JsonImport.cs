using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorWelfare.Activities;
using ActorWelfare.Organisations;

namespace ActorWelfare.Imports;

/// <summary>
/// The JSON import format (docs/import.md), which is also the format of the shipped datasets:
/// <c>{ "city", "organisations": [...], "activities": [ { "kind", "id", "profile", "years" } ] }</c>.
/// Unknown fields, wrong types and deep nesting are refused with the path and line.
/// </summary>
public static class JsonImport
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
        NumberHandling = JsonNumberHandling.Strict, // "2020" is text, not a year
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    private sealed record FileShape(
        string? City, string? Dataset, int? Year, string? Provenance,
        IReadOnlyList<Organisation>? Organisations, IReadOnlyList<ActivityShape?>? Activities);

    private sealed record ActivityShape(ActivityKind? Kind, string? Id, bool? Real, ActivityProfile? Profile, IReadOnlyDictionary<int, YearFigures>? Years);

    public static ParsedImport Parse(byte[] content)
    {
        if (Utf8.Decode(content) is { Problem: { } encoding }) return new(null, [encoding]);
        FileShape? file;
        try
        {
            file = JsonSerializer.Deserialize<FileShape>(Utf8.WithoutBom(content), Options);
        }
        catch (JsonException e)
        {
            var path = e.Path ?? "$";
            var row = RowOf(path);
            var unknown = e.Message.Contains("could not be mapped");
            return ParsedImport.Fail(row, path, unknown ? "unknown-field" : "json",
                $"{path}: JSON non valido alla riga {e.LineNumber + 1} ({(unknown ? "campo sconosciuto" : "tipo o sintassi errati")}).",
                $"{path}: invalid JSON at line {e.LineNumber + 1} ({(unknown ? "unknown field" : "wrong type or syntax")}): {e.Message}");
        }
        if (file is null) return ParsedImport.Fail(0, "$", "required", "il file è vuoto.", "the file is empty.");
        if (string.IsNullOrWhiteSpace(file.City)) return ParsedImport.Fail(0, "city", "required", "city: è obbligatorio.", "city: is required.");
        if (file.Activities is null) return ParsedImport.Fail(0, "activities", "required", "activities: è obbligatorio.", "activities: is required.");

        var problems = new List<ImportProblem>();
        var activities = new List<ImportedActivity>();
        for (var i = 0; i < file.Activities.Count; i++)
        {
            var a = file.Activities[i];
            var row = i + 1;
            if (a?.Kind is not { } kind) { problems.Add(Missing(row, a?.Id, "kind")); continue; }
            if (string.IsNullOrEmpty(a.Id)) { problems.Add(Missing(row, null, "id")); continue; }
            if (a.Profile is null) { problems.Add(Missing(row, a.Id, "profile")); continue; }
            activities.Add(new ImportedActivity(row, kind, a.Id, a.Profile, a.Years ?? new Dictionary<int, YearFigures>()));
        }
        return problems.Count > 0 ? new(null, problems)
            : new(new ImportDocument(file.City, file.Organisations ?? [], activities), []);
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
