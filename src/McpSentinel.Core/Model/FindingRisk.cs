namespace McpSentinel.Core.Model;

/// <summary>A finding's risk score (0-100) and the factors it was computed from (<see cref="RiskScore"/>,
/// docs/risk-score.md).</summary>
public sealed record FindingRisk(
    int Score,
    Severity Severity,
    Confidence Confidence,
    Reachability Reachability,
    string ReachabilityReason,
    Exposure Exposure,
    string ExposureReason,
    Exploitation Exploitation,
    string? ExploitationSource);
