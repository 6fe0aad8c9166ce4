using McpSentinel.Core.Configs;
using McpSentinel.Core.Deps;
using McpSentinel.Core.Intel;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Surface;
using Xunit;

namespace McpSentinel.Core.Tests.Compliance;

public sealed class TaxonomyCatalogTests
{
    private static readonly TaxonomyCatalog Catalog = TaxonomyCatalog.Default;

    /// <summary>Every rule Core ships: YAML rules, config, surface/pin and deps detectors (taint rules live in the
    /// Semantic project and are checked by its tests).</summary>
    private static IEnumerable<RuleMetadata> CoreRules() =>
        RuleCatalog.BuiltinRules.Rules.Select(r => r.Metadata).Concat(ConfigRules.All).Concat(SurfaceRules.All).Concat(DepsEngine.Rules);

    [Fact]
    public void EveryShippedRule_ResolvesToACwe_AndAnOwaspLlmEntry_OrSaysWhyNot()
    {
        var rules = CoreRules().ToList();
        Assert.True(rules.Count > 300, $"only {rules.Count} rules loaded");
        foreach (var rule in rules)
        {
            var t = Catalog.Resolve(rule.Id, rule.Category, rule.Cwe, rule.Owasp, rule.Mitre);
            Assert.True(t.Cwe.Count > 0 || t.NotApplicable.ContainsKey(TaxonomyCatalog.Cwe), $"{rule.Id}: no CWE and no reason");
            Assert.True(t.OwaspLlm.Count > 0 || t.NotApplicable.ContainsKey(TaxonomyCatalog.OwaspLlm), $"{rule.Id}: no OWASP LLM entry and no reason");
            foreach (var framework in TaxonomyCatalog.Frameworks)
            {
                Assert.True(TaxonomyCatalog.Get(t, framework).Count > 0 || t.NotApplicable.ContainsKey(framework), $"{rule.Id}: {framework} neither mapped nor explained");
            }
        }
    }

    [Fact]
    public void RuleEntries_NameOnlyRulesThatExist()
    {
        var known = CoreRules().Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        // MCP-TAINT-* ids are checked against TaintRules by McpSentinel.Semantic.Tests
        foreach (var id in Catalog.Rules.Keys.Where(id => !id.StartsWith("MCP-TAINT-", StringComparison.Ordinal)))
        {
            Assert.True(known.Contains(id), $"mappings.json names rule {id}, which does not exist (stale entry)");
        }
    }

    [Fact]
    public void Table_CoversEveryCategory_WithWellFormedIds_AndCitesEachFramework()
    {
        foreach (var category in Categories.All) Assert.True(Catalog.Categories.ContainsKey(category), $"no mapping for {category}");
        var entries = Catalog.Categories.Values.Concat(Catalog.Rules.Values).ToList();
        foreach (var e in entries)
        {
            Assert.All(e.Cwe, id => Assert.Matches(@"^CWE-\d{1,5}$", id));
            Assert.All(e.OwaspLlm, id => Assert.Matches(@"^LLM(0[1-9]|10):2025$", id));
            Assert.All(e.OwaspMcp, id => Assert.Matches(@"^MCP(0[1-9]|10):2025$", id));
            Assert.All(e.OwaspAgentic, id => Assert.Matches(@"^ASI(0[1-9]|10):2026$", id));
            Assert.All(e.Attack, id => Assert.Matches(@"^T\d{4}(\.\d{3})?$", id));
            Assert.All(e.Atlas, id => Assert.Matches(@"^AML\.T\d{4}(\.\d{3})?$", id));
            Assert.All(e.NotApplicable.Keys, k => Assert.Contains(k, TaxonomyCatalog.Frameworks));
        }
        foreach (var framework in TaxonomyCatalog.Frameworks)
        {
            Assert.True(Catalog.Sources.TryGetValue(framework, out var source), $"no source for {framework}");
            Assert.StartsWith("https://", source.Url, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Resolve_UnknownRuleId_FallsBackToItsCategory()
    {
        var t = Catalog.Resolve("MCP-NEW-999", Categories.CommandInjection, [], [], []);
        Assert.Equal(["CWE-78"], t.Cwe);
        Assert.Contains("LLM05:2025", t.OwaspLlm);
        Assert.Contains("MCP05:2025", t.OwaspMcp);
        Assert.Contains("ASI05:2026", t.OwaspAgentic);
        Assert.Contains("T1059", t.Attack);
    }

    [Fact]
    public void Resolve_KeepsTheRulesOwnEntries_AndAddsThePerRuleAdditions()
    {
        // MCP-CONF-010 (auto-approval, insecure-config) has its own CWE-862 and T1204; the table adds ASI09 and MCP02
        var rule = ConfigRules.AutoApproval;
        var t = Catalog.Resolve(rule.Id, rule.Category, rule.Cwe, rule.Owasp, rule.Mitre);
        Assert.Equal(["CWE-862"], t.Cwe); // the category's CWE is only a default
        Assert.Contains("T1204", t.Attack);
        Assert.Contains("ASI09:2026", t.OwaspAgentic);
        Assert.Contains("MCP02:2025", t.OwaspMcp);
        Assert.Contains("MCP07:2025", t.OwaspMcp); // from the category
        Assert.Contains("LLM06:2025", t.OwaspLlm);
    }

    [Fact]
    public void Resolve_OtherCategory_HasNoEntries_AndSaysWhy()
    {
        var t = Catalog.Resolve("MCP-X-1", Categories.Other, [], [], []);
        Assert.Empty(t.Cwe);
        Assert.Empty(t.OwaspLlm);
        Assert.Equal(TaxonomyCatalog.Frameworks.Count, t.NotApplicable.Count);
        var own = Catalog.Resolve("MCP-X-1", Categories.Other, ["CWE-20"], ["LLM01:2025"], []);
        Assert.Equal(["CWE-20"], own.Cwe);
        Assert.False(own.NotApplicable.ContainsKey(TaxonomyCatalog.Cwe));
    }

    [Fact]
    public void Enrich_ExtendsTheContractFields_WithoutLosingOtherLists()
    {
        var f = new Finding
        {
            Fingerprint = "fp", RuleId = "MCP-NEW-1", Title = "t", Category = Categories.PromptInjection, Severity = Severity.High, Confidence = Confidence.High,
            Engine = "static", Message = "m", Remediation = "r", Location = new Location("a.py", 1, 1, 1, 1), Evidence = "",
            Owasp = ["A03:2021"],
        };
        var e = Catalog.Enrich(f);
        Assert.NotNull(e.Taxonomy);
        Assert.Contains("A03:2021", e.Owasp); // the OWASP web Top 10 id stays
        Assert.Contains("LLM01:2025", e.Owasp);
        Assert.Contains("MCP06:2025", e.Owasp);
        Assert.Contains("ASI01:2026", e.Owasp);
        Assert.Contains("AML.T0051", e.Mitre);
        Assert.Equal(["CWE-1427"], e.Cwe);
    }
}
