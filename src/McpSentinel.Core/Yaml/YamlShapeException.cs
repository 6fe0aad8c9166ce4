namespace McpSentinel.Core.Yaml;

/// <summary>A YAML document that parsed but does not have the expected shape; carries the 1-based position.</summary>
public sealed class YamlShapeException(long line, long column, string message) : Exception(message)
{
    public long Line { get; } = line;
    public long Column { get; } = column;
}
