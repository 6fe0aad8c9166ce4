using Prometheus;

namespace McpSentinel.Server.Observability;

/// <summary>Prometheus metrics of the server and its workers (served at <c>/metrics</c>).</summary>
public static class SentinelMetrics
{
    public static readonly Counter ScansSubmitted = Metrics.CreateCounter("mcp_sentinel_scans_submitted_total", "Scans accepted by the API.", "source");
    public static readonly Counter ScansStarted = Metrics.CreateCounter("mcp_sentinel_scan_attempts_total", "Scan job attempts started by this process.");
    public static readonly Counter ScansFinished = Metrics.CreateCounter("mcp_sentinel_scans_finished_total", "Scans finished by this process, by final status.", "status");
    public static readonly Counter FindingsStored = Metrics.CreateCounter("mcp_sentinel_findings_total", "Findings of scans completed by this process, by severity.", "severity");
    public static readonly Histogram ScanDuration = Metrics.CreateHistogram("mcp_sentinel_scan_duration_seconds", "Scan duration (analysis only).",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.05, 2, 14) });
    public static readonly Gauge QueueDepth = Metrics.CreateGauge("mcp_sentinel_queue_depth", "Scans waiting or running, from the database.", "status");
}
