namespace McpSentinel.Server.Api;

/// <summary>From <c>baseScanId</c> to <c>headScanId</c>: findings that appeared (new) and disappeared (fixed).</summary>
public sealed record ComparisonDto(Guid BaseScanId, Guid HeadScanId, int NewCount, int FixedCount, int Unchanged, IReadOnlyList<ComparedFindingDto> New, IReadOnlyList<ComparedFindingDto> Fixed);
