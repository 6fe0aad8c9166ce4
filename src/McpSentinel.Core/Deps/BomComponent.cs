using McpSentinel.Core.Intel;

namespace McpSentinel.Core.Deps;

/// <summary>One package of the software bill of materials: exact (<see cref="Pinned"/>) when a lock file or an exact
/// pin says which version is used, floating otherwise (then <see cref="Version"/> is the declared range).
/// <see cref="Launcher"/> (npx, uvx, docker) is set when an MCP client configuration launches it.</summary>
public sealed record BomComponent(
    string Ecosystem,
    string Name,
    string? Version,
    bool Pinned,
    bool Direct,
    bool McpRelated,
    string Purl,
    IReadOnlyList<string> Sources,
    IReadOnlyList<Advisory> Advisories,
    string? Launcher = null);
