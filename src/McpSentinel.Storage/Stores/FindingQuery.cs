namespace McpSentinel.Storage.Stores;

/// <summary>Filters for a scan's findings. <see cref="MinSeverity"/> is 0 (info) … 4 (critical).</summary>
public sealed record FindingQuery(
    Guid ScanId,
    int? MinSeverity = null,
    string? RuleId = null,
    string? Category = null,
    string? PathPrefix = null,
    string? TriageState = null,
    int Offset = 0,
    int Limit = 100);
