using ActorWelfare.Silo.Database;
using ActorWelfare.Silo.Datasets;
using ActorWelfare.Health;
using ActorWelfare.Silo.Health;
using ActorWelfare.Silo.Hosting;
using Npgsql;
using Orleans.Dashboard;
using OpenTelemetry.Metrics;

var builder = WebApplication.CreateBuilder(args);
var settings = SiloSettings.From(builder.Configuration);

builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = settings.ShutdownTimeout);
builder.UseOrleans(silo => silo.ConfigureActorWelfare(settings));

var health = builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("silo");
if (settings.NeedsDatabase)
{
    builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.ConnectionString!));
    builder.Services.AddSingleton<SchemaMigrator>();
    health.AddCheck<DatabaseHealthCheck>("database");
}

// Registered after UseOrleans, so it runs once the silo is active.
builder.Services.AddHostedService<DatasetSeeder>();

builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter("Microsoft.Orleans")
    .AddPrometheusExporter());

var app = builder.Build();

// The schema must be current before the silo joins the cluster or touches grain state.
if (settings.NeedsDatabase)
    await app.Services.GetRequiredService<SchemaMigrator>().ApplyAsync(Migration.Embedded());

app.MapHealthChecks("/healthz");
app.MapPrometheusScrapingEndpoint("/metrics");
app.MapOrleansDashboard(routePrefix: "/ops");

await app.RunAsync();
