using ConsumerProtection.Shared.Alerts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// Part of <c>/health/ready</c>: open operational alerts (e.g. a missing next-year holiday schedule) answer Degraded, a
/// warning that keeps readiness at HTTP 200; only the database check can make the host not ready.
/// </summary>
internal sealed class AlertsHealthCheck(IOperationalAlerts alerts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var open = await alerts.OpenAsync(ct);
            return open.Count == 0
                ? HealthCheckResult.Healthy("No open operational alerts")
                : HealthCheckResult.Degraded($"{open.Count} open operational alert(s): " + string.Join(" | ", open.Select(a => a.Key)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Unreachable storage is the database check's verdict; this one only warns.
            return HealthCheckResult.Degraded("Operational alerts could not be read");
        }
    }
}
