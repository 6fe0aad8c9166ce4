namespace McpSentinel.Server.Scans;

/// <summary>An archive that is malformed, too big, or tries to write outside its folder.</summary>
public sealed class ArchiveException(string message, Exception? inner = null) : Exception(message, inner);
