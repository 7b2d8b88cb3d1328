using System.Security.Claims;
using ActorWelfare.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace ActorWelfare.Dashboard.Access;

/// <summary>
/// Sign-in through an OpenID Connect provider (docs/access.md). The provider says who the person is and,
/// in two claims, their roles in cities ("crema/direttore", "*/direttore" for every city) and, for
/// operatori, their quartieri ("crema/zona-1"); the app keeps a local account linked to that identity so
/// that the rest (cookies, the admin page, the audit) works as for local accounts. The provider is the
/// source of truth: roles and quartieri are copied from it at every sign-in.
/// </summary>
public static class OidcSignIn
{
    public const string Scheme = "oidc";

    public static void AddProvider(AuthenticationBuilder authentication, AccessOptions access)
    {
        var oidc = access.OpenIdConnect!;
        authentication.AddOpenIdConnect(Scheme, oidc.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.RequireHttpsMetadata = access.Production;
            o.CallbackPath = "/signin-oidc";
            // The code comes back in the query of a top-level redirect, so Lax cookies suffice.
            o.ResponseMode = "query";
            o.CorrelationCookie.SameSite = o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = access.Production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Scope.Clear();
            foreach (var scope in oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
        });
    }

    public static IEndpointRouteBuilder MapOidcSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/oidc", (string? ritorno) => Results.Challenge(
            new AuthenticationProperties { RedirectUri = $"/account/oidc-done?ritorno={Uri.EscapeDataString(AccountEndpoints.SafeReturn(ritorno))}" },
            [Scheme]));

        app.MapGet("/account/oidc-done", async (string? ritorno, HttpContext http, AccessOptions access,
            UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn) =>
        {
            var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
            if (!external.Succeeded || external.Principal is not { } principal) return Results.LocalRedirect("/accesso?errore=esterno");
            var oidc = access.OpenIdConnect!;
            var subject = principal.FindFirstValue("sub");
            var email = principal.FindFirstValue("email") ?? principal.FindFirstValue("preferred_username");
            if (subject is null || email is null) return Results.LocalRedirect("/accesso?errore=esterno");

            // Roles belong to cities: a role without its city gives nothing; an operatore is one by their quartieri.
            var grants = Values(principal, oidc.RoleClaim).Where(v => Grants.Parse(v) is var (_, role) && role != Roles.Operatore).ToList();
            // A provider shared by several installations names cities this one does not have: those rights are not ours to give.
            var cities = http.RequestServices.GetRequiredService<IReadOnlyDictionary<string, ActorWelfare.Territories.Territory>>();
            bool Here(string city) => city == Grants.EveryCity || cities.ContainsKey(city);
            var rights = new AccessRights([.. grants.Where(g => Here(Grants.Parse(g)!.Value.City))],
                [.. Values(principal, oidc.QuartiereClaim).Where(q => Here(q.Split('/')[0]))]);
            var administration = http.RequestServices.GetRequiredService<UserAdministration>();
            if (rights.Grants.Count + rights.Quartieri.Count == 0 || administration.CheckRights(rights).Count > 0)
                return Results.LocalRedirect("/accesso?errore=ruolo");

            var user = await users.FindByLoginAsync(Scheme, subject);
            if (user is null)
            {
                // A local account with the same address is linked only when the provider vouches for the address.
                user = principal.FindFirstValue("email_verified") == "true" ? await users.FindByEmailAsync(email) : null;
                if (user is null)
                {
                    user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
                    if (!(await users.CreateAsync(user)).Succeeded) return Results.LocalRedirect("/accesso?errore=esterno");
                    await administration.RecordProviderAccountAsync(user);
                }
                await users.AddLoginAsync(user, new UserLoginInfo(Scheme, subject, oidc.DisplayName));
            }
            if (await users.IsLockedOutAsync(user)) return Results.LocalRedirect("/accesso?errore=bloccato");
            // Unchanged rights change nothing; changed ones are recorded and end the person's other sessions.
            await administration.SyncFromProviderAsync(user.Id, rights);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            await signIn.SignInAsync(user, isPersistent: false);
            return Results.LocalRedirect(AccountEndpoints.SafeReturn(ritorno));
        });
        return app;
    }

    /// <summary>A claim may come once per value, or as one JSON array, or space-separated.</summary>
    private static IEnumerable<string> Values(ClaimsPrincipal principal, string type) =>
        principal.FindAll(type).SelectMany(c => c.Value.TrimStart().StartsWith('[')
            ? System.Text.Json.JsonSerializer.Deserialize<string[]>(c.Value) ?? []
            : c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct();
}
