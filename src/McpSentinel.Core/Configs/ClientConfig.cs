namespace McpSentinel.Core.Configs;

/// <summary>A parsed MCP client configuration file: the client it belongs to, its servers and the settings the audit reads.</summary>
public sealed record ClientConfig
{
    /// <summary>The path shown to users (relative to the scan root, or ~/… for files under the home directory).</summary>
    public required string Path { get; init; }
    public required ClientDefinition Client { get; init; }
    public required ConfigFormat Format { get; init; }
    public required IReadOnlyList<McpServerEntry> Servers { get; init; }
    /// <summary>Top-level settings named by the client definition that are present in the file.</summary>
    public IReadOnlyList<ConfigKeyValue> Settings { get; init; } = [];
}
