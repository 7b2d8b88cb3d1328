using System.Globalization;
using ActorWelfare.Dashboard.Localization;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Components.Admin;

/// <summary>
/// Assigned quartieri as people read them: the key "bologna/navile" is "Navile (Bologna)". The
/// administration page spans every city, so its heading names each city's own district term.
/// </summary>
public static class QuartiereNames
{
    public static string Of(string key, IReadOnlyDictionary<string, Territory> cities)
    {
        var (city, quartiere) = key.Split('/', 2) is [var c, var q] ? (c, q) : ("", key);
        if (quartiere == ActorWelfare.Activities.ActivityRecord.WholeCity && cities.GetValueOrDefault(city) is { } whole)
            return $"{Texts.T("Tutta la città", "The whole city")} ({whole.Name})";
        return cities.GetValueOrDefault(city) is { } t && t.FindQuartiere(quartiere) is { } found ? $"{found.Name} ({t.Name})" : key;
    }

    public static string List(IEnumerable<string> keys, IReadOnlyDictionary<string, Territory> cities) =>
        string.Join(", ", keys.Select(k => Of(k, cities)).Order(StringComparer.CurrentCulture));

    /// <summary>"Quartieri / Zone" (Bologna's and Crema's words), in the page's language.</summary>
    public static string Heading(IReadOnlyDictionary<string, Territory> cities) =>
        string.Join(" / ", cities.Values.Select(Texts.Districts).Select(d => char.ToUpper(d[0], CultureInfo.CurrentCulture) + d[1..]).Distinct());
}
