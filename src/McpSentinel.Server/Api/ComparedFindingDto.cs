namespace McpSentinel.Server.Api;

public sealed record ComparedFindingDto(string Fingerprint, string RuleId, string Title, string Severity, string? Path, int StartLine);
