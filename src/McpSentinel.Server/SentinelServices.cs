using McpSentinel.Server.Auth;
using McpSentinel.Server.Queue;
using McpSentinel.Server.Scans;
using McpSentinel.Server.Webhooks;
using McpSentinel.Storage;
using McpSentinel.Storage.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using StackExchange.Redis;

namespace McpSentinel.Server;

/// <summary>The registrations shared by the server and the worker: storage, stores, services, jobs, queue, logs.</summary>
public static class SentinelServices
{
    public static void Add(IServiceCollection services, ServerOptions options, bool runWorker)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new SentinelDbFactory(options.Database));
        services.AddSingleton<ScanStore>();
        services.AddSingleton<TriageStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<InventoryStore>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton(new AllowedRoots(options.AllowedRoots));
        services.AddSingleton<ScanService>();
        services.AddSingleton<LiveScanSource>();
        var protection = services.AddDataProtection().SetApplicationName("mcp-sentinel");
        if (options.DataProtectionKeysFolder is { } keys) protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton(sp => new ResultCache(sp.GetService<IConnectionMultiplexer>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ResultCache>>()));
        services.AddTransient<ScanJob>();
        services.AddTransient<WebhookDeliveryJob>();
        services.AddHttpClient(WebhookDeliveryJob.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        if (options.Redis is { } redis)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis + ",abortConnect=false,connectTimeout=2000"));
        }
        QueueSetup.AddQueue(services, options, runWorker);

        if (options.ConsoleLogs)
        {
            services.AddSerilog(log => log
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error)
                .MinimumLevel.Override("McpSentinel.Server.Auth", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .WriteTo.Console(new RenderedCompactJsonFormatter(), standardErrorFromLevel: LogEventLevel.Verbose));
        }
    }
}
