namespace McpSentinel.Cli;

/// <summary>A mistake in how the tool was called or configured: printed as is, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
