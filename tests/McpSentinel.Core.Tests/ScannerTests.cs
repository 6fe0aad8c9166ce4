using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Core.Tests;

public sealed class ScannerTests
{
    private static ScanResult Scan(params string[] targets) =>
        new Scanner().Scan(new ScanOptions { Targets = targets, Rules = TestRules.Of(TestRules.ShellTrue, TestRules.GitHubToken), Jobs = 2 });

    [Fact]
    public void Scan_IsDeterministic_AndSorted()
    {
        using var tree = new TempTree();
        for (int i = 0; i < 30; i++) tree.WithFile($"d{i % 3}/f{i}.py", "x = 1\nsubprocess.run(c, shell=True)\nsubprocess.run(d, shell=True)\n");
        var a = Scan(tree.Root);
        var b = Scan(tree.Root);
        Assert.Equal(60, a.Findings.Count);
        Assert.Equal(a.Findings.Select(f => (f.Fingerprint, f.Location.Path, f.Location.StartLine)), b.Findings.Select(f => (f.Fingerprint, f.Location.Path, f.Location.StartLine)));
        var keys = a.Findings.Select(f => (f.Location.Path, f.Location.StartLine)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Path, StringComparer.Ordinal).ThenBy(k => k.StartLine), keys);
    }

    [Fact]
    public void Scan_MissingTarget_IsIncomplete()
    {
        var result = Scan("/definitely/not/here");
        Assert.True(result.Incomplete);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Scan_BadFiles_DoNotStopTheScan()
    {
        using var tree = new TempTree()
            .WithBytes("bin.py", [1, 2, 0, 4])
            .WithBytes("latin1.py", [.. "s = '"u8, 0xE9, .. "'\nsubprocess.run(c, shell=True)\n"u8])
            .WithFile("ok.py", "subprocess.run(c, shell=True)\n");
        var result = Scan(tree.Root);
        Assert.Equal(2, result.Findings.Count);
        Assert.Equal(1, result.FilesSkipped);
        Assert.False(result.Incomplete);
    }

    [Fact]
    public void Scan_SingleFileTarget_UsesItsName()
    {
        using var tree = new TempTree().WithFile("only.py", "subprocess.run(c, shell=True)\n");
        var finding = Assert.Single(Scan(tree.PathOf("only.py")).Findings);
        Assert.Equal("only.py", finding.Location.Path);
    }

    [Fact]
    public void Scan_SecretInAnotherRulesEvidence_IsMasked()
    {
        using var tree = new TempTree().WithFile("a.py", "subprocess.run(\"curl -H ghp_abcdefghijklmnopqrstuvwxyz0123456789 \" + u, shell=True)\n");
        var result = Scan(tree.Root);
        Assert.Equal(2, result.Findings.Count);
        Assert.All(result.Findings, f => Assert.DoesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789", f.Evidence, StringComparison.Ordinal));
    }

    [Fact]
    public void RiskScore_GrowsWithTheNumberOfFindings_AndStaysWithin100()
    {
        Assert.Equal(0, RiskScore.ForScan([]));
        using var one = new TempTree().WithFile("f0.py", "subprocess.run(c, shell=True)\n");
        var single = Scan(one.Root);
        var finding = Assert.Single(single.Findings);
        Assert.NotNull(finding.Risk);
        Assert.Equal(finding.Risk.Score, single.Summary.RiskScore); // one finding: the scan scores what it scores
        using var tree = new TempTree();
        for (int i = 0; i < 40; i++) tree.WithFile($"f{i}.py", "subprocess.run(c, shell=True)\n");
        var score = Scan(tree.Root).Summary.RiskScore;
        Assert.InRange(score, single.Summary.RiskScore + 1, 100);
    }
}
