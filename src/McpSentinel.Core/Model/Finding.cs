namespace McpSentinel.Core.Model;

/// <summary>One reported problem. Immutable; evidence never holds a secret in clear.</summary>
public sealed record Finding
{
    public required string Fingerprint { get; init; }
    public required string RuleId { get; init; }
    public required string Title { get; init; }
    public required string Category { get; init; }
    public required Severity Severity { get; init; }
    public required Confidence Confidence { get; init; }
    public required string Engine { get; init; }
    public required string Message { get; init; }
    public required string Remediation { get; init; }
    public required Location Location { get; init; }
    public required string Evidence { get; init; }
    public IReadOnlyList<string> Cwe { get; init; } = [];
    public IReadOnlyList<string> Owasp { get; init; } = [];
    public IReadOnlyList<string> Mitre { get; init; } = [];
    public IReadOnlyList<string> References { get; init; } = [];
    public IReadOnlyList<TraceStep>? Trace { get; init; }
    /// <summary>Exposure and exploitation an engine knows about (config, surface, deps); null when it knows nothing.</summary>
    public RiskSignals? Signals { get; init; }
    /// <summary>The finding's risk score and its factors; set by aggregation (<see cref="RiskScore.Assess"/>).</summary>
    public FindingRisk? Risk { get; init; }
    /// <summary>CWE / OWASP / MITRE entries by framework; set by aggregation from the mapping table.</summary>
    public FindingTaxonomy? Taxonomy { get; init; }
}
