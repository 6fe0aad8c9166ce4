namespace McpSentinel.Storage.Entities;

/// <summary>One MCP server a project's scans have seen: declared in a client configuration file or described by a scanned
/// snapshot. One row per project and identity; every stored value is already masked.</summary>
public sealed class ServerEntity
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    /// <summary><c>config:FILE#NAME</c> or <c>snapshot:NAME</c>: what makes two sightings the same server.</summary>
    public required string Identity { get; set; }
    /// <summary>config or snapshot.</summary>
    public required string Origin { get; set; }
    public required string Name { get; set; }
    /// <summary>npx, uvx, docker, node, python, binary or remote (config servers).</summary>
    public string? Launcher { get; set; }
    /// <summary>The command line, secrets masked.</summary>
    public string? Command { get; set; }
    /// <summary>The URL, secrets masked.</summary>
    public string? Url { get; set; }
    public string? Package { get; set; }
    public string? Version { get; set; }
    public string? Transport { get; set; }
    public string? SourceFile { get; set; }
    public int? SourceLine { get; set; }
    /// <summary>The surface hash of the lock/pin code (snapshot servers).</summary>
    public string? SurfaceHash { get; set; }
    /// <summary>SHA-256 of launcher, command, URL, package and version: changes when the server's launch identity changes.</summary>
    public required string IdentityHash { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public Guid LastScanId { get; set; }
    public string? PinnedIdentityHash { get; set; }
    public string? PinnedSurfaceHash { get; set; }
    public DateTimeOffset? PinnedAt { get; set; }
    public string? PinnedBy { get; set; }
}
