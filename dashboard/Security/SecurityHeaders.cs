namespace ActorWelfare.Dashboard.Security;

/// <summary>
/// The headers every response carries: a Content-Security-Policy that Blazor Server and plotly.js work
/// under (scripts only from this site; no eval), no framing, no content sniffing, no referrer to other sites.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy. Styles allow inline because plotly.js styles its SVG with style attributes and elements,
    /// and so does the markup of progress bars; scripts never do. Images allow data: for bootstrap-italia's
    /// inline SVGs and plotly's "download as PNG". Form posts may go to the identity provider, when one is set.
    /// </summary>
    /// <param name="framedBySelf">True for the Orleans ops dashboard, which the app's own page frames (<c>/amministrazione/cluster</c>).</param>
    public static string ContentSecurityPolicy(string? identityProvider, bool framedBySelf = false)
    {
        var provider = Uri.TryCreate(identityProvider, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            framedBySelf ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
            "form-action 'self'" + provider);
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string? identityProvider)
    {
        var policy = ContentSecurityPolicy(identityProvider);
        var opsPolicy = ContentSecurityPolicy(identityProvider, framedBySelf: true);
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            var ops = context.Request.Path.StartsWithSegments(Cluster.OpsDashboard.Path);
            headers.ContentSecurityPolicy = ops ? opsPolicy : policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = ops ? "SAMEORIGIN" : "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
    }
}
