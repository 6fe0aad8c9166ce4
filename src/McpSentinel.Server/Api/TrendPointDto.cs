namespace McpSentinel.Server.Api;

public sealed record TrendPointDto(Guid ScanId, DateTimeOffset At, int Total, int Critical, int High, int Medium, int Low, int Info, int RiskScore);
