using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorWelfare.Silo.Health;

/// <summary>Healthy when this silo is an active member of the cluster.</summary>
public sealed class SiloActiveHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {local.SiloAddress} is active.")
            : HealthCheckResult.Unhealthy($"Silo {local.SiloAddress} is {status}."));
    }
}
