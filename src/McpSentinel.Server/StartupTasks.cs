using McpSentinel.Server.Auth;
using McpSentinel.Server.Scans;
using McpSentinel.Storage;
using McpSentinel.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpSentinel.Server;

/// <summary>What runs before the server answers: schema migration, the first admin key, and (in-memory queue)
/// putting unfinished scans back on the queue.</summary>
public static class StartupTasks
{
    public static async Task RunAsync(IServiceProvider services, bool web, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<ServerOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("McpSentinel.Startup");
        await services.GetRequiredService<SentinelDbFactory>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("database ready: {Database}", options.Database.Describe());
        if (!web) return;

        var keys = services.GetRequiredService<ApiKeyStore>();
        if (!await keys.AnyActiveAdminAsync(cancellationToken).ConfigureAwait(false))
        {
            var (key, plaintext) = await services.GetRequiredService<ApiKeyService>().CreateAsync("bootstrap-admin", Roles.Admin, "server", null, cancellationToken).ConfigureAwait(false);
            await services.GetRequiredService<AuditStore>().RecordAsync("server", "apikey.create", key.Id.ToString(), "bootstrap-admin (admin), first start", cancellationToken).ConfigureAwait(false);
            var output = options.Output ?? Console.Out;
            await output.WriteLineAsync("MCP Sentinel: created the first admin API key. It is shown only this once; store it now:").ConfigureAwait(false);
            await output.WriteLineAsync("  " + plaintext).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("first admin API key created ({Prefix})", ApiKeyService.Display(key));
        }

        if (options.InMemoryQueue)
        {
            // the in-memory queue forgot whatever was queued before a restart: queue those scans again
            var scans = services.GetRequiredService<ScanStore>();
            var submit = services.GetRequiredService<ScanService>();
            foreach (var id in await scans.UnfinishedScanIdsAsync(cancellationToken).ConfigureAwait(false))
            {
                await submit.EnqueueAsync(id, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("scan {ScanId} was unfinished at the last stop: queued again", id);
            }
        }
    }
}
