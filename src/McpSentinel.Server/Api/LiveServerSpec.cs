namespace McpSentinel.Server.Api;

/// <summary>A live MCP server to connect to: an HTTP(S) endpoint (<c>url</c>, optional <c>headers</c>) or a stdio command
/// (<c>command</c>, <c>args</c>, <c>env</c>). Header and environment values are secrets: they are kept encrypted and are
/// never returned or logged. <c>timeoutSeconds</c> bounds connecting and each listing (default 20, at most 120).</summary>
public sealed record LiveServerSpec(
    string? Url,
    IReadOnlyDictionary<string, string>? Headers,
    string? Command,
    IReadOnlyList<string>? Args,
    IReadOnlyDictionary<string, string>? Env,
    string? Name,
    int? TimeoutSeconds);
