namespace McpSentinel.Server.Scans;

/// <summary>A validated request to scan something.</summary>
public sealed record ScanSubmission(string Project, string SourceKind, string? SourceName, byte[]? Content, IReadOnlyList<string>? Engines);
