using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ActorWelfare.Dashboard.Access;

/// <summary>The sign-in and sign-out form posts (antiforgery-checked, as every form post).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", async ([FromForm] string email, [FromForm] string password, [FromForm] string? ritorno,
            SignInManager<IdentityUser> signIn, AccessOptions access) =>
        {
            var back = SafeReturn(ritorno);
            if (!access.LocalAccounts) return Results.LocalRedirect($"/accesso?errore=locali&ritorno={Uri.EscapeDataString(back)}");
            var result = await signIn.PasswordSignInAsync(email ?? "", password ?? "", isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded) return Results.LocalRedirect(back);
            var reason = result.IsLockedOut ? "bloccato" : "credenziali";
            return Results.LocalRedirect($"/accesso?errore={reason}&ritorno={Uri.EscapeDataString(back)}");
        }).RequireRateLimiting(Security.RateLimits.SignIn);

        // No form fields are bound here, so the token is checked explicitly: another site must not sign people out.
        app.MapPost("/account/logout", async (SignInManager<IdentityUser> signIn, IAntiforgery antiforgery, HttpContext http) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        });
        if (app.ServiceProvider.GetRequiredService<AccessOptions>().OpenIdConnect is { Configured: true }) app.MapOidcSignIn();
        return app;
    }

    /// <summary>Only a path of this site: never an open redirect.</summary>
    public static string SafeReturn(string? path) =>
        path is { Length: > 0 } p && p.StartsWith('/') && !p.StartsWith("//", StringComparison.Ordinal) && !p.StartsWith("/\\", StringComparison.Ordinal) && !p.Contains("://") ? p : "/";
}
