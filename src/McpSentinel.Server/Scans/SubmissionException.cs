namespace McpSentinel.Server.Scans;

/// <summary>A scan request that cannot be accepted; the message tells the client why (HTTP 400 or 403).</summary>
public sealed class SubmissionException(string message, bool forbidden = false) : Exception(message)
{
    public bool Forbidden { get; } = forbidden;
}
