using ActorWelfare.Health;
using ActorWelfare.Silo.Database;
using ActorWelfare.Silo.Datasets;
using ActorWelfare.Silo.Health;
using ActorWelfare.Telemetry;
using Npgsql;

namespace ActorWelfare.Silo.Hosting;

/// <summary>
/// The silo host, built and brought up to its schema, ready to run: what Program.cs runs, and what a test hosts in
/// its own process when it must see inside (the trace test reads the spans of a silo and a dashboard together).
/// </summary>
public static class SiloApp
{
    /// <param name="contentRoot">The app's folder (its appsettings.json); by default the current directory, as a host's.</param>
    public static async Task<WebApplication> BuildAsync(string[] args, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SiloApp).Assembly.GetName().Name,
            ContentRootPath = contentRoot,
        });
        var settings = SiloSettings.From(builder.Configuration);

        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        builder.AddActorWelfareTelemetry("actorwelfare-silo");
        builder.UseOrleans(silo => silo.ConfigureActorWelfare(settings));

        var health = builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("silo");
        if (settings.NeedsDatabase)
        {
            builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(settings.StoreConnectionString!));
            builder.Services.AddSingleton<SchemaMigrator>();
            health.AddCheck<DatabaseHealthCheck>("database", timeout: DatabaseHealthCheck.Timeout);
        }

        // Registered after UseOrleans, so it runs once the silo is active.
        builder.Services.AddHostedService<DatasetSeeder>();

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
        app.MapActorWelfareMetrics();
        return app;
    }
}
