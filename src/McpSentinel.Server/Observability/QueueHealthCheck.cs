using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace McpSentinel.Server.Observability;

/// <summary>The queue storage in use (Redis, PostgreSQL or in memory) answers; reports which and how many workers
/// are registered with it.</summary>
public sealed class QueueHealthCheck(JobStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = await Task.Run(() => storage.GetMonitoringApi().Servers(), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{Kind(storage)}: {servers.Count} worker process(es) registered");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"the {Kind(storage)} queue storage does not answer: " + ex.GetType().Name);
        }
    }

    private static string Kind(JobStorage storage) => storage switch
    {
        Hangfire.Redis.StackExchange.RedisStorage => "redis",
        Hangfire.PostgreSql.PostgreSqlStorage => "postgresql",
        _ => "in memory",
    };
}
