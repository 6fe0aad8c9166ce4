namespace McpSentinel.Core.Model;

/// <summary>How far the server a finding belongs to can be reached, ordered from least to most exposed (risk factor,
/// docs/risk-score.md).</summary>
public enum Exposure
{
    /// <summary>Started over stdio by the client, or served on a loopback address.</summary>
    Local = 0,
    /// <summary>Not known from the scanned inputs (source code and manifests alone do not say how a server is run).</summary>
    Unknown = 1,
    /// <summary>Served over HTTP/SSE on a non-loopback address with credentials (an authorization header or token).</summary>
    Remote = 2,
    /// <summary>Served over HTTP/SSE on a non-loopback address with no credentials configured.</summary>
    RemoteUnauthenticated = 3,
}
