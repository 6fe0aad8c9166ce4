using System.Text.Json;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Cli.Tests;

public sealed class ScanCommandTests
{
    private const string Token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Vulnerable = "import subprocess\n\ndef run(cmd):\n    subprocess.run(f\"sh {cmd}\", shell=True)\n";

    [Fact]
    public void Scan_CleanTree_Exits0()
    {
        using var tree = new TempTree().WithFile("ok.py", "def add(a: int, b: int) -> int:\n    return a + b\n");
        var run = CliRunner.Invoke(tree.Root, "scan", ".");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No findings.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_HighFinding_Exits1_UnlessFailOnIsAbove()
    {
        using var tree = new TempTree().WithFile("bad.py", Vulnerable);
        Assert.Equal(1, CliRunner.Invoke(tree.Root, "scan", tree.Root).ExitCode);
        Assert.Equal(0, CliRunner.Invoke(tree.Root, "scan", tree.Root, "--fail-on", "critical").ExitCode);
        Assert.Equal(0, CliRunner.Invoke(tree.Root, "scan", tree.Root, "--fail-on", "none").ExitCode);
    }

    [Theory]
    [InlineData("scan", "--no-such-flag")]
    [InlineData("scan", "--format", "docx")]
    [InlineData("scan", "--fail-on", "urgent")]
    [InlineData("scan", "--engines", "quantum")]
    [InlineData("scan", "--max-file-size", "huge")]
    [InlineData("frobnicate")]
    public void UsageErrors_Exit2_WithAMessage(params string[] args)
    {
        using var tree = new TempTree().WithFile("a.py", "x = 1\n");
        var run = CliRunner.Invoke(tree.Root, args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedConfig_Exits2_NamingFileAndLine()
    {
        using var tree = new TempTree().WithFile("a.py", "x = 1\n").WithFile(".mcp-sentinel.yml", "fail-on: high\nexclude: [unclosed\n");
        var run = CliRunner.Invoke(tree.Root, "scan", ".");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(".mcp-sentinel.yml:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_FailOn_IsUsed_AndFlagsWin()
    {
        using var tree = new TempTree().WithFile("bad.py", Vulnerable).WithFile(".mcp-sentinel.yml", "fail-on: critical\n");
        Assert.Equal(0, CliRunner.Invoke(tree.Root, "scan", ".").ExitCode);
        Assert.Equal(1, CliRunner.Invoke(tree.Root, "scan", ".", "--fail-on", "high").ExitCode);
    }

    [Fact]
    public void MissingTarget_Exits3()
    {
        using var tree = new TempTree();
        var run = CliRunner.Invoke(tree.Root, "scan", "does-not-exist", "--format", "json");
        Assert.Equal(3, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.True(doc.RootElement.GetProperty("scan").GetProperty("incomplete").GetBoolean());
    }

    [Fact]
    public void SeveralFormats_InOneRun_WriteEveryFile()
    {
        using var tree = new TempTree().WithFile("bad.py", Vulnerable);
        var run = CliRunner.Invoke(tree.Root, "scan", ".", "--format", "json", "--output", "out/r.json", "--format", "sarif", "--output", "out/r.sarif", "--output", "out/r.txt");
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(tree.PathOf("out/r.json")));
        Assert.True(json.RootElement.GetProperty("summary").GetProperty("total").GetInt32() >= 1);
        using var sarif = JsonDocument.Parse(File.ReadAllText(tree.PathOf("out/r.sarif")));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        Assert.Contains("bad.py", File.ReadAllText(tree.PathOf("out/r.txt")), StringComparison.Ordinal);
        Assert.Contains("finding(s)", run.Error, StringComparison.Ordinal); // one-line summary when nothing goes to stdout
    }

    [Fact]
    public void Secrets_NeverAppearInClear_InAnyFormat()
    {
        using var tree = new TempTree()
            .WithFile("config.py", $"GITHUB_TOKEN = \"{Token}\"\n")
            .WithFile(".env", $"GH={Token}\n")
            .WithFile("run.py", $"import subprocess\nsubprocess.run(\"curl -H 'Authorization: {Token}' \" + url, shell=True)\n");
        foreach (var format in new[] { "text", "json", "sarif" })
        {
            var run = CliRunner.Invoke(tree.Root, "scan", ".", "--format", format);
            Assert.Equal(1, run.ExitCode);
            Assert.DoesNotContain(Token, run.Out, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, run.Error, StringComparison.Ordinal);
            Assert.Contains("ghp_****", run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Baseline_Create_ThenScan_ReportsOnlyNewFindings()
    {
        using var tree = new TempTree().WithFile("bad.py", Vulnerable);
        var create = CliRunner.Invoke(tree.Root, "baseline", "create", ".", "--output", "base.json");
        Assert.Equal(0, create.ExitCode);
        Assert.True(File.Exists(tree.PathOf("base.json")));

        var again = CliRunner.Invoke(tree.Root, "scan", ".", "--baseline", "base.json", "--format", "json");
        Assert.Equal(0, again.ExitCode);
        using (var doc = JsonDocument.Parse(again.Out))
        {
            Assert.Equal(0, doc.RootElement.GetProperty("summary").GetProperty("total").GetInt32());
            Assert.True(doc.RootElement.GetProperty("summary").GetProperty("suppressed").GetInt32() >= 1);
        }

        tree.WithFile("bad.py", "import os\n# a new line above\n" + Vulnerable + "\ndef more(x):\n    subprocess.call(x + ' -v', shell=True)\n");
        var later = CliRunner.Invoke(tree.Root, "scan", ".", "--baseline", "base.json", "--format", "json");
        Assert.Equal(1, later.ExitCode);
        using var later_ = JsonDocument.Parse(later.Out);
        var findings = later_.RootElement.GetProperty("findings");
        Assert.All(findings.EnumerateArray(), f => Assert.True(f.GetProperty("location").GetProperty("startLine").GetInt32() >= 8));
    }

    [Fact]
    public void UserRules_AreLoaded_AndBrokenOnes_Exit2()
    {
        using var tree = new TempTree().WithFile("a.py", "frobnicate(user_input)\n").WithFile("my-rules/r.yaml", """
            id: ACME-FROB-001
            title: frobnicate call
            category: other
            severity: high
            confidence: high
            kind: code
            languages: [python]
            keywords: [frobnicate]
            patterns: ['frobnicate\(']
            message: frobnicate is banned here
            description: Our own rule.
            remediation: Use defrobnicate.
            cwe: [CWE-20]
            tests:
              match: [{code: "frobnicate(x)"}]
              no-match: [{code: "# frobnicate(x)"}]
            """);
        var run = CliRunner.Invoke(tree.Root, "scan", "a.py", "--rules", "my-rules", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ACME-FROB-001", run.Out, StringComparison.Ordinal);

        tree.WithFile("my-rules/broken.yaml", "id: [not closed\n");
        var broken = CliRunner.Invoke(tree.Root, "scan", "a.py", "--rules", "my-rules");
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("broken.yaml", broken.Error, StringComparison.Ordinal);
    }
}
