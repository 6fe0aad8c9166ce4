namespace McpSentinel.Server.Api;

/// <summary>One inventoried MCP server (values masked). <c>drifted</c>: pinned, and the latest sighting's launch identity
/// (launcher, command, URL, package, version) or surface hash differs from the pinned one.</summary>
public sealed record ServerDto(
    Guid Id, Guid ProjectId, string Origin, string Name, string? Launcher, string? Command, string? Url, string? Package, string? Version,
    string? Transport, string? SourceFile, int? SourceLine, string? SurfaceHash, string IdentityHash,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, Guid LastScanId,
    bool Pinned, DateTimeOffset? PinnedAt, string? PinnedBy, bool Drifted);
