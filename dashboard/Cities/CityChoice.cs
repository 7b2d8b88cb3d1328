using ActorWelfare.Access;
using ActorWelfare.Dashboard.Access;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Cities;

/// <summary>
/// Which cities a person sees and which one a page is in: the header's picker offers the cities the
/// person may see (their own; every open-data city, also to visitors who have not signed in); every link
/// stays in the city of the page; the home page is the person's city, or a list when they have several.
/// <c>Dashboard:City</c> is only the default for visitors.
/// </summary>
public sealed class CityChoice(IReadOnlyDictionary<string, Territory> territories, AccessOptions access, CityCalendar calendar)
{
    /// <summary>The cities this person may see, in name order.</summary>
    public IReadOnlyList<Territory> Visible(Caller caller) =>
        [.. territories.Values.Where(t => access.IsOpenData(t.Id) || caller.MayRead(t.Id)).OrderBy(t => t.Name, StringComparer.CurrentCulture)];

    /// <summary>The cities where the person holds a role (every city for a role held in every city).</summary>
    public IReadOnlyList<Territory> Own(Caller caller) =>
        [.. territories.Values.Where(t => caller.MayRead(t.Id)).OrderBy(t => t.Name, StringComparer.CurrentCulture)];

    /// <summary>
    /// The home page's city: the person's one city; none (a list) for someone with several; for a visitor,
    /// the default city when it is open data, or the only open-data city.
    /// </summary>
    public Territory? Home(Caller caller)
    {
        if (caller.IsSignedIn)
        {
            var own = Own(caller);
            return own.Count == 1 ? own[0] : null;
        }
        var visible = Visible(caller);
        return visible.FirstOrDefault(t => t.Id == calendar.DefaultCity) ?? (visible.Count == 1 ? visible[0] : null);
    }

    /// <summary>The city a page's address is in ("citta/crema/2019" → crema), or null.</summary>
    public string? CityOfPath(string relativePath) =>
        relativePath.Split('?', '#')[0].Split('/') is ["citta", var city, ..] && territories.ContainsKey(city) ? city : null;

    /// <summary>The city the menu links stay in: the page's, else the person's home city, else the default.</summary>
    public string Current(string relativePath, Caller caller) =>
        CityOfPath(relativePath) ?? Home(caller)?.Id ?? (Own(caller) is [var first, ..] ? first.Id : null) ?? calendar.DefaultCity;
}
