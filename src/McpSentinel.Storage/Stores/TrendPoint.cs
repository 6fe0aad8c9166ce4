namespace McpSentinel.Storage.Stores;

/// <summary>The counts of one completed scan, for a project's findings-over-time chart.</summary>
public sealed record TrendPoint(Guid ScanId, DateTimeOffset At, int Total, int Critical, int High, int Medium, int Low, int Info, int RiskScore);
