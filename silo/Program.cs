using ActorWelfare.Silo.Database;
using ActorWelfare.Silo.Datasets;
using ActorWelfare.Health;
using ActorWelfare.Silo.Health;
using ActorWelfare.Silo.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;

if (args is [ActorWelfare.Silo.Access.ClusterCertificates.Command, var folder])
    return ActorWelfare.Silo.Access.ClusterCertificates.Run(folder, Console.Out);

var builder = WebApplication.CreateBuilder(args);
var settings = SiloSettings.From(builder.Configuration);

builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = settings.ShutdownTimeout);
builder.UseOrleans(silo => silo.ConfigureActorWelfare(settings));

var health = builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("silo");
if (settings.NeedsDatabase)
{
    builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.StoreConnectionString!));
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
// With a login of its own (the actorwelfare_silo role), the silo migrates as the tables' owner.
if (settings.NeedsDatabase)
{
    if (settings.OwnerConnectionString is { } owner)
    {
        await using var ownerDatabase = NpgsqlDataSource.Create(owner);
        await new SchemaMigrator(ownerDatabase, app.Services.GetRequiredService<ILogger<SchemaMigrator>>()).ApplyAsync(Migration.Embedded());
    }
    else await app.Services.GetRequiredService<SchemaMigrator>().ApplyAsync(Migration.Embedded());
}

app.MapHealthChecks("/healthz");
// Liveness: the process answers (no dependency checked, so a database outage never restarts silos).
app.MapHealthChecks("/livez", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
app.MapPrometheusScrapingEndpoint("/metrics");

await app.RunAsync();
return 0;
