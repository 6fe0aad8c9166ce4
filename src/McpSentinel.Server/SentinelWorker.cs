using McpSentinel.Server.Observability;
using McpSentinel.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpSentinel.Server;

/// <summary><c>mcp-sentinel worker</c>: a process that only takes jobs from the shared PostgreSQL queue.</summary>
public static class SentinelWorker
{
    public static IHost Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Database.Provider != DatabaseProvider.Postgres)
            throw new InvalidOperationException("a separate worker needs the shared queue: start the server and the workers with --database postgres:CONNECTION-STRING");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        if (!options.ConsoleLogs) builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        SentinelServices.Add(builder.Services, options, runWorker: true);
        Telemetry.Add(builder.Services, options, web: false);
        return builder.Build();
    }

    public static async Task RunAsync(ServerOptions options, CancellationToken cancellationToken)
    {
        using var host = Build(options);
        await StartupTasks.RunAsync(host.Services, web: false, cancellationToken).ConfigureAwait(false);
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
