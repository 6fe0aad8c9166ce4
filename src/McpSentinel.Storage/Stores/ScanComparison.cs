using McpSentinel.Storage.Entities;

namespace McpSentinel.Storage.Stores;

/// <summary>What changed from a base scan to a head scan: findings only in the head are new, only in the base are fixed.</summary>
public sealed record ScanComparison(Guid BaseScanId, Guid HeadScanId, IReadOnlyList<FindingEntity> New, IReadOnlyList<FindingEntity> Fixed, int Unchanged);
