using ActorWelfare.Access;
using ActorWelfare.Dashboard.Access.Tokens;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ActorWelfare.Dashboard.Access;

public static class AccessSetup
{
    /// <summary>Identity on PostgreSQL, the sign-in cookie, and the demo accounts when configured.</summary>
    public static AccessOptions AddActorWelfareAccess(this WebApplicationBuilder builder, string connectionString)
    {
        var options = AccessOptions.From(builder.Configuration);
        builder.Services.AddSingleton(options);
        // Retried on transient failures: after the database restarts, the pool's first connections are dead
        // ("terminating connection due to administrator command"), and a sign-in must not fail for that.
        builder.Services.AddDbContext<AccessDbContext>(o => o.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3)));
        // One key ring for every replica: a cookie or form token made by one dashboard is read by any other.
        var keyRing = builder.Services.AddDataProtection().SetApplicationName("actorwelfare-dashboard").PersistKeysToDbContext<AccessDbContext>();
        // At rest, the keys are encrypted with a certificate when one is configured (every replica the same).
        if (KeyRingCertificate(builder.Configuration) is { } certificate) keyRing.ProtectKeysWithCertificate(certificate);
        builder.Services.AddIdentity<IdentityUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AccessDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/accesso";
            o.AccessDeniedPath = "/non-consentito";
            o.ReturnUrlParameter = "ritorno";
            o.Cookie.Name = "actorwelfare";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = options.Production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            // Programs get a status code, never a sign-in page.
            o.Events.OnRedirectToLogin = ctx => Answer(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => Answer(ctx, StatusCodes.Status403Forbidden);
        });
        // A request is authenticated by its bearer token when it carries one, otherwise by the cookie.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiTokenStore>();
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultAuthenticateScheme = CookieOrToken;
                o.DefaultChallengeScheme = CookieOrToken;
                o.DefaultForbidScheme = CookieOrToken;
            })
            .AddPolicyScheme(CookieOrToken, "Cookie or API token", o => o.ForwardDefaultSelector = context =>
                ApiTokenHandler.HasBearer(context.Request) ? ApiTokenHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        if (options.OpenIdConnect is { Configured: true }) OidcSignIn.AddProvider(new Microsoft.AspNetCore.Authentication.AuthenticationBuilder(builder.Services), options);
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddCityPolicy();
        builder.Services.AddSessionRevalidation();
        builder.Services.AddScoped<CircuitHandler, CallerCircuitHandler>();
        builder.Services.AddSingleton<CityRightsUpgrade>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CityRightsUpgrade>());
        if (options.DemoUsers) builder.Services.AddHostedService<DemoUsers>();
        return options;
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (IsForPrograms(ctx.Request)) ctx.Response.StatusCode = status;
        else ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private const string CookieOrToken = "CookieOrToken";

    /// <summary>"DataProtection:Certificate" and "DataProtection:Key" (PEM files): the certificate that encrypts the key ring.</summary>
    private static System.Security.Cryptography.X509Certificates.X509Certificate2? KeyRingCertificate(IConfiguration configuration)
    {
        var (certificate, key) = (configuration["DataProtection:Certificate"], configuration["DataProtection:Key"]);
        if (string.IsNullOrWhiteSpace(certificate)) return null;
        if (string.IsNullOrWhiteSpace(key))
            throw new InvalidOperationException("DataProtection:Certificate is set, so DataProtection:Key must be set too (its PEM private key).");
        using var pem = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(certificate, key);
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(
            pem.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12), null);
    }

    public static bool IsForPrograms(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");

    /// <summary>
    /// Before authentication: a bad bearer token is refused (and counted against its address), never
    /// served as anonymous; an address with too many refused tokens is refused before any lookup.
    /// </summary>
    public static IApplicationBuilder UseTokenCheck(this IApplicationBuilder app) => app.Use(ApiTokenHandler.RejectInvalidTokens);

    /// <summary>
    /// Every request hands its signed-in person (or integration, or anonymous) down to the grains, which
    /// apply the access rule themselves.
    /// </summary>
    public static IApplicationBuilder UseCallerHandDown(this IApplicationBuilder app) => app
        .Use(async (context, next) =>
        {
            CallerContext.HandDown(CallerFactory.From(context.User));
            await next();
        });
}

/// <summary>Hands the circuit's signed-in person down to the grains for every event of a live page.</summary>
/// A session whose account changed since the page opened hands down no one, from its very next event.
public sealed class CallerCircuitHandler(AuthenticationStateProvider authentication, SessionValidity validity) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            CallerContext.HandDown(await validity.CallerAsync(state.User));
            await next(context);
        };
}
