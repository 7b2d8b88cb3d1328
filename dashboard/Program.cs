using ActorWelfare.Dashboard.Api;
using ActorWelfare.Dashboard.Cluster;
using ActorWelfare.Dashboard.Components;
using ActorWelfare.Dashboard.Health;
using ActorWelfare.Health;
using ActorWelfare.Territories;
using Npgsql;

var builder = WebApplication.CreateBuilder(args);
// Serve the build's static web assets (Plotly.Blazor's scripts, the app's css) outside Development too.
builder.WebHost.UseStaticWebAssets();

var connectionString = builder.Configuration.GetConnectionString("ActorWelfare")
    ?? throw new InvalidOperationException("ConnectionStrings:ActorWelfare is required.");
var territoriesDir = builder.Configuration["Territories:Directory"] is { Length: > 0 } dir
    ? Path.GetFullPath(dir, builder.Environment.ContentRootPath)
    : Path.Combine(AppContext.BaseDirectory, "territories");

builder.Services.AddSingleton(TerritoryFile.LoadAll(territoriesDir));
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
builder.Services.AddSingleton<ClusterConnection>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterConnection>());
builder.Services.AddHealthChecks()
    .AddCheck<ClusterHealthCheck>("cluster")
    .AddCheck<DatabaseHealthCheck>("database");

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
    new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower)));

var app = builder.Build();
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealthChecks("/healthz");
app.MapIndicatorsApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
await app.RunAsync();
