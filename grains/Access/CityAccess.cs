using ActorWelfare.Domain;

namespace ActorWelfare.Access;

/// <summary>
/// The city rule every grain applies to records: roles belong to cities, so reading a city's records
/// takes a role held in that city (or the cluster's own work), and each act takes its role there.
/// </summary>
public static class CityAccess
{
    /// <summary>Throws unless the current caller may read the city's records.</summary>
    public static void RequireReader(string city)
    {
        var caller = CallerContext.Current;
        if (caller.MayRead(city)) return;
        throw new UnauthorizedAccessException(caller.IsSignedIn ? Errors.NotInCity(city).MessageEn : Errors.SignInRequired().MessageEn);
    }

    /// <summary>Throws unless the current caller holds one of the roles in the city (or is the cluster's own work).</summary>
    public static void Require(string city, string reason, params string[] roles)
    {
        var caller = CallerContext.Current;
        if (caller.IsSystem || roles.Any(r => caller.Holds(r, city))) return;
        throw new UnauthorizedAccessException(reason);
    }
}
