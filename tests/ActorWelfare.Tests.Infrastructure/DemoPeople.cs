namespace ActorWelfare.Tests.Infrastructure;

/// <summary>The demo accounts (dashboard appsettings.json, Access:DemoAccounts) by name: each one's role and the city it holds it in ("*": every city).</summary>
public static class DemoPeople
{
    public static readonly IReadOnlyDictionary<string, (string Role, string City)> ByName = new Dictionary<string, (string Role, string City)>
    {
        ["direttore"] = ("direttore", "bologna"),
        ["analista"] = ("analista", "bologna"),
        ["operatore.navile"] = ("operatore", "bologna"),
        ["amministratore"] = ("amministratore", "*"),
        ["direttore.crema"] = ("direttore", "crema"),
        ["analista.crema"] = ("analista", "crema"),
        ["operatore.zona1.crema"] = ("operatore", "crema"),
    };
}
