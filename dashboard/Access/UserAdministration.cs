using System.Security.Claims;
using ActorWelfare.Access;
using ActorWelfare.Territories;
using Microsoft.AspNetCore.Identity;

namespace ActorWelfare.Dashboard.Access;

/// <summary>
/// A person who can sign in, as the administration page shows them: their roles, the cities they hold
/// them in (<c>*</c>: every city), their grants ("city/role") and, for operators, their quartieri.
/// </summary>
public sealed record UserSummary(string Id, string Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Quartieri, bool Locked,
    IReadOnlyList<string> Cities, IReadOnlyList<string> Grants);

/// <summary>
/// What an administrator sets for a person: their roles, the cities where they hold them (every role
/// but operatore; <c>*</c> for every city), or the exact <c>city/role</c> <see cref="Grants"/> when
/// different roles hold in different cities, and, for an operatore, their quartieri ("city/quartiere").
/// </summary>
public sealed record UserAssignment(IReadOnlyList<string>? Roles, IReadOnlyList<string>? Quartieri, IReadOnlyList<string>? Cities = null,
    IReadOnlyList<string>? Grants = null)
{
    /// <summary>Each role (but operatore) in each city, and the grants given as they are; quartieri for an operatore only.</summary>
    public AccessRights ToRights() => new(
        [.. (Roles ?? []).Where(r => r != ActorWelfare.Access.Roles.Operatore).SelectMany(r => (Cities ?? []).Select(c => ActorWelfare.Access.Grants.Of(c, r)))
            .Concat(Grants ?? []).Distinct()],
        (Roles ?? []).Contains(ActorWelfare.Access.Roles.Operatore) ? [.. (Quartieri ?? []).Distinct()] : []);

    /// <summary>The roles asked for, named or through a grant.</summary>
    public IReadOnlyList<string> AllRoles => [.. (Roles ?? []).Concat((Grants ?? []).Select(g => ActorWelfare.Access.Grants.Parse(g)?.Role).OfType<string>()).Distinct()];
}

/// <summary>A new account.</summary>
public sealed record NewUser(string? Email, string? Password, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Quartieri, IReadOnlyList<string>? Cities = null,
    IReadOnlyList<string>? Grants = null);

/// <summary>The rights a person holds, as stored: grants "city/role" and quartieri "city/quartiere".</summary>
public sealed record AccessRights(IReadOnlyList<string> Grants, IReadOnlyList<string> Quartieri)
{
    public Caller AsCaller(string id, string name) => new(id, name, Grants.ToHashSet(), Quartieri.ToHashSet());

    /// <summary>The cities these rights are held in ("*" for every city).</summary>
    public IEnumerable<string> Cities => Grants.Select(g => ActorWelfare.Access.Grants.Parse(g)?.City).Concat(Quartieri.Select(q => q.Split('/')[0])).OfType<string>().Distinct();

    /// <summary>
    /// The city an act on these rights is filed under (so that city's amministratori read it): the one city
    /// they are held in, or none when they span several (then the amministratori of every city read it).
    /// </summary>
    public static string? CityOfAct(params AccessRights[] rights) =>
        rights.SelectMany(r => r.Cities).Distinct().ToList() is [var one] && one != ActorWelfare.Access.Grants.EveryCity ? one : null;

    /// <summary>How an act shows these rights: "bologna/analista crema/direttore; bologna/navile".</summary>
    public override string ToString() =>
        $"{string.Join(' ', Grants.Distinct().Order(StringComparer.Ordinal))}; {string.Join(' ', Quartieri.Distinct().Order(StringComparer.Ordinal))}".Trim(' ', ';');
}

/// <summary>
/// Users, roles, cities and quartiere assignments (the amministratore's work), on ASP.NET Core Identity.
/// Roles belong to cities: a person's roles are stored as grants ("city/role", claim <see cref="CallerFactory.GrantClaim"/>)
/// and quartieri. Every change is checked first and either applied whole or refused with the field and the
/// rule. An amministratore sees and changes only people of the cities they administer, and gives rights
/// only there (an amministratore of every city, <c>*</c>, administers the whole installation).
/// </summary>
/// Every act is carried out only for a current amministratore and recorded in the administrative audit
/// before it is applied (<see cref="AdminActs"/>).
public sealed partial class UserAdministration(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles,
    IReadOnlyDictionary<string, Territory> cities, SessionValidity sessions, AdminActs acts,
    ActorWelfare.Dashboard.Cluster.ClusterConnection cluster, ILogger<UserAdministration> log)
{
    /// <summary>The people this amministratore administers (everyone for an amministratore of every city).</summary>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(Caller actor)
    {
        var list = new List<UserSummary>();
        foreach (var user in users.Users.OrderBy(u => u.Email).ToList())
            if (await SummaryAsync(user) is var summary && Administers(actor, summary)) list.Add(summary);
        return list;
    }

    public async Task<UserSummary?> FindAsync(string id) =>
        await users.FindByIdAsync(id) is { } user ? await SummaryAsync(user) : null;

    /// <summary>Whether the actor administers every city where this person holds a right (a person with none: any amministratore).</summary>
    public static bool Administers(Caller actor, UserSummary person) => Administers(actor, person.Cities);

    /// <summary>
    /// Whether the actor administers every one of these cities ("*" only for an amministratore of every
    /// city). Rights in no city at all (a token from before cities, a person whose rights were all taken
    /// away) are the installation's: only an amministratore of every city administers them.
    /// </summary>
    public static bool Administers(Caller actor, IEnumerable<string> cities)
    {
        if (actor.Holds(ActorWelfare.Access.Roles.Amministratore, Grants.EveryCity)) return true;
        var list = cities.ToList();
        return list.Count > 0 && list.All(c => c != Grants.EveryCity && actor.Holds(ActorWelfare.Access.Roles.Amministratore, c));
    }

    /// <summary>Every problem of an assignment: roles, their cities, quartieri (and, given an actor, the actor's cities).</summary>
    public IReadOnlyList<(string Field, string Rule, string Message)> Check(UserAssignment assignment, Caller? actor = null, AccessRights? held = null)
    {
        var errors = new List<(string, string, string)>();
        var wanted = assignment.AllRoles;
        if (wanted.Count == 0) errors.Add(("roles", "required", "roles: at least one role."));
        if (!wanted.Contains(ActorWelfare.Access.Roles.Operatore) && (assignment.Quartieri ?? []).Count > 0)
            errors.Add(("quartieri", "operatore-only", "quartieri: only an operatore has quartieri."));
        foreach (var role in wanted)
            if (!ActorWelfare.Access.Roles.All.Contains(role)) errors.Add(("roles", "known-role", $"roles: '{role}' is not one of {string.Join(", ", ActorWelfare.Access.Roles.All)}."));
        if (wanted.Contains(ActorWelfare.Access.Roles.Operatore) && (assignment.Quartieri ?? []).Count == 0)
            errors.Add(("quartieri", "required-for-operatore", "quartieri: an operatore needs at least one quartiere."));
        if ((assignment.Roles ?? []).Any(r => r != ActorWelfare.Access.Roles.Operatore && ActorWelfare.Access.Roles.All.Contains(r)
                && (assignment.Cities ?? []).Count == 0 && !(assignment.Grants ?? []).Any(g => ActorWelfare.Access.Grants.Parse(g)?.Role == r)))
            errors.Add(("cities", "required-for-role", "cities: direttore, analista and amministratore are held in one or more cities (* for every city)."));
        foreach (var c in (assignment.Cities ?? []).Where(c => c != Grants.EveryCity && !cities.ContainsKey(c)))
            errors.Add(("cities", "configured", $"cities: '{c}' is not a configured city."));
        // A grant given as it is gets its own errors; one made from roles × cities is already told about above.
        errors.AddRange(CheckRights(assignment.ToRights(), actor, held).Where(e => e.Field != "grants" || (assignment.Grants ?? []).Count > 0));
        return errors;
    }

    /// <summary>
    /// Every problem of stored rights (from an assignment or an identity provider's claims). Rights the person
    /// already <paramref name="held"/> in a city whose territory file is gone may be kept (they give nothing,
    /// and the city may come back), never given.
    /// </summary>
    public IReadOnlyList<(string Field, string Rule, string Message)> CheckRights(AccessRights rights, Caller? actor = null, AccessRights? held = null)
    {
        var errors = new List<(string Field, string Rule, string Message)>();
        foreach (var g in rights.Grants)
        {
            if (Grants.Parse(g) is not var (city, role)) { errors.Add(("grants", "city-role", $"grants: '{g}' is not city/role.")); continue; }
            if (!ActorWelfare.Access.Roles.All.Contains(role) || role == ActorWelfare.Access.Roles.Operatore)
                errors.Add(("grants", "known-role", $"grants: '{g}': the role must be direttore, analista or amministratore (an operatore holds quartieri)."));
            if (city != Grants.EveryCity && !cities.ContainsKey(city) && held?.Grants.Contains(g) != true) errors.Add(("grants", "configured", $"grants: '{g}': '{city}' is not a configured city."));
        }
        foreach (var q in rights.Quartieri.Where(q => held?.Quartieri.Contains(q) != true))
            if (!(q.Split('/') is [var c, var id] && cities.TryGetValue(c, out var t) && (id == ActorWelfare.Activities.ActivityRecord.WholeCity || t.FindQuartiere(id) is not null)))
                errors.Add(("quartieri", "configured", $"quartieri: '{q}' is not a configured city/quartiere."));
        if (actor is not null && !actor.Holds(ActorWelfare.Access.Roles.Amministratore, Grants.EveryCity))
        {
            var outside = rights.Grants.Select(g => Grants.Parse(g)?.City).Concat(rights.Quartieri.Select(q => q.Split('/')[0])).OfType<string>()
                .Distinct().Where(c => !Administers(actor, [c])).Order(StringComparer.Ordinal).ToList();
            if (outside.Count > 0)
                errors.Add(("cities", "administered", $"cities: you administer {string.Join(", ", actor.CitiesOf(ActorWelfare.Access.Roles.Amministratore).Order())} only, not {string.Join(", ", outside)}."));
        }
        return errors;
    }

    public async Task<(UserSummary? User, IReadOnlyList<(string Field, string Rule, string Message)> Errors)> CreateAsync(Caller actor, NewUser request)
    {
        AdminActs.RequireAdministrator(actor);
        var assignment = new UserAssignment(request.Roles, request.Quartieri, request.Cities, request.Grants);
        var errors = Check(assignment, actor).ToList();
        if (string.IsNullOrWhiteSpace(request.Email) || !request.Email.Contains('@') || request.Email.Length > 200)
            errors.Add(("email", "email", "email: a valid e-mail address is required."));
        else if (await users.FindByEmailAsync(request.Email) is not null)
            errors.Add(("email", "unique", $"email: '{request.Email}' already has an account."));
        var user = new IdentityUser { UserName = request.Email?.Trim(), Email = request.Email?.Trim(), EmailConfirmed = true };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, request.Password ?? "");
            errors.AddRange(result.Errors.Select(e => ("password", "policy", $"password: {e.Description}")));
        }
        if (errors.Count > 0) return (null, errors);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) return (null, [.. created.Errors.Select(e => ("email", e.Code, $"email: {e.Description}"))]);
        // Recorded once the account exists (Identity may still refuse it above), before it gets any rights.
        await acts.RecordAsync(AdminAct.By(actor, AdminActions.AccountCreated, AccessRights.CityOfAct(assignment.ToRights()), user.Email!, null, assignment.ToRights().ToString()));
        await ApplyAsync(user, assignment.ToRights());
        // The password last (checked above): nobody signs in as the account before its rights are written.
        var password = await users.AddPasswordAsync(user, request.Password!);
        if (!password.Succeeded)
        {
            // Checked above, so only the database can refuse it here: no account is left behind without a password.
            await users.DeleteAsync(user);
            return (null, [.. password.Errors.Select(e => ("password", e.Code, $"password: {e.Description} The account was not created."))]);
        }
        return (await FindAsync(user.Id), []);
    }

    /// <summary>Replaces the person's roles, cities and quartieri (nothing happens, and nothing is recorded, when they are the same).</summary>
    public async Task<IReadOnlyList<(string Field, string Rule, string Message)>> AssignAsync(Caller actor, string id, UserAssignment assignment)
    {
        AdminActs.RequireAdministrator(actor);
        var held = await users.FindByIdAsync(id) is { } user && await SummaryAsync(user) is var before ? new AccessRights(before.Grants, before.Quartieri) : null;
        if (Check(assignment, actor, held) is { Count: > 0 } errors) return errors;
        return await ChangeRightsAsync(id, assignment.ToRights(), AdminActions.AccountChanged, actor);
    }

    /// <summary>
    /// The rights an identity provider's claims give a person at sign-in; a change is recorded as theirs
    /// (the provider's act, seen at their sign-in).
    /// </summary>
    public async Task<IReadOnlyList<(string Field, string Rule, string Message)>> SyncFromProviderAsync(string id, AccessRights rights) =>
        await users.FindByIdAsync(id) is { } user
            ? await ChangeRightsAsync(id, rights, AdminActions.SignInRightsChanged, null, new Caller(user.Id, user.Email ?? user.Id, new HashSet<string>(), new HashSet<string>()))
            : [("id", "exists", $"id: no user '{id}'.")];

    private async Task<IReadOnlyList<(string Field, string Rule, string Message)>> ChangeRightsAsync(
        string id, AccessRights rights, string action, Caller? administrator, Caller? recordedAs = null)
    {
        if (await users.FindByIdAsync(id) is not { } user) return [("id", "exists", $"id: no user '{id}'.")];
        var before = await SummaryAsync(user);
        if (CheckRights(rights, null, new AccessRights(before.Grants, before.Quartieri)) is { Count: > 0 } errors) return errors;
        if (administrator is not null && !Administers(administrator, before)) return NotYours(before);
        var was = new AccessRights(before.Grants, before.Quartieri);
        if (was.ToString() == rights.ToString()) return [];
        await acts.RecordAsync(AdminAct.By(recordedAs ?? administrator!, action, AccessRights.CityOfAct(was, rights), before.Email, was.ToString(), rights.ToString()));
        await ApplyAsync(user, rights);
        await EndNotificationsAsync(user, was, rights);
        return [];
    }

    /// <summary>
    /// A person who no longer holds a role in a city is no longer told of it: their subscriptions there end (as
    /// themselves: a person may always end their own). Locked out, they end everywhere.
    /// </summary>
    private async Task EndNotificationsAsync(IdentityUser user, AccessRights was, AccessRights? now)
    {
        var before = was.AsCaller(user.Id, user.Email ?? user.Id);
        var after = now?.AsCaller(user.Id, user.Email ?? user.Id);
        var lost = cities.Keys.Where(c => before.MayRead(c) && after?.MayRead(c) != true).ToList();
        if (lost.Count == 0) return;
        try
        {
            var client = await cluster.WhenConnected.WaitAsync(TimeSpan.FromSeconds(10));
            foreach (var city in lost)
            {
                CallerContext.HandDown(before with { Grants = new HashSet<string>(), Quartieri = new HashSet<string>() });
                await client.GetGrain<ActorWelfare.Notifications.INotificationsGrain>(city).Revoke(user.Id);
            }
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or UnauthorizedAccessException)
        {
            LogNotificationsNotEnded(e, user.Id, string.Join(", ", lost));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The subscriptions of {User} in {Cities} could not be ended; they end at the next change of rights")]
    private partial void LogNotificationsNotEnded(Exception e, string user, string cities);

    private static IReadOnlyList<(string Field, string Rule, string Message)> NotYours(UserSummary person) =>
        [("id", "administered", $"id: {person.Email} holds rights in {string.Join(", ", person.Cities)}, which you do not administer.")];

    /// <summary>An account made at a person's first sign-in with the identity provider, recorded as theirs.</summary>
    public Task RecordProviderAccountAsync(IdentityUser user) =>
        acts.RecordAsync(new AdminAct(user.Id, user.Email ?? user.Id, AdminActions.AccountCreated, null, user.Email ?? user.Id, null, "identity provider"));

    private async Task ApplyAsync(IdentityUser user, AccessRights rights)
    {
        foreach (var role in ActorWelfare.Access.Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        // Identity's roles name what the person is somewhere (menus); the grants and quartieri say where.
        var held = rights.AsCaller(user.Id, user.Email ?? user.Id).Roles.Where(ActorWelfare.Access.Roles.All.Contains).ToList();
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(held));
        await users.AddToRolesAsync(user, held.Except(current).Distinct());
        var claims = (await users.GetClaimsAsync(user)).Where(c => c.Type is CallerFactory.QuartiereClaim or CallerFactory.GrantClaim).ToList();
        if (claims.Count > 0) await users.RemoveClaimsAsync(user, claims);
        var added = rights.Quartieri.Distinct().Select(q => new Claim(CallerFactory.QuartiereClaim, q))
            .Concat(rights.Grants.Distinct().Select(g => new Claim(CallerFactory.GrantClaim, g))).ToList();
        if (added.Count > 0) await users.AddClaimsAsync(user, added);
        await users.UpdateSecurityStampAsync(user); // their open sessions end: they sign in again with the new rights
        sessions.Forget(user.Id);
    }

    /// <summary>Locks a person out (indefinitely) or lets them in again.</summary>
    public async Task<bool> SetLockedAsync(Caller actor, string id, bool locked)
    {
        AdminActs.RequireAdministrator(actor);
        if (await users.FindByIdAsync(id) is not { } user) return false;
        if (!Administers(actor, await SummaryAsync(user))) return false; // another city's person: as if unknown
        var wasLocked = user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow;
        var person = await SummaryAsync(user);
        await acts.RecordAsync(AdminAct.By(actor, locked ? AdminActions.AccountLocked : AdminActions.AccountUnlocked, AccessRights.CityOfAct(new AccessRights(person.Grants, person.Quartieri)),
            user.Email ?? user.Id, wasLocked ? "locked" : "active", locked ? "locked" : "active"));
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked) await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        sessions.Forget(user.Id);
        if (locked) await EndNotificationsAsync(user, new AccessRights(person.Grants, person.Quartieri), null);
        return true;
    }

    private async Task<UserSummary> SummaryAsync(IdentityUser user)
    {
        var claims = await users.GetClaimsAsync(user);
        var quartieri = claims.Where(c => c.Type == CallerFactory.QuartiereClaim).Select(c => c.Value).Order().ToList();
        var grants = claims.Where(c => c.Type == CallerFactory.GrantClaim).Select(c => c.Value).Order().ToList();
        var cities = grants.Select(g => Grants.Parse(g)?.City).Concat(quartieri.Select(q => q.Split('/')[0])).OfType<string>().Distinct().Order().ToList();
        return new(user.Id, user.Email ?? user.UserName ?? user.Id, [.. (await users.GetRolesAsync(user)).Order()], quartieri,
            user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow, cities, grants);
    }
}
