namespace McpSentinel.Server.Api;

/// <summary>Scan a path under the allowed roots (<c>path</c>) or a recorded server snapshot (<c>snapshot</c>, the
/// JSON document written by <c>mcp-sentinel record</c>). Exactly one of the two. Archives go to <c>POST /api/v1/scans/archive</c>.</summary>
public sealed record CreateScanRequest(string Project, string? Path, System.Text.Json.JsonElement? Snapshot, IReadOnlyList<string>? Engines);
