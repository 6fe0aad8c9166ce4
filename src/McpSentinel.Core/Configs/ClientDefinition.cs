namespace McpSentinel.Core.Configs;

/// <summary>One MCP client as described in <c>clients.yaml</c>: where it keeps its configuration and which keys hold servers.</summary>
public sealed record ClientDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required ConfigFormat Format { get; init; }
    /// <summary>Key paths of the server maps ('*' matches any key; 'a|b' takes a when it holds servers, else b).</summary>
    public required IReadOnlyList<string> ServerKeys { get; init; }
    /// <summary>Top-level settings the audit reads.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];
    /// <summary>Paths under the home directory, by operating system ("linux", "macos", "windows").</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> UserPaths { get; init; }
    /// <summary>Paths relative to a project directory.</summary>
    public IReadOnlyList<string> ProjectPaths { get; init; } = [];
    /// <summary>Absolute machine-wide paths, by operating system.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> SystemPaths { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public required string Docs { get; init; }

    public IEnumerable<string> AllUserPaths => UserPaths.Values.SelectMany(p => p).Distinct(StringComparer.Ordinal);
}
