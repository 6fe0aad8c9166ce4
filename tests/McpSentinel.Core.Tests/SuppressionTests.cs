using McpSentinel.Core.Configuration;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Core.Suppression;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Core.Tests;

public sealed class SuppressionTests
{
    private static ScanResult Scan(TempTree tree, Func<ScanOptions, ScanOptions>? configure = null)
    {
        var options = new ScanOptions { Targets = [tree.Root], Rules = TestRules.Of(TestRules.ShellTrue, TestRules.GitHubToken), Jobs = 2 };
        return new Scanner().Scan(configure?.Invoke(options) ?? options);
    }

    private const string Bad = "subprocess.run(cmd, shell=True)\n";

    [Fact]
    public void InlineComment_OnSameLineOrAbove_SuppressesOnlyThatRule()
    {
        using var tree = new TempTree().WithFile("a.py",
            "subprocess.run(a, shell=True)  # mcp-sentinel: ignore[TEST-CMD-001] constant in practice\n" +
            "# mcp-sentinel: ignore[TEST-CMD-001] reviewed\n" +
            "subprocess.run(b, shell=True)\n" +
            "# mcp-sentinel: ignore[OTHER-RULE-001] wrong id\n" +
            "subprocess.run(c, shell=True)\n");
        var result = Scan(tree);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(5, finding.Location.StartLine);
        Assert.Equal(2, result.Summary.Suppressed);
    }

    [Fact]
    public void Fingerprints_StayStable_WhenLinesAreInsertedAbove()
    {
        using var tree = new TempTree().WithFile("a.py", Bad);
        var before = Assert.Single(Scan(tree).Findings);
        tree.WithFile("a.py", "import os\n\n\n" + Bad);
        var after = Assert.Single(Scan(tree).Findings);
        Assert.Equal(4, after.Location.StartLine);
        Assert.Equal(before.Fingerprint, after.Fingerprint);
    }

    [Fact]
    public void Fingerprints_DifferForIdenticalLinesInOneFile()
    {
        using var tree = new TempTree().WithFile("a.py", Bad + Bad);
        var findings = Scan(tree).Findings;
        Assert.Equal(2, findings.Count);
        Assert.NotEqual(findings[0].Fingerprint, findings[1].Fingerprint);
    }

    [Fact]
    public void Baseline_HidesKnownFindings_AndReportsNewOnes()
    {
        using var tree = new TempTree().WithFile("a.py", Bad);
        var first = Scan(tree);
        var baseline = Baseline.Parse(Baseline.From(first.Findings, DateTimeOffset.UnixEpoch, "test").ToJson(), "b.json");
        tree.WithFile("b.py", "subprocess.run(new, shell=True)\n");
        var second = Scan(tree, o => o with { BaselineFingerprints = baseline.Fingerprints() });
        var finding = Assert.Single(second.Findings);
        Assert.Equal("b.py", finding.Location.Path);
        Assert.Equal(1, second.Summary.Suppressed);
    }

    [Fact]
    public void Baseline_Malformed_IsAClearError()
    {
        var ex = Assert.Throws<FormatException>(() => Baseline.Parse("{ not json", "b.json"));
        Assert.Contains("b.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SuppressionFileEntries_ByRuleAndPath_ByFingerprint_AndExpiry()
    {
        using var tree = new TempTree().WithFile("tests/a.py", Bad).WithFile("src/b.py", Bad).WithFile("src/c.py", Bad);
        var c = Scan(tree).Findings.Single(f => f.Location.Path == "src/c.py");
        var entries = new[]
        {
            new SuppressionEntry("TEST-CMD-001", "tests/**", null, "test fixtures", null),
            new SuppressionEntry(null, null, c.Fingerprint, "reviewed", null),
            new SuppressionEntry("TEST-CMD-001", "src/b.py", null, "expired", new DateOnly(2000, 1, 1)),
        };
        var result = Scan(tree, o => o with { Suppressions = entries });
        Assert.Equal(new string?[] { "src/b.py" }, result.Findings.Select(f => f.Location.Path).ToArray());
        Assert.Equal(2, result.Summary.Suppressed);
    }

    [Fact]
    public void SuppressionFile_WithoutReason_IsRejected()
    {
        using var tree = new TempTree().WithFile("s.yml", "suppressions:\n  - rule: X-Y-001\n");
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.LoadSuppressionFile(tree.PathOf("s.yml")));
        Assert.Contains("reason", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MinSeverityAndConfidence_FilterTheReport()
    {
        using var tree = new TempTree().WithFile("a.py", Bad);
        Assert.Empty(Scan(tree, o => o with { MinSeverity = Severity.Critical }).Findings);
        Assert.Empty(Scan(tree, o => o with { MinConfidence = Confidence.High }).Findings);
        Assert.Single(Scan(tree, o => o with { MinSeverity = Severity.High }).Findings);
    }
}
