using System.Security.Claims;
using ActorWelfare.Access;

namespace ActorWelfare.Dashboard.Access;

/// <summary>Turns the signed-in person into the caller the grains check.</summary>
public static class CallerFactory
{
    /// <summary>Claim type of an operator's assigned quartiere; the value is "city/quartiere".</summary>
    public const string QuartiereClaim = "aw:quartiere";

    /// <summary>Claim type of a role held in a city; the value is "city/role" ("*/direttore": every city).</summary>
    public const string GrantClaim = "aw:grant";

    /// <summary>
    /// The caller of these claims: their grants and quartieri. A role claim alone (without a city) gives no
    /// right anywhere: roles belong to cities.
    /// </summary>
    public static Caller From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return Caller.Anonymous;
        var grants = user.FindAll(GrantClaim).Select(c => c.Value)
            .Where(g => Grants.Parse(g) is var (_, role) && Roles.All.Contains(role) && role != Roles.Operatore).ToHashSet();
        // Quartieri make an operatore only with the role: a stray claim (an account that was operatore once) gives nothing.
        var quartieri = user.IsInRole(Roles.Operatore) ? user.FindAll(QuartiereClaim).Select(c => c.Value).ToHashSet() : [];
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity.Name ?? "unknown";
        var email = user.FindFirstValue(ClaimTypes.Email) ?? (user.Identity.Name is { } name && name.Contains('@') ? name : null);
        return new Caller(id, user.Identity.Name ?? id, grants, quartieri) { Email = email };
    }
}
