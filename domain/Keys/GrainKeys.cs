using System.Text.RegularExpressions;

namespace ActorWelfare.Keys;

/// <summary>
/// Builds and parses the string keys of the grains, in one place: "city/quartiere" for a quartiere,
/// "city/kind/id" for an activity, "city/year" for the city aggregates. Ids are kebab-case.
/// </summary>
public static partial class GrainKeys
{
    /// <summary>A district's key; "city/*" is the list of the activities of the whole city.</summary>
    public static string Quartiere(string city, string quartiere) =>
        $"{Id(city)}/{(quartiere == Activities.ActivityRecord.WholeCity ? quartiere : Id(quartiere))}";

    public static (string City, string Quartiere) ParseQuartiere(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 2) throw new FormatException($"Not a quartiere key (city/quartiere): '{key}'.");
        return (parts[0], parts[1]);
    }

    /// <summary>An import: the city and the hex SHA-256 of the file's format and bytes.</summary>
    public static string Import(string city, Imports.ImportFormat format, byte[] content)
    {
        var hash = System.Security.Cryptography.SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes(format + "\n"), .. content]);
        return $"{Id(city)}/{Convert.ToHexStringLower(hash)}";
    }

    public static string Activity(string city, Activities.ActivityKind kind, string id) =>
        $"{Id(city)}/{KindId(kind)}/{Id(id)}";

    public static (string City, Activities.ActivityKind Kind, string Id) ParseActivity(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 3) throw new FormatException($"Not an activity key (city/kind/id): '{key}'.");
        return (parts[0], ParseKind(parts[1]), parts[2]);
    }

    /// <summary>A person's inbox in a city (the user id after the first '/').</summary>
    public static string Inbox(string city, string userId) => $"{Id(city)}/{userId}";

    /// <summary>The city aggregates of a year.</summary>
    public static string CityYear(string city, int year) => $"{Id(city)}/{year}";

    public static (string City, int Year) ParseCityYear(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[1], out var year))
            throw new FormatException($"Not a city-year key (city/year): '{key}'.");
        return (parts[0], year);
    }

    public static string KindId(Activities.ActivityKind kind) => kind switch
    {
        Activities.ActivityKind.Progetto => "progetto",
        Activities.ActivityKind.Tavolo => "tavolo",
        Activities.ActivityKind.Gruppo => "gruppo",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static Activities.ActivityKind ParseKind(string kind) => kind switch
    {
        "progetto" => Activities.ActivityKind.Progetto,
        "tavolo" => Activities.ActivityKind.Tavolo,
        "gruppo" => Activities.ActivityKind.Gruppo,
        _ => throw new FormatException($"Unknown activity kind '{kind}' (progetto, tavolo, gruppo)."),
    };

    /// <summary>True for kebab-case ids: lower-case letters and digits, single dashes between them.</summary>
    public static bool IsValidId(string? id) => id is { Length: > 0 and <= 80 } && IdPattern().IsMatch(id);

    private static string Id(string id) =>
        IsValidId(id) ? id : throw new ArgumentException($"Not a kebab-case id: '{id}'.", nameof(id));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
