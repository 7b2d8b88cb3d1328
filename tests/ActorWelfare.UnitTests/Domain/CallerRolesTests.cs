using ActorWelfare.Access;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>Which roles a caller has somewhere: what menus show and whether a grain call's system proof is checked.</summary>
public sealed class CallerRolesTests
{
    private static Caller With(string[] grants, params string[] quartieri) => new("u", "u", grants.ToHashSet(), quartieri.ToHashSet());

    [Fact]
    public void A_role_is_had_where_a_grant_names_it_and_an_operatore_by_a_quartiere()
    {
        var caller = With(["bologna/analista", "*/direttore"], "crema/zona-1");
        Assert.True(caller.Has(Roles.Analista));
        Assert.True(caller.Has(Roles.Direttore));
        Assert.True(caller.Has(Roles.Operatore));
        Assert.False(caller.Has(Roles.Amministratore));
        Assert.False(caller.Has(Roles.System));
        Assert.Equal(caller.Roles.Order(), Roles.All.Where(caller.Has).Order());
    }

    [Fact]
    public void Only_the_role_after_the_one_slash_counts()
    {
        // A role's name as a city, or inside a longer one, is not the role.
        Assert.False(With(["analista/direttore"]).Has(Roles.Analista));
        Assert.False(With(["bologna/analistax"]).Has(Roles.Analista));
        Assert.False(With(["bologna/xanalista"]).Has(Roles.Analista));
        Assert.False(With([]).Has(Roles.Operatore));
        Assert.True(With(["*/system"]).Has(Roles.System));
        Assert.True(With(["*/system"]).IsSystem);
        Assert.False(With(["bologna/system"]).IsSystem);
        Assert.True(With(["bologna/system"]).Has(Roles.System));
        // Strings a caller never holds (its grants are city/role), read as Grants.Parse reads them.
        Assert.False(Grants.IsOf("a/b/analista", Roles.Analista));
        Assert.False(Grants.IsOf("/analista", Roles.Analista));
        Assert.False(Grants.IsOf("bologna/", ""));
        Assert.True(Grants.IsOf("bologna/analista", Roles.Analista));
    }
}
