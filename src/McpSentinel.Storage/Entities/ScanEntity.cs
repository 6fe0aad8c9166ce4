namespace McpSentinel.Storage.Entities;

/// <summary>One submitted scan: its source, its state in the queue, progress, and once finished the summary and
/// the JSON report (schema 1.0) that every other report format is rendered from.</summary>
public sealed class ScanEntity
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public ProjectEntity? Project { get; set; }

    /// <summary>One of <see cref="ScanStatus"/>.</summary>
    public required string Status { get; set; }
    public bool CancelRequested { get; set; }

    /// <summary>One of <see cref="SourceKinds"/>.</summary>
    public required string SourceKind { get; set; }
    /// <summary>The folder or file scanned (path scans), or the uploaded file's name.</summary>
    public string? SourceName { get; set; }
    /// <summary>The uploaded archive or snapshot, kept so that a worker on another machine can run the scan.</summary>
    public byte[]? SourceContent { get; set; }
    /// <summary>Comma-separated engine names; null means all.</summary>
    public string? Engines { get; set; }

    public int FilesDone { get; set; }
    public int FilesTotal { get; set; }
    public int Attempts { get; set; }
    public string? JobId { get; set; }
    public string? Error { get; set; }
    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long? DurationMs { get; set; }

    public int FilesScanned { get; set; }
    public bool Incomplete { get; set; }
    public int Total { get; set; }
    public int Critical { get; set; }
    public int High { get; set; }
    public int Medium { get; set; }
    public int Low { get; set; }
    public int Info { get; set; }
    public int Suppressed { get; set; }
    public int RiskScore { get; set; }

    /// <summary>The JSON report of the finished scan.</summary>
    public string? ReportJson { get; set; }
    /// <summary>Content hash of the scanned tree and rules version, when computed (result cache key).</summary>
    public string? ContentHash { get; set; }
}
