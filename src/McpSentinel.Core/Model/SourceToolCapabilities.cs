namespace McpSentinel.Core.Model;

/// <summary>What a tool's code was seen to do (by the semantic engine), as carried on a <see cref="SourceToolDefinition"/>:
/// the surface engine's toxic-flow labelling and annotation checks use them next to the tool's name and description.</summary>
public static class SourceToolCapabilities
{
    /// <summary>Returns third-party content (HTTP bodies from tool-chosen URLs, issues, e-mails) to the model (MCP-SEM-UNTRUSTED-001).</summary>
    public const string UntrustedInput = "untrusted-input";
    /// <summary>Reads files or a database.</summary>
    public const string PrivateData = "private-data";
    /// <summary>Sends data out: non-GET HTTP requests, e-mail.</summary>
    public const string Exfiltration = "exfiltration";
    /// <summary>Deletes files.</summary>
    public const string Destructive = "destructive";
    /// <summary>Writes files or a database.</summary>
    public const string Writes = "writes";
    /// <summary>Runs commands.</summary>
    public const string Executes = "executes";
}
