namespace McpSentinel.Core.Deps;

/// <summary>One dependency as a manifest or lock file declares it. <see cref="Version"/> is the exact resolved (or
/// pinned) version when known; <see cref="Declared"/> is the declared range (null for lock entries).
/// <see cref="Path"/> is relative to the scan root with '/'; <see cref="Line"/> is 1-based. <see cref="Launcher"/> is
/// set for what an MCP client configuration launches (npx, uvx, docker); those are never resolved by a lock file.</summary>
public sealed record Dependency(
    string Ecosystem,
    string Name,
    string? Version,
    string? Declared,
    string Path,
    int Line,
    bool FromLock,
    bool Direct,
    string? Launcher = null);
