namespace McpSentinel.Server.Api;

/// <summary>A scan: status and progress while it runs, summary counts when it is done.</summary>
public sealed record ScanDto(
    Guid Id, Guid ProjectId, string Status, bool CancelRequested, string SourceKind, string? Source, IReadOnlyList<string>? Engines,
    ProgressDto Progress, int Attempts, string? Error, string? CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long? DurationMs,
    SummaryDto? Summary);
