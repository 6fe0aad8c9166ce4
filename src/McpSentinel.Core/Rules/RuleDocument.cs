
namespace McpSentinel.Core.Rules;

/// <summary>The YAML shape of a rule file (see docs/rule-format.md). Only a transfer object:
/// <see cref="RuleCompiler"/> turns it into an immutable <see cref="CompiledRule"/>.</summary>
internal sealed class RuleDocument
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Category { get; set; }
    public string? Severity { get; set; }
    public string? Confidence { get; set; }
    public string? Kind { get; set; }
    public List<string>? Languages { get; set; }
    public List<string>? Keywords { get; set; }
    public int? Window { get; set; }
    public List<string>? Patterns { get; set; }
    public List<string>? ExcludePatterns { get; set; }
    public EntropyDocument? Entropy { get; set; }
    public string? Message { get; set; }
    public string? Description { get; set; }
    public string? Remediation { get; set; }
    public List<string>? Cwe { get; set; }
    public List<string>? Owasp { get; set; }
    public List<string>? Mitre { get; set; }
    public List<string>? References { get; set; }
    public RuleTestsDocument? Tests { get; set; }
}

internal sealed class EntropyDocument
{
    public double Min { get; set; }
}

internal sealed class RuleTestsDocument
{
    public List<RuleSampleDocument>? Match { get; set; }
    public List<RuleSampleDocument>? NoMatch { get; set; }
}

internal sealed class RuleSampleDocument
{
    public string? Lang { get; set; }
    public string? Code { get; set; }
}
