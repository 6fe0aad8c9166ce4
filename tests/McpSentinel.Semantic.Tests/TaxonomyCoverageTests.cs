using McpSentinel.Core.Configs;
using McpSentinel.Core.Deps;
using McpSentinel.Core.Intel;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Surface;
using McpSentinel.Semantic.Taint;
using Xunit;

namespace McpSentinel.Semantic.Tests;

/// <summary>The mapping table against every rule id the product ships, taint rules included (Core's tests cannot see
/// them): each resolves to a CWE and an OWASP LLM entry, and the table names no rule that does not exist.</summary>
public sealed class TaxonomyCoverageTests
{
    private static IEnumerable<RuleMetadata> AllRules() =>
        RuleCatalog.BuiltinRules.Rules.Select(r => r.Metadata).Concat(ConfigRules.All).Concat(SurfaceRules.All).Concat(DepsEngine.Rules).Concat(TaintRules.All);

    [Fact]
    public void TaintRules_ResolveToACwe_AndAnOwaspLlmEntry()
    {
        foreach (var rule in TaintRules.All)
        {
            var t = TaxonomyCatalog.Default.Resolve(rule.Id, rule.Category, rule.Cwe, rule.Owasp, rule.Mitre);
            Assert.NotEmpty(t.Cwe);
            Assert.NotEmpty(t.OwaspLlm);
            // an MCP Top 10 entry, or the table's reason why none fits (cross-site scripting has none)
            Assert.True(t.OwaspMcp.Count > 0 || t.NotApplicable.ContainsKey("owaspMcp"), rule.Id + ": no OWASP MCP entry and no reason");
        }
    }

    [Fact]
    public void TableRuleEntries_AllExist_AmongEveryShippedRule()
    {
        var known = AllRules().Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var stale = TaxonomyCatalog.Default.Rules.Keys.Where(id => !known.Contains(id)).ToList();
        Assert.True(stale.Count == 0, "stale rule entries in mappings.json: " + string.Join(", ", stale));
    }
}
