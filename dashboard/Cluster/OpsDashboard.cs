using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace ActorWelfare.Dashboard.Cluster;

/// <summary>
/// The Orleans ops dashboard (silos, grains, calls, reminders) at <c>/ops</c>, for amministratori only.
/// The silos collect the figures (AddDashboard on the silo); this app serves the pages behind its own
/// sign-in. The dashboard's services belong to the Orleans client, which lives in a host of its own
/// (<see cref="ClusterConnection"/>), so the web app forwards each of them to that host.
/// </summary>
public static class OpsDashboard
{
    public const string Path = "/ops";

    /// <summary>Registers the dashboard on the Orleans client; the log trace stays off (logs may name people).</summary>
    public static void AddTo(IClientBuilder client) => client.AddDashboard(o => o.HideTrace = true);

    public static IServiceCollection AddOpsDashboard(this IServiceCollection services)
    {
        // Which services AddDashboard registers, learnt by registering them on a throwaway collection.
        var probe = new ServiceProbe();
        AddTo(probe);
        var forwarded = probe.Services.Select(d => d.ServiceType).Distinct()
            .Where(t => t.Assembly == typeof(DashboardOptions).Assembly && !t.IsGenericTypeDefinition)
            .Append(typeof(IOptions<DashboardOptions>));
        foreach (var type in forwarded)
            services.AddSingleton(type, sp => sp.GetRequiredService<ClusterConnection>().ClientServices.GetRequiredService(type));
        return services;
    }

    public static void MapOpsDashboard(this IEndpointRouteBuilder app) =>
        app.MapOrleansDashboard(Path).RequireAuthorization(Access.CityPolicy.InstallationAdministrator);

    private sealed class ServiceProbe : IClientBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection();
        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
