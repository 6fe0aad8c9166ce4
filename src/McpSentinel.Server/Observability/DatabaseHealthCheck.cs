using McpSentinel.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace McpSentinel.Server.Observability;

public sealed class DatabaseHealthCheck(SentinelDbFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await factory.CanConnectAsync(cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy(factory.Target.Provider.ToString())
                : HealthCheckResult.Unhealthy("the database does not answer");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the database does not answer: " + ex.GetType().Name);
        }
    }
}
