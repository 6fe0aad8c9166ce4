namespace McpSentinel.Core.Model;

/// <summary>Something the scan could not fully do. <see cref="Incomplete"/> diagnostics make the scan
/// incomplete (exit code 3); the others (a binary or oversized file skipped by policy) are informational.</summary>
public sealed record ScanDiagnostic(string Path, string Message, bool Incomplete);
