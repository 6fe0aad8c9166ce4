namespace McpSentinel.Server.Api;

/// <summary>Scan a path under the allowed roots (<c>path</c>), a recorded server snapshot (<c>snapshot</c>, the
/// JSON document written by <c>mcp-sentinel record</c>) or a live server (<c>live</c>, see <see cref="LiveServerSpec"/>).
/// Exactly one of the three. Archives go to <c>POST /api/v1/scans/archive</c>.</summary>
public sealed record CreateScanRequest(string Project, string? Path, System.Text.Json.JsonElement? Snapshot, IReadOnlyList<string>? Engines, LiveServerSpec? Live = null);
