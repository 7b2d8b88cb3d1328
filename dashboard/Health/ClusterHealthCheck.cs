using ActorWelfare.Dashboard.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorWelfare.Dashboard.Health;

/// <summary>Healthy when the client is connected and the cluster answers with at least one active silo.</summary>
public sealed class ClusterHealthCheck(ClusterConnection cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (cluster.Client is not { } client)
            return HealthCheckResult.Unhealthy("Connecting to the cluster.");
        try
        {
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, cancellationToken)
                .WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s).")
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The cluster does not answer.", e);
        }
    }
}
