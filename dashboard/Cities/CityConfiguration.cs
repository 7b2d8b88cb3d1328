using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Cities;

/// <summary>
/// At start: every city the configuration names (open data, the default city, per-city settings) must
/// have a territory file. A typo would otherwise publish nothing or lead every page to "city not
/// configured"; the dashboard refuses to start instead, naming the key and the rule, every problem at once.
/// </summary>
public static class CityConfiguration
{
    public static IReadOnlyList<string> Problems(IConfiguration configuration, IReadOnlyDictionary<string, Territory> cities)
    {
        var problems = new List<string>();
        void Known(string key, string city)
        {
            if (!cities.ContainsKey(city))
                problems.Add($"{key}: '{city}' is not a configured city (no territory file has that id; known: {string.Join(", ", cities.Keys)})");
        }
        foreach (var city in (configuration["Access:OpenData"] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (city != "*") Known("Access:OpenData", city);
        if (configuration["Dashboard:City"] is { Length: > 0 } home) Known("Dashboard:City", home);
        foreach (var section in configuration.GetSection("Cities").GetChildren()) Known($"Cities:{section.Key}", section.Key);
        return problems;
    }

    public static void Check(IConfiguration configuration, IReadOnlyDictionary<string, Territory> cities)
    {
        if (Problems(configuration, cities) is { Count: > 0 } problems)
            throw new InvalidOperationException("Configuration names a city that does not exist: " + string.Join("; ", problems) + ".");
    }
}
