using Microsoft.AspNetCore.Antiforgery;

namespace ActorWelfare.Dashboard.Security;

/// <summary>
/// A write to the API made with the session cookie must prove it comes from this site's own pages: its
/// <c>Origin</c> is this site, or it carries a valid antiforgery token (header <c>RequestVerificationToken</c>).
/// Browsers always send <c>Origin</c> on such requests, so another site's page cannot make a signed-in
/// person's browser change anything (cross-site request forgery), bodyless POSTs included. Requests with
/// a bearer token carry no cookie-borne authority and are not concerned.
/// </summary>
public static class OriginCheck
{
    public const string TokenHeader = "RequestVerificationToken";

    public static IApplicationBuilder UseApiOriginCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        var withCookie = request.Path.StartsWithSegments("/api") && unsafeMethod && request.Cookies.Count > 0
            && !request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (withCookie && !SameOrigin(request) && !await ValidTokenAsync(http))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsJsonAsync(new
            {
                field = "Origin", rule = "same-origin",
                message = $"Origin: a write with the session cookie must come from this site's pages (Origin {request.Scheme}://{request.Host}) or carry the {TokenHeader} header; nothing was changed.",
            }, http.RequestAborted);
            return;
        }
        await next();
    });

    private static bool SameOrigin(HttpRequest request) =>
        request.Headers.Origin.ToString() is { Length: > 0 } origin
        && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static async Task<bool> ValidTokenAsync(HttpContext http) =>
        http.Request.Headers.ContainsKey(TokenHeader)
        && await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
}
