namespace McpSentinel.Core.Model;

/// <summary>The threat-taxonomy entries of a finding, split by framework: CWE, OWASP Top 10 for LLM Applications 2025,
/// OWASP MCP Top 10, OWASP Top 10 for Agentic Applications 2026, MITRE ATT&amp;CK and MITRE ATLAS. Where a framework
/// has no fitting entry, <see cref="NotApplicable"/> says why (keyed by framework).</summary>
public sealed record FindingTaxonomy
{
    public IReadOnlyList<string> Cwe { get; init; } = [];
    public IReadOnlyList<string> OwaspLlm { get; init; } = [];
    public IReadOnlyList<string> OwaspMcp { get; init; } = [];
    public IReadOnlyList<string> OwaspAgentic { get; init; } = [];
    public IReadOnlyList<string> Attack { get; init; } = [];
    public IReadOnlyList<string> Atlas { get; init; } = [];
    public IReadOnlyDictionary<string, string> NotApplicable { get; init; } = new Dictionary<string, string>();
}
