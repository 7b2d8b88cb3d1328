using System.Security.Claims;
using ActorWelfare.Access;
using ActorWelfare.Territories;
using Microsoft.AspNetCore.Identity;

namespace ActorWelfare.Dashboard.Access;

/// <summary>A person who can sign in, as the administration page shows them.</summary>
public sealed record UserSummary(string Id, string Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Quartieri, bool Locked);

/// <summary>What an administrator sets for a person: their roles and, for operators, their quartieri.</summary>
public sealed record UserAssignment(IReadOnlyList<string>? Roles, IReadOnlyList<string>? Quartieri);

/// <summary>A new account.</summary>
public sealed record NewUser(string? Email, string? Password, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Quartieri);

/// <summary>
/// Users, roles and quartiere assignments (the amministratore's work), on ASP.NET Core Identity. Every
/// change is checked first and either applied whole or refused with the field and the rule.
/// </summary>
/// Every act is carried out only for a current amministratore and recorded in the administrative audit
/// before it is applied (<see cref="AdminActs"/>).
public sealed class UserAdministration(UserManager<IdentityUser> users, RoleManager<IdentityRole> roles,
    IReadOnlyDictionary<string, Territory> cities, SessionValidity sessions, AdminActs acts)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync()
    {
        var list = new List<UserSummary>();
        foreach (var user in users.Users.OrderBy(u => u.Email).ToList()) list.Add(await SummaryAsync(user));
        return list;
    }

    public async Task<UserSummary?> FindAsync(string id) =>
        await users.FindByIdAsync(id) is { } user ? await SummaryAsync(user) : null;

    public IReadOnlyList<(string Field, string Rule, string Message)> Check(UserAssignment assignment)
    {
        var errors = new List<(string, string, string)>();
        var wanted = assignment.Roles ?? [];
        if (wanted.Count == 0) errors.Add(("roles", "required", "roles: at least one role."));
        foreach (var role in wanted)
            if (!Roles.All.Contains(role)) errors.Add(("roles", "known-role", $"roles: '{role}' is not one of {string.Join(", ", Roles.All)}."));
        foreach (var q in assignment.Quartieri ?? [])
            if (!(q.Split('/') is [var c, var id] && cities.TryGetValue(c, out var t) && t.FindQuartiere(id) is not null))
                errors.Add(("quartieri", "configured", $"quartieri: '{q}' is not a configured city/quartiere."));
        if (wanted.Contains(Roles.Operatore) && (assignment.Quartieri ?? []).Count == 0)
            errors.Add(("quartieri", "required-for-operatore", "quartieri: an operatore needs at least one quartiere."));
        return errors;
    }

    public async Task<(UserSummary? User, IReadOnlyList<(string Field, string Rule, string Message)> Errors)> CreateAsync(Caller actor, NewUser request)
    {
        AdminActs.RequireAdministrator(actor);
        var errors = Check(new UserAssignment(request.Roles, request.Quartieri)).ToList();
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
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded) return (null, [.. created.Errors.Select(e => ("email", e.Code, $"email: {e.Description}"))]);
        // Recorded once the account exists (Identity may still refuse it above), before it gets any rights.
        await acts.RecordAsync(AdminAct.By(actor, AdminActions.AccountCreated, null, user.Email!, null,
            Rights(request.Roles ?? [], request.Quartieri ?? [])));
        await ApplyAsync(user, new UserAssignment(request.Roles, request.Quartieri));
        return (await FindAsync(user.Id), []);
    }

    /// <summary>Replaces the person's roles and quartieri (nothing happens, and nothing is recorded, when they are the same).</summary>
    public async Task<IReadOnlyList<(string Field, string Rule, string Message)>> AssignAsync(Caller actor, string id, UserAssignment assignment)
    {
        AdminActs.RequireAdministrator(actor);
        return await ChangeRightsAsync(id, assignment, AdminActions.AccountChanged, actor);
    }

    /// <summary>
    /// The rights an identity provider's claims give a person at sign-in; a change is recorded as theirs
    /// (the provider's act, seen at their sign-in).
    /// </summary>
    public async Task<IReadOnlyList<(string Field, string Rule, string Message)>> SyncFromProviderAsync(string id, UserAssignment assignment) =>
        await users.FindByIdAsync(id) is { } user
            ? await ChangeRightsAsync(id, assignment, AdminActions.SignInRightsChanged, new Caller(user.Id, user.Email ?? user.Id, new HashSet<string>(), new HashSet<string>()))
            : [("id", "exists", $"id: no user '{id}'.")];

    private async Task<IReadOnlyList<(string Field, string Rule, string Message)>> ChangeRightsAsync(
        string id, UserAssignment assignment, string action, Caller actor)
    {
        if (Check(assignment) is { Count: > 0 } errors) return errors;
        if (await users.FindByIdAsync(id) is not { } user) return [("id", "exists", $"id: no user '{id}'.")];
        var before = await SummaryAsync(user);
        var after = Rights(assignment.Roles!, assignment.Quartieri ?? []);
        if (Rights(before.Roles, before.Quartieri) == after) return [];
        await acts.RecordAsync(AdminAct.By(actor, action, null, before.Email, Rights(before.Roles, before.Quartieri), after));
        await ApplyAsync(user, assignment);
        return [];
    }

    /// <summary>An account made at a person's first sign-in with the identity provider, recorded as theirs.</summary>
    public Task RecordProviderAccountAsync(IdentityUser user) =>
        acts.RecordAsync(new AdminAct(user.Id, user.Email ?? user.Id, AdminActions.AccountCreated, null, user.Email ?? user.Id, null, "identity provider"));

    /// <summary>How an act shows a person's rights: "operatore; bologna/navile bologna/savena".</summary>
    private static string Rights(IEnumerable<string> roleNames, IEnumerable<string> quartieri) =>
        $"{string.Join(' ', roleNames.Distinct().Order(StringComparer.Ordinal))}; {string.Join(' ', quartieri.Distinct().Order(StringComparer.Ordinal))}".TrimEnd(' ', ';');

    private async Task ApplyAsync(IdentityUser user, UserAssignment assignment)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(assignment.Roles!));
        await users.AddToRolesAsync(user, assignment.Roles!.Except(current).Distinct());
        var claims = (await users.GetClaimsAsync(user)).Where(c => c.Type == CallerFactory.QuartiereClaim).ToList();
        if (claims.Count > 0) await users.RemoveClaimsAsync(user, claims);
        var quartieri = (assignment.Quartieri ?? []).Distinct().Select(q => new Claim(CallerFactory.QuartiereClaim, q)).ToList();
        if (quartieri.Count > 0) await users.AddClaimsAsync(user, quartieri);
        await users.UpdateSecurityStampAsync(user); // their open sessions end: they sign in again with the new rights
        sessions.Forget(user.Id);
    }

    /// <summary>Locks a person out (indefinitely) or lets them in again.</summary>
    public async Task<bool> SetLockedAsync(Caller actor, string id, bool locked)
    {
        AdminActs.RequireAdministrator(actor);
        if (await users.FindByIdAsync(id) is not { } user) return false;
        var wasLocked = user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow;
        await acts.RecordAsync(AdminAct.By(actor, locked ? AdminActions.AccountLocked : AdminActions.AccountUnlocked, null,
            user.Email ?? user.Id, wasLocked ? "locked" : "active", locked ? "locked" : "active"));
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked) await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        sessions.Forget(user.Id);
        return true;
    }

    private async Task<UserSummary> SummaryAsync(IdentityUser user) => new(
        user.Id, user.Email ?? user.UserName ?? user.Id,
        [.. (await users.GetRolesAsync(user)).Order()],
        [.. (await users.GetClaimsAsync(user)).Where(c => c.Type == CallerFactory.QuartiereClaim).Select(c => c.Value).Order()],
        user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow);
}
