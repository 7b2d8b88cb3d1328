using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ActorWelfare.Dashboard.Access.Tokens;

/// <summary>
/// "Authorization: Bearer awt_…": an integration's token becomes a principal with the token's role and
/// quartieri, so the same authorization and the same caller hand-down apply as for a signed-in person.
/// </summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, ApiTokenStore tokens, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    private const string FailureKey = "aw.token-failure";

    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request)) return AuthenticateResult.NoResult();
        var secret = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var token = secret.StartsWith(ApiTokenStore.SecretPrefix, StringComparison.Ordinal) && secret.Length < 200 ? await tokens.FindAsync(secret) : null;
        var failure = token switch
        {
            null => ("unknown", "the token is not one this service issued."),
            { IsRevoked: true } => ("revoked", "the token was revoked by an administrator."),
            _ when token.IsExpired(clock.GetUtcNow()) => ("expired", $"the token expired on {token.ExpiresAt:yyyy-MM-dd}."),
            _ => default((string, string)?),
        };
        if (failure is { } f)
        {
            Context.Items[FailureKey] = f;
            return AuthenticateResult.Fail($"Authorization: {f.Item2}");
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"token:{token!.Id}"),
            new(ClaimTypes.Name, $"{token.Name} (token {token.Prefix}…)"),
            new(ClaimTypes.Role, token.Role),
        };
        claims.AddRange(token.Rights.Quartieri.Select(q => new Claim(CallerFactory.QuartiereClaim, q)));
        claims.AddRange(token.Rights.Grants.Select(g => new Claim(CallerFactory.GrantClaim, g)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>401 with a problem document naming the header and why the token was refused.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var (rule, message) = Context.Items[FailureKey] is (string r, string m) ? (r, m) : ("required", "a valid token is required.");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{rule}\"";
        await Api.ApiErrors.Problem(StatusCodes.Status401Unauthorized, "Authorization", rule, $"Authorization: {message}").ExecuteAsync(Context);
    }

    /// <summary>Refuses a request whose bearer token is bad even where no sign-in is needed: never served as anonymous.</summary>
    /// An address with too many refused tokens this minute is answered 429 before any token is looked at.
    public static async Task RejectInvalidTokens(HttpContext context, Func<Task> next)
    {
        if (HasBearer(context.Request))
        {
            var limiter = context.RequestServices.GetRequiredService<Security.FailedTokenLimiter>();
            var address = context.Connection.RemoteIpAddress;
            if (limiter.IsBlocked(address))
            {
                context.Response.Headers.RetryAfter = "60";
                await Security.RateLimits.TooMany().ExecuteAsync(context);
                return;
            }
            if (!(await context.AuthenticateAsync(SchemeName)).Succeeded)
            {
                limiter.Failed(address);
                await context.ChallengeAsync(SchemeName);
                return;
            }
        }
        await next();
    }
}
