namespace McpSentinel.Core.Model;

/// <summary>What an engine knows about a finding's exposure and exploitation, for the risk score. Null members mean
/// "the engine does not know"; aggregation fills the defaults.</summary>
public sealed record RiskSignals
{
    public Exposure? Exposure { get; init; }
    public string? ExposureReason { get; init; }
    public Exploitation Exploitation { get; init; }
    /// <summary>The public page that says the advisory is exploited or malicious.</summary>
    public string? ExploitationSource { get; init; }
}
