using McpSentinel.Core.Rules;

namespace McpSentinel.Core.Tests;

/// <summary>Small inline rules so engine tests do not depend on the shipped pack.</summary>
internal static class TestRules
{
    public static RuleSet Of(params string[] yamls)
    {
        var rules = new List<CompiledRule>();
        foreach (var yaml in yamls)
        {
            var loaded = RuleLoader.LoadText(yaml, "test.yaml");
            if (loaded.Errors.Count > 0) throw new InvalidOperationException(string.Join("\n", loaded.Errors));
            rules.AddRange(loaded.Rules);
        }
        return new RuleSet(rules);
    }

    public static string Rule(string id, string kind, string languages, string keywords, string pattern, string category = "command-injection", string extra = "") => $$"""
        id: {{id}}
        title: test rule {{id}}
        category: {{category}}
        severity: high
        confidence: medium
        kind: {{kind}}
        languages: {{languages}}
        keywords: {{keywords}}
        patterns: ['{{pattern}}']
        {{extra}}
        message: m
        description: d
        remediation: r
        cwe: [CWE-78]
        tests:
          match:
            - code: "x"
          no-match:
            - code: "y"
        """;

    public static readonly string ShellTrue = Rule("TEST-CMD-001", "code", "[python]", "[subprocess]", @"subprocess\.run\([^)]*shell=True");
    public static readonly string Poison = Rule("TEST-TP-001", "text", "[python]", "[\"ignore previous\"]", @"(?i)ignore previous instructions", "tool-poisoning");
    public static readonly string GitHubToken = Rule("TEST-SEC-001", "text", "[any]", "[ghp_]", @"\b(?<secret>ghp_[A-Za-z0-9]{36})\b", "hardcoded-secret");
    public static readonly string EntropyToken = Rule("TEST-SEC-002", "text", "[any]", "[token]", @"token\s*=\s*""(?<secret>[^""]{16,})""", "hardcoded-secret", "entropy: {min: 3.5}");
}
