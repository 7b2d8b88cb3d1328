using ActorWelfare.Dashboard.Access;
using ActorWelfare.Dashboard.Api;
using ActorWelfare.Dashboard.Cluster;
using ActorWelfare.Dashboard.Components;
using ActorWelfare.Dashboard.Health;
using ActorWelfare.Dashboard.Live;
using ActorWelfare.Dashboard.Security;
using ActorWelfare.Health;
using ActorWelfare.Telemetry;
using ActorWelfare.Territories;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace ActorWelfare.Dashboard;

/// <summary>
/// The dashboard host, built and ready to run: what Program.cs runs, and what a test hosts in its own process when it
/// must see inside (the trace test reads the spans of a silo and a dashboard together).
/// </summary>
public static class DashboardApp
{
    /// <param name="contentRoot">The app's folder (its appsettings.json); by default the current directory, as a host's.</param>
    public static WebApplication Build(string[] args, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(DashboardApp).Assembly.GetName().Name,
            ContentRootPath = contentRoot,
        });
        builder.AddActorWelfareTelemetry("actorwelfare-dashboard");
        // Serve the build's static web assets (the app's css and scripts) outside Development too.
        builder.WebHost.UseStaticWebAssets();
        // A build's asset manifest would otherwise switch on the assets reloader, which sends every asset with no-cache and
        // uncompressed; off (but in Development), a build serves what a publish serves: compressed, fingerprinted immutable.
        if (!builder.Environment.IsDevelopment()) builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";

        // Pools of at most 20 connections each (PoolLimit), unless the connection string sets its own limit.
        var connectionString = ActorWelfare.Database.PoolLimit.Apply(builder.Configuration.GetConnectionString("ActorWelfare")
            ?? throw new InvalidOperationException("ConnectionStrings:ActorWelfare is required."), 20);
        var territoriesDir = builder.Configuration["Territories:Directory"] is { Length: > 0 } dir
            ? Path.GetFullPath(dir, builder.Environment.ContentRootPath)
            : Path.Combine(AppContext.BaseDirectory, "territories");

        var territories = TerritoryFile.LoadAll(territoriesDir);
        ActorWelfare.Dashboard.Cities.CityConfiguration.Check(builder.Configuration, territories);
        builder.Services.AddSingleton(territories);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<ActorWelfare.Dashboard.Cities.CityCalendar>();
        builder.Services.AddSingleton<ActorWelfare.Dashboard.Cities.CityChoice>();
        builder.Services.AddSingleton<ClusterConnection>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterConnection>());
        builder.Services.AddSingleton<ActorWelfare.Dashboard.Telemetry.DashboardTelemetry>();
        builder.Services.AddSingleton<IndicatorFeed>();
        builder.Services.AddSingleton<ActorWelfare.Dashboard.Network.NetworkLayouts>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IndicatorFeed>());
        builder.Services.AddSingleton<AlertFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertFeed>());
        // The indicators hub checks its connections' sessions; Blazor's own hub (the pages) is checked by the
        // circuit's revalidating authentication state and the caller hand-down instead.
        builder.Services.AddSignalR().AddHubOptions<IndicatorsHub>(o => o.AddFilter<HubSessions>());
        builder.Services.AddScoped<CircuitPresence>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitPresenceHandler>();
        builder.Services.AddActorWelfareProblems();
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster")
            .AddCheck<DatabaseHealthCheck>("database", timeout: DatabaseHealthCheck.Timeout);

        var access = builder.AddActorWelfareAccess(connectionString);
        builder.Services.AddActorWelfareRateLimits(access);
        builder.Services.AddOpsDashboard();
        if (access.Production)
        {
            builder.Services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; });
            builder.Services.AddHttpsRedirection(o => o.HttpsPort = 443);
        }
        builder.Services.AddScoped<UserAdministration>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<AdminActs>();
        builder.Services.AddScoped<ActorWelfare.Dashboard.Components.Staff.StaffSession>();
        builder.Services.AddActorWelfareOpenApi();
        builder.Services.AddSingleton(new ActorWelfare.Dashboard.Reports.ExportGate(builder.Configuration.GetValue("Reports:ExportsAtOnce", 2)));
        builder.Services.AddSingleton<ActorWelfare.Dashboard.Reports.ExportJobs>();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.AllowOutOfOrderMetadataProperties = true;
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict; // "2019" is text, not a year
            // A field the API does not know is an error, not silently dropped (a typo would otherwise lose data).
            o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
            new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower)));

        // Italian by default, English on request (a cookie set by /lingua/{it|en}); numbers and dates follow.
        var cultures = new[] { "it-IT", "en-GB" };
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(cultures[0]).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        var app = builder.Build();
        app.UseTrustedProxies(access.TrustedProxies, app.Configuration); // first: every address and scheme below is the client's
        if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseSecurityHeaders(access.OpenIdConnect is { Configured: true } provider ? provider.Authority : null);
        if (access.Production)
        {
            // TLS ends at the proxy or ingress (its X-Forwarded-Proto, believed from Access:TrustedProxies, says the request was HTTPS).
            // Probes call the health endpoints, and Prometheus /metrics, over plain HTTP inside the cluster: they are not redirected.
            app.UseHsts();
            app.UseWhen(http => !http.Request.Path.StartsWithSegments("/healthz") && !http.Request.Path.StartsWithSegments("/livez") && !http.Request.Path.StartsWithSegments("/metrics"),
                branch => branch.UseHttpsRedirection());
        }
        app.UseRequestLocalization();
        app.UseProblemAnswers();
        app.UseUnavailableAnswers(); // before authentication: a token check needs the database too
        app.UseTokenCheck();
        app.UseAuthentication();
        app.UseSessionRevalidation(); // a cookie from before a change of rights or a lock signs nobody in
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseCallerHandDown();
        app.UseApiOriginCheck(); // cookie-authenticated API writes come from this site's pages only
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz");
        app.MapActorWelfareMetrics();
        // Liveness: the process answers (no dependency checked, so a database outage never restarts the dashboard).
        app.MapHealthChecks("/livez", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapOpsDashboard();
        app.MapIndicatorsApi();
        app.MapActivitiesApi();
        app.MapAdminApi();
        app.MapImportsApi();
        app.MapYearsApi();
        app.MapAlertsApi();
        app.MapTrendsApi();
        app.MapActorWelfareOpenApi();
        app.MapHub<IndicatorsHub>(IndicatorsHub.Path);
        app.MapAccountEndpoints();
        // The header's city picker (a plain form, so it works before the page is live): to the chosen city's overview.
        app.MapGet("/citta", (string? scelta, IReadOnlyDictionary<string, Territory> cities, ActorWelfare.Dashboard.Cities.CityCalendar calendar) =>
            scelta is { } city && cities.ContainsKey(city) ? Results.LocalRedirect($"/citta/{city}/{calendar.CurrentYear(city)}") : Results.LocalRedirect("/"));

        app.MapGet("/lingua/{language}", (string language, string? ritorno, HttpContext http) =>
        {
            var culture = language == "en" ? "en-GB" : "it-IT";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            // Only a path of this site: never an open redirect.
            var back = ritorno is { Length: > 0 } r && !r.StartsWith('/') && !r.Contains("://", StringComparison.Ordinal) && !r.StartsWith('\\') ? "/" + r : "/";
            return Results.LocalRedirect(back);
        });
        // How many city-years this host follows and how many pages and hub connections watch them (signed-in people only).
        app.MapGet("/api/v1/diagnostics/feed", (IndicatorFeed feed) =>
            Results.Ok(new { status = feed.Status.ToString().ToLowerInvariant(), subscriptions = feed.Subscriptions, watchers = feed.Watchers }))
            .RequireAuthorization();
        // Our policy already says frame-ancestors 'none' (SecurityHeaders): no second CSP header from Blazor.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
