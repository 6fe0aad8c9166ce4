namespace McpSentinel.Core.Configs;

/// <summary>A scalar from a configuration file and the line it is on.</summary>
public sealed record ConfigValue(string Text, int Line);

/// <summary>One key/value pair (an environment variable, an HTTP header) and the line it is on.</summary>
public sealed record ConfigKeyValue(string Key, string Value, int Line);

/// <summary>One MCP server declared in a client configuration, normalised across client formats.</summary>
public sealed record McpServerEntry
{
    public required string Name { get; init; }
    /// <summary>Line of the server's key (or list item) in the file.</summary>
    public required int Line { get; init; }
    /// <summary>The key matched by a '*' in the server key path (for ~/.claude.json: the project folder), if any.</summary>
    public string? Scope { get; init; }
    /// <summary>npx, uvx, docker, node, python, binary or remote.</summary>
    public required string Launcher { get; init; }
    /// <summary>stdio, sse or http.</summary>
    public required string Transport { get; init; }
    public ConfigValue? Command { get; init; }
    public IReadOnlyList<ConfigValue> Args { get; init; } = [];
    /// <summary>The command and arguments that actually start the server, after unwrapping <c>cmd /c</c>.</summary>
    public ConfigValue? EffectiveCommand { get; init; }
    public IReadOnlyList<ConfigValue> EffectiveArgs { get; init; } = [];
    public ConfigValue? Url { get; init; }
    public IReadOnlyList<ConfigKeyValue> Env { get; init; } = [];
    public IReadOnlyList<ConfigKeyValue> Headers { get; init; } = [];
    /// <summary>Auto-approval settings of this server: alwaysAllow / autoApprove lists or flags, "trust": true.</summary>
    public IReadOnlyList<ConfigKeyValue> AutoApproval { get; init; } = [];
    public bool Disabled { get; init; }

    /// <summary><c>client:ID/server:NAME</c> (with <c>/project:…</c> for per-project servers).</summary>
    public string LogicalPath(string clientId) =>
        Scope is null ? $"client:{clientId}/server:{Name}" : $"client:{clientId}/project:{Scope}/server:{Name}";
}
