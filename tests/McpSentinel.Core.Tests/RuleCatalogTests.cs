using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Core.Tests;

/// <summary>The verifier over every shipped rule: loads, compiles, self-tests, ids, docs pages, coverage.</summary>
public sealed class RuleCatalogTests
{
    private static readonly RuleLoadResult Builtin = RuleLoader.LoadBuiltin();

    [Fact]
    public void BuiltinRules_Load_WithoutErrors()
    {
        Assert.Empty(Builtin.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void BuiltinRules_SelfTests_AllPass()
    {
        var problems = RuleVerifier.Verify(Builtin.Rules).Select(e => e.ToString()).ToList();
        Assert.True(problems.Count == 0, "rule self-test failures:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void BuiltinRules_AreAtLeast150_WithUniqueIds()
    {
        Assert.True(Builtin.Rules.Count >= 150, $"only {Builtin.Rules.Count} rules");
        Assert.Equal(Builtin.Rules.Count, Builtin.Rules.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void BuiltinRules_EachHasAnUpToDateDocPage()
    {
        var problems = new List<string>();
        foreach (var rule in Builtin.Rules)
        {
            var path = RepoPaths.Of($"docs/rules/{rule.Id}.md");
            if (!File.Exists(path)) problems.Add($"{rule.Id}: missing {path}");
            else if (File.ReadAllText(path) != RuleDocPage.Render(rule)) problems.Add($"{rule.Id}: page is stale (run: mcp-sentinel rules docs --output docs/rules)");
        }
        var orphans = Directory.EnumerateFiles(RepoPaths.Of("docs/rules"), "MCP-*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(id => Builtin.Rules.All(r => r.Id != id))
            .Where(id => !McpSentinel.Core.Configs.ConfigRules.ById.ContainsKey(id!)) // engine rules have hand-written pages
            .Where(id => McpSentinel.Core.Deps.DepsEngine.Rules.All(r => r.Id != id))
            .Where(id => !McpSentinel.Core.Surface.SurfaceRules.ById.ContainsKey(id!))
            .Where(id => !id!.StartsWith("MCP-TAINT-", StringComparison.Ordinal)) // semantic engine rules: checked in McpSentinel.Semantic.Tests
            .Where(id => !id!.StartsWith("MCP-SEM-", StringComparison.Ordinal)) // semantic engine MCP checks: checked in McpSentinel.Semantic.Tests
            .ToList();
        problems.AddRange(orphans.Select(o => $"{o}: page without a rule"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void BuiltinRules_LiveInFilesNamedAfterTheirId()
    {
        foreach (var rule in Builtin.Rules)
        {
            var file = rule.Source[(rule.Source.LastIndexOf('/') + 1)..];
            Assert.StartsWith(rule.Id + "-", file, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Categories.HardcodedSecret, 41)]
    [InlineData(Categories.CommandInjection, 8)]
    [InlineData(Categories.CodeInjection, 5)]
    [InlineData(Categories.PathTraversal, 4)]
    [InlineData(Categories.Ssrf, 3)]
    [InlineData(Categories.SqlInjection, 4)]
    [InlineData(Categories.UnsafeDeserialization, 4)]
    [InlineData(Categories.WeakCrypto, 4)]
    [InlineData(Categories.InsecureConfig, 5)]
    [InlineData(Categories.SensitiveFileAccess, 3)]
    [InlineData(Categories.Xss, 2)]
    [InlineData(Categories.ToolPoisoning, 6)]
    public void BuiltinRules_CoverEachRequiredCategory(string category, int minimum)
    {
        int count = Builtin.Rules.Count(r => r.Metadata.Category == category);
        Assert.True(count >= minimum, $"{category}: {count} rules, expected at least {minimum}");
    }

    [Fact]
    public void BuiltinSecretRules_MaskTheirSecret_AndTargetEveryFileKind()
    {
        foreach (var rule in Builtin.Rules.Where(r => r.Metadata.Category == Categories.HardcodedSecret))
        {
            Assert.Equal(RuleKind.Text, rule.Kind);
            Assert.Null(rule.LanguageSet);
        }
    }

    [Fact]
    public void Verifier_ReportsAFailingSample()
    {
        const string yaml = """
            id: TEST-BAD-001
            title: t
            category: other
            severity: low
            confidence: low
            kind: code
            languages: [python]
            keywords: [danger]
            patterns: ['danger\(']
            message: m
            description: d
            remediation: r
            cwe: [CWE-20]
            tests:
              match:
                - code: "safe()"
              no-match:
                - code: "danger()"
            """;
        var loaded = RuleLoader.LoadText(yaml, "inline.yaml");
        Assert.Empty(loaded.Errors);
        var problems = RuleVerifier.Verify(loaded.Rules);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Message.Contains("was not flagged", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("was flagged", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("id: bad id", "must look like")]
    [InlineData("patterns: ['(unclosed']", "does not compile")]
    [InlineData("keywords: [ab]", "too short")]
    [InlineData("category: nonsense", "unknown category")]
    [InlineData("severity: urgent", "severity must be")]
    [InlineData("unknown-key: 1", "unknown key")]
    public void Loader_RejectsBrokenRules_WithAReason(string replacement, string expected)
    {
        var lines = new Dictionary<string, string>
        {
            ["id"] = "id: TEST-OK-001", ["title"] = "title: t", ["category"] = "category: other", ["severity"] = "severity: low",
            ["confidence"] = "confidence: low", ["kind"] = "kind: code", ["languages"] = "languages: [python]",
            ["keywords"] = "keywords: [danger]", ["patterns"] = "patterns: ['danger\\(']", ["message"] = "message: m",
            ["description"] = "description: d", ["remediation"] = "remediation: r", ["cwe"] = "cwe: [CWE-20]",
            ["tests"] = "tests:\n  match:\n    - code: \"danger()\"\n  no-match:\n    - code: \"safe()\"",
        };
        var key = replacement.Split(':')[0];
        if (lines.ContainsKey(key)) lines[key] = replacement; else lines[key] = replacement;
        var loaded = RuleLoader.LoadText(string.Join("\n", lines.Values), "inline.yaml");
        Assert.Empty(loaded.Rules);
        Assert.Contains(loaded.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
    }
}
