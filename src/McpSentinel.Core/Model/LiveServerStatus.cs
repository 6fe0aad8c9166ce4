namespace McpSentinel.Core.Model;

/// <summary>One row of the live coverage table: a server, how it is reached (masked), where it was configured, and what
/// happened to it (<c>started</c>, <c>failed</c> or <c>skipped</c>) with the reason (for a failure, the tail of its stderr).</summary>
public sealed record LiveServerStatus(string Server, string Status, string Target, string? Source, string? Reason)
{
    public const string Started = "started";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
