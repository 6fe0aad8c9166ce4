using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace McpSentinel.Server.Observability;

/// <summary>OpenTelemetry traces and metrics, exported over OTLP only when an endpoint is configured.</summary>
public static class Telemetry
{
    public const string SourceName = "McpSentinel";
    public static readonly ActivitySource Source = new(SourceName);

    public static void Add(IServiceCollection services, ServerOptions options, bool web)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.OtlpEndpoint is not { } endpoint) return;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(web ? "mcp-sentinel-server" : "mcp-sentinel-worker"))
            .WithTracing(t =>
            {
                t.AddSource(SourceName);
                if (web) t.AddAspNetCoreInstrumentation();
                t.AddOtlpExporter(o => o.Endpoint = endpoint);
            })
            .WithMetrics(m =>
            {
                if (web) m.AddAspNetCoreInstrumentation();
                m.AddOtlpExporter(o => o.Endpoint = endpoint);
            });
    }
}
