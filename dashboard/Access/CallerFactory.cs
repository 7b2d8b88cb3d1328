using System.Security.Claims;
using ActorWelfare.Access;

namespace ActorWelfare.Dashboard.Access;

/// <summary>Turns the signed-in person into the caller the grains check.</summary>
public static class CallerFactory
{
    /// <summary>Claim type of an operator's assigned quartiere; the value is "city/quartiere".</summary>
    public const string QuartiereClaim = "aw:quartiere";

    public static Caller From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return Caller.Anonymous;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(Roles.All.Contains).ToHashSet();
        var quartieri = user.FindAll(QuartiereClaim).Select(c => c.Value).ToHashSet();
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity.Name ?? "unknown";
        return new Caller(id, user.Identity.Name ?? id, roles, quartieri);
    }
}
