namespace McpSentinel.Core.Configuration;

/// <summary>A configuration or suppression file that cannot be used: the message names the file, the line and the reason.</summary>
public sealed class ConfigException(string message) : Exception(message);
