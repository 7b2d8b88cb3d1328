using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace ActorWelfare.Dashboard.Access;

/// <summary>
/// The three places a session outlives a single request, each checked against <see cref="SessionValidity"/>:
/// HTTP requests (the cookie is dropped and the request served as anonymous), live pages (revalidated every
/// <see cref="Interval"/>, and every event hands the grains an anonymous caller at once), and hub
/// connections (every call checked, open connections closed within <see cref="Interval"/>).
/// </summary>
public static class SessionRevalidation
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);

    public static IServiceCollection AddSessionRevalidation(this IServiceCollection services)
    {
        services.AddSingleton<SessionValidity>();
        services.AddScoped<AuthenticationStateProvider, RevalidatingSessionState>();
        services.AddSingleton<HubSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<HubSessions>());
        return services;
    }

    /// <summary>After authentication: a cookie whose account changed signs nobody in.</summary>
    public static IApplicationBuilder UseSessionRevalidation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var validity = context.RequestServices.GetRequiredService<SessionValidity>();
        if (!await validity.IsCurrentAsync(context.User, context.RequestAborted))
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next();
    });
}

/// <summary>A live page's sign-in, checked again every <see cref="SessionRevalidation.Interval"/>: a revoked session turns the page anonymous.</summary>
public sealed class RevalidatingSessionState(ILoggerFactory logs, SessionValidity validity)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => SessionRevalidation.Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        validity.IsCurrentAsync(authenticationState.User, cancellationToken);
}

/// <summary>
/// Signed-in hub connections (a person's cookie or an API token): every call is checked, and a background
/// pass closes the connections whose session or token no longer stands (their subscriptions end with them).
/// </summary>
public sealed partial class HubSessions(SessionValidity validity, Tokens.ApiTokenStore tokens, ILogger<HubSessions> log) : BackgroundService, IHubFilter
{
    private readonly ConcurrentDictionary<string, HubCallerContext> open = new(StringComparer.Ordinal);

    /// <summary>A token connection: the token is still neither revoked nor expired; a person's: their session stands.</summary>
    private async Task<bool> StandsAsync(ClaimsPrincipal? user, CancellationToken cancellation = default) =>
        user?.Identity?.AuthenticationType == Tokens.ApiTokenHandler.SchemeName
            ? user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && id.StartsWith("token:", StringComparison.Ordinal)
              && Guid.TryParse(id["token:".Length..], out var token) && await tokens.IsActiveAsync(token, cancellation)
            : await validity.IsCurrentAsync(user, cancellation);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // Refused at once; the connection itself is closed by the next pass.
        if (!await StandsAsync(invocationContext.Context.User))
            throw new HubException("Authorization: your account changed since you signed in, or your token was revoked; sign in again.");
        return await next(invocationContext);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Context.User?.Identity?.IsAuthenticated == true) open[context.Context.ConnectionId] = context.Context;
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        open.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SessionRevalidation.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            foreach (var (id, connection) in open)
            {
                try
                {
                    if (await StandsAsync(connection.User, stoppingToken)) continue;
                    open.TryRemove(id, out _);
                    connection.Abort();
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogCheckFailed(log, e, id);
                }
            }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the session of hub connection {Connection}; checking again next pass")]
    private static partial void LogCheckFailed(ILogger logger, Exception error, string connection);
}
