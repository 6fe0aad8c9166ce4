namespace McpSentinel.Core.Configs;

/// <summary>A configuration file that is not well-formed JSON, TOML or YAML. <see cref="Line"/> is 1-based (0 when unknown).</summary>
public sealed class ConfigParseException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
