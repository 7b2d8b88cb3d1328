using ActorWelfare.Silo.Database;
using ActorWelfare.Silo.Datasets;
using ActorWelfare.Health;
using ActorWelfare.Silo.Health;
using ActorWelfare.Silo.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;

if (args is [ActorWelfare.Silo.Access.ClusterCertificates.Command, var folder, .. var keyFolder])
    return ActorWelfare.Silo.Access.ClusterCertificates.Run(folder, keyFolder.FirstOrDefault(), Console.Out);
// --migrate: apply the migrations as the tables' owner and exit (a one-shot job; the silos then run with their own login).
if (args is ["--migrate", .. var rest])
    return await SchemaMigrator.MigrateAndExitAsync(Host.CreateApplicationBuilder(rest).Configuration);

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
// A silo whose login may only use the tables (the actorwelfare_silo role) does not migrate: a one-shot
// `--migrate` did, as the owner; it checks that the schema is current.
if (settings.NeedsDatabase)
{
    var migrator = app.Services.GetRequiredService<SchemaMigrator>();
    if (settings.Migrate) await migrator.ApplyAsync(Migration.Embedded());
    else await migrator.VerifyAsync(Migration.Embedded());
}

app.MapHealthChecks("/healthz");
// Liveness: the process answers (no dependency checked, so a database outage never restarts silos).
app.MapHealthChecks("/livez", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
app.MapPrometheusScrapingEndpoint("/metrics");

await app.RunAsync();
return 0;
