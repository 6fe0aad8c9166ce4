namespace McpSentinel.Storage.Entities;

/// <summary>Where a scan's input comes from.</summary>
public static class SourceKinds
{
    /// <summary>A folder or file on the worker's file system, under the server's allowed roots.</summary>
    public const string Path = "path";
    /// <summary>An uploaded zip or tar.gz archive, kept in the scan row.</summary>
    public const string Archive = "archive";
    /// <summary>A recorded server snapshot (JSON), kept in the scan row.</summary>
    public const string Snapshot = "snapshot";
    /// <summary>A live MCP server (URL or stdio command) read when the scan runs; the spec is kept encrypted in the scan row.</summary>
    public const string Live = "live";
}
