using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ActorWelfare.Telemetry;

/// <summary>
/// One telemetry setup for the silo and the dashboard: traces, metrics and logs through OpenTelemetry, with ASP.NET
/// Core, SignalR, HttpClient, Orleans and Npgsql instrumented and our own sources and meters ("ActorWelfare.*").
/// Everything goes out by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; metrics are also on <c>/metrics</c> for
/// Prometheus (<see cref="MapActorWelfareMetrics"/>).
/// </summary>
public static class TelemetrySetup
{
    /// <summary>Our activity sources and meters: <c>ActorWelfare.Grains</c>, <c>ActorWelfare.Dashboard</c>.</summary>
    public const string OurNames = "ActorWelfare.*";

    /// <summary>Orleans' activity sources (grain calls, storage, lifecycle) and its meter.</summary>
    public const string OrleansSources = "Microsoft.Orleans.*";
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The meters of ASP.NET Core itself: requests, Kestrel, SignalR connections, Blazor circuits.</summary>
    private static readonly string[] AspNetCoreMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits", "Microsoft.AspNetCore.RateLimiting",
    ];

    public static IHostApplicationBuilder AddActorWelfareTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logs =>
        {
            logs.IncludeFormattedMessage = true;
            logs.IncludeScopes = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(TraceRatio(builder.Configuration))))
                .AddSource(OurNames, OrleansSources)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(OurNames, OrleansMeter, "Npgsql")
                .AddMeter(AspNetCoreMeters)
                .AddRuntimeInstrumentation()
                .AddHttpClientInstrumentation()
                .AddPrometheusExporter());
        // The health checks run every 15 seconds in the background too, their results a gauge.
        builder.Services.AddSingleton<IHealthCheckPublisher, Health.HealthMetrics>();
        builder.Services.Configure<HealthCheckPublisherOptions>(o => o.Period = TimeSpan.FromSeconds(15));
        // The standard variable decides: set, every signal goes to that collector.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) telemetry.UseOtlpExporter();
        return builder;
    }

    /// <summary>
    /// "Telemetry:TraceRatio": the share of traces recorded where they start (0 to 1, default 1: every one). A trace
    /// that started elsewhere (a dashboard's request reaching a silo) keeps its starter's decision, so a trace is
    /// recorded whole or not at all.
    /// </summary>
    public static double TraceRatio(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var text = configuration["Telemetry:TraceRatio"];
        if (string.IsNullOrWhiteSpace(text)) return 1;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0 and <= 1
            ? ratio
            : throw new InvalidOperationException($"Telemetry:TraceRatio: '{text}' must be a number from 0 to 1 (the share of traces recorded).");
    }

    /// <summary>
    /// Prometheus' <c>/metrics</c>, answered to the machine itself and to private networks (the cluster's, where
    /// Prometheus scrapes) only: a request that came from the internet through the proxy is refused.
    /// </summary>
    public static WebApplication MapActorWelfareMetrics(this WebApplication app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/metrics"), branch => branch.Use(async (http, next) =>
        {
            if (http.Connection.RemoteIpAddress is { } address && IsPrivate(address)) await next(http);
            else http.Response.StatusCode = StatusCodes.Status403Forbidden;
        }));
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>Loopback, RFC 1918 and unique-local addresses: inside the installation.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            return address.IsIPv6UniqueLocal || address.IsIPv6LinkLocal;
        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168);
    }

    /// <summary>Health probes and scrapes are not traced: they would drown the requests people make.</summary>
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/livez") || path.StartsWithSegments("/metrics");
}
