namespace McpSentinel.Core.Intel;

/// <summary>A CVSS base score as the advisory publishes it (version "3.0", "3.1" or "4.0").</summary>
public sealed record CvssScore(string Version, double? Score, string? Vector);
