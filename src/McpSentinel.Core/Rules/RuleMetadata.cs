using McpSentinel.Core.Model;

namespace McpSentinel.Core.Rules;

/// <summary>What a rule says about itself: shared by static rules and by built-in detectors, and what reporters
/// show in rule tables (SARIF <c>tool.driver.rules</c>, docs pages).</summary>
public sealed record RuleMetadata
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Category { get; init; }
    public required Severity Severity { get; init; }
    public required Confidence Confidence { get; init; }
    public required string Message { get; init; }
    public required string Description { get; init; }
    public required string Remediation { get; init; }
    public IReadOnlyList<string> Cwe { get; init; } = [];
    public IReadOnlyList<string> Owasp { get; init; } = [];
    public IReadOnlyList<string> Mitre { get; init; } = [];
    public IReadOnlyList<string> References { get; init; } = [];
    public IReadOnlyList<string> Languages { get; init; } = [];

    public const string DocsBaseUrl = "https://github.com/mcp-sentinel/mcp-sentinel/blob/main/docs/rules/";

    public string HelpUri => DocsBaseUrl + Id + ".md";
}
