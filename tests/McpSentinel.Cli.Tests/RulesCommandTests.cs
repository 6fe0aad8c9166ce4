using System.Text.Json;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Cli.Tests;

public sealed class RulesCommandTests
{
    [Fact]
    public void RulesList_Json_ListsTheBuiltinPack()
    {
        var run = CliRunner.Invoke(RepoPaths.Root, "rules", "list", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.True(doc.RootElement.GetArrayLength() >= 150, $"{doc.RootElement.GetArrayLength()} rules");
    }

    [Fact]
    public void RulesVerify_FailingSelfTest_Exits1_AndSaysWhich()
    {
        using var tree = new TempTree().WithFile("r.yaml", """
            id: ACME-BAD-001
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
              match: [{code: "harmless()"}]
              no-match: [{code: "x = 1"}]
            """);
        var run = CliRunner.Invoke(tree.Root, "rules", "verify", ".");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ACME-BAD-001", run.Out, StringComparison.Ordinal);
        Assert.Contains("was not flagged", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesVerify_Builtin_Passes()
    {
        var run = CliRunner.Invoke(RepoPaths.Root, "rules", "verify");
        Assert.True(run.ExitCode == 0, run.Out);
        Assert.Contains("all passed", run.Out, StringComparison.Ordinal);
    }
}
