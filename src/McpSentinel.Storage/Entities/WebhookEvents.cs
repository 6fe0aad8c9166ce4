namespace McpSentinel.Storage.Entities;

public static class WebhookEvents
{
    /// <summary>A scan reached a final state (completed, failed, cancelled).</summary>
    public const string ScanFinished = "scan.finished";
    /// <summary>A completed scan has critical or high findings that the project's previous completed scan did not have.</summary>
    public const string NewHighFindings = "findings.new-high";

    public static readonly IReadOnlyList<string> All = [ScanFinished, NewHighFindings];
}
