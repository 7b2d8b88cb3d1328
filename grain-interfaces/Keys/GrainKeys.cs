using System.Text.RegularExpressions;

namespace ActorWelfare.Keys;

/// <summary>
/// Builds and parses the string keys of the grains, in one place: "city/quartiere" for a quartiere,
/// "city/kind/id" for an activity, "city/year" for the city aggregates. Ids are kebab-case.
/// </summary>
public static partial class GrainKeys
{
    public static string Quartiere(string city, string quartiere) => $"{Id(city)}/{Id(quartiere)}";

    public static (string City, string Quartiere) ParseQuartiere(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 2) throw new FormatException($"Not a quartiere key (city/quartiere): '{key}'.");
        return (parts[0], parts[1]);
    }

    /// <summary>True for kebab-case ids: lower-case letters and digits, single dashes between them.</summary>
    public static bool IsValidId(string? id) => id is { Length: > 0 and <= 80 } && IdPattern().IsMatch(id);

    private static string Id(string id) =>
        IsValidId(id) ? id : throw new ArgumentException($"Not a kebab-case id: '{id}'.", nameof(id));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
