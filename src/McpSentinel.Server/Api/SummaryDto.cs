namespace McpSentinel.Server.Api;

public sealed record SummaryDto(int Total, int Critical, int High, int Medium, int Low, int Info, int Suppressed, int RiskScore, int FilesScanned, bool Incomplete);
