namespace McpSentinel.Core.Model;

/// <summary>The immutable outcome of one scan; every reporter renders this.</summary>
public sealed record ScanResult
{
    public required string ToolVersion { get; init; }
    public required string Target { get; init; }
    /// <summary>Absolute folder that finding paths are relative to, when the scan had one directory target.</summary>
    public string? RootPath { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required long DurationMs { get; init; }
    public required IReadOnlyList<string> Engines { get; init; }
    public required int FilesScanned { get; init; }
    public required int FilesSkipped { get; init; }
    public required IReadOnlyList<ScanDiagnostic> Diagnostics { get; init; }
    /// <summary>Reported findings, sorted by path, line, rule.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }
    /// <summary>Findings removed by inline comments, the suppression file or the baseline.</summary>
    public required IReadOnlyList<Finding> SuppressedFindings { get; init; }

    /// <summary>Metadata of every rule that produced a finding (reported or suppressed), for rule tables in reports.</summary>
    public IReadOnlyList<Rules.RuleMetadata> Rules { get; init; } = [];

    /// <summary>The suppressed count when the suppressed findings themselves are not known (a result read back from a
    /// JSON report); null means <see cref="SuppressedFindings"/>.Count.</summary>
    public int? SuppressedCount { get; init; }
    /// <summary>Per-framework control results when the scan was asked for them (<c>--compliance</c>); else empty.</summary>
    public IReadOnlyList<McpSentinel.Core.Compliance.ComplianceReport> Compliance { get; init; } = [];
    /// <summary>Set when live servers were scanned: found, started, failed and why.</summary>
    public LiveCoverage? LiveCoverage { get; init; }

    public bool Incomplete => Diagnostics.Any(d => d.Incomplete);

    public ScanSummary Summary => ScanSummary.From(Findings, SuppressedCount ?? SuppressedFindings.Count);
}
