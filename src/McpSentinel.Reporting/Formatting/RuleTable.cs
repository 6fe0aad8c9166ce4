using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;

namespace McpSentinel.Reporting.Formatting;

/// <summary>The rules behind a result's findings: the result's own rule metadata, completed from the findings themselves
/// for rules it does not describe (a result read back from a JSON report carries no rule table).</summary>
public static class RuleTable
{
    public static IReadOnlyList<RuleMetadata> For(ScanResult result)
    {
        var rules = result.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var f in result.Findings.Concat(result.SuppressedFindings))
        {
            if (rules.ContainsKey(f.RuleId)) continue;
            rules[f.RuleId] = new RuleMetadata
            {
                Id = f.RuleId, Title = f.Title, Category = f.Category, Severity = f.Severity, Confidence = f.Confidence,
                Message = f.Message, Description = f.Message, Remediation = f.Remediation,
                Cwe = f.Cwe, Owasp = f.Owasp, Mitre = f.Mitre, References = f.References,
            };
        }
        return rules.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Where a finding is, in one short string: <c>path:line</c>, or the logical path for surface findings.</summary>
    public static string Where(Finding f) =>
        f.Location.Path is { Length: > 0 } p ? $"{p}:{f.Location.StartLine}" : f.Location.LogicalPath ?? "(no location)";

    /// <summary>The grouping key of a finding: its file, or its logical path.</summary>
    public static string FileOf(Finding f) =>
        f.Location.Path is { Length: > 0 } p ? p : f.Location.LogicalPath ?? "(no location)";
}
