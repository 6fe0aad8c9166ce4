namespace McpSentinel.Server.Api;

public sealed record FindingDto(
    long Id, string Fingerprint, string RuleId, string Title, string Category, string Severity, string Confidence, string Engine,
    string Message, string? Path, int StartLine, int EndLine, string? LogicalPath, string Evidence, TriageDto Triage);
