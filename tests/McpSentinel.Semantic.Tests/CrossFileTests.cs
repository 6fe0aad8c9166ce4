using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Scanning;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Semantic.Tests;

/// <summary>Calls into functions imported from other files of the project are followed during a scan.</summary>
public sealed class CrossFileTests
{
    private static ScanResult Scan(TempTree tree, params string[] engines) => new Scanner(engines: [new SemanticEngineProvider()]).Scan(new ScanOptions
    {
        Targets = [tree.Root],
        Rules = new RuleSet(RuleCatalog.BuiltinRules.Rules),
        Engines = engines,
        Jobs = 1,
    });

    private const string Server = """
        from mcp.server.fastmcp import FastMCP
        from lib.shell import run_cmd

        mcp = FastMCP("ops")

        @mcp.tool()
        def ping(host: str) -> str:
            return run_cmd(f"ping -c 1 {host}")
        """;

    [Fact]
    public void Scan_TaintIntoImportedFunction_ReportedInThatFileWithATraceAcrossFiles()
    {
        using var tree = new TempTree().WithFile("server.py", Server).WithFile("lib/shell.py", """
            import subprocess

            def run_cmd(command):
                return subprocess.run(command, shell=True, capture_output=True, text=True).stdout
            """);
        var result = Scan(tree, "static", "semantic");
        var finding = Assert.Single(result.Findings, f => f.Category == "command-injection");
        Assert.Equal(("semantic", "lib/shell.py", 4), (finding.Engine, finding.Location.Path, finding.Location.StartLine));
        var trace = finding.Trace!;
        Assert.Equal(("server.py", 7), (trace[0].Path, trace[0].Line));
        Assert.Contains(trace, s => s.Path == "server.py" && s.Note.Contains("imported from lib/shell.py", StringComparison.Ordinal));
        Assert.Equal(("lib/shell.py", 4), (trace[^1].Path, trace[^1].Line));
    }

    [Fact]
    public void Scan_ImportedFunctionWithAllowList_Quiet_AndStaticRuleSilencedThere()
    {
        using var tree = new TempTree().WithFile("server.py", Server).WithFile("lib/shell.py", """
            import subprocess
            ALLOWED = {"ping -c 1 localhost", "ping -c 1 example.com"}

            def run_cmd(command):
                if command not in ALLOWED:
                    raise ValueError("not allowed")
                return subprocess.run(command, shell=True, capture_output=True, text=True).stdout
            """);
        var result = Scan(tree, "static", "semantic");
        Assert.DoesNotContain(result.Findings, f => f.Category == "command-injection");
    }

    [Fact]
    public void Scan_InlineSuppressionInTheImportedFile_Applies()
    {
        using var tree = new TempTree().WithFile("server.py", Server).WithFile("lib/shell.py", """
            import subprocess

            def run_cmd(command):
                # mcp-sentinel: ignore[MCP-TAINT-CMD-001] commands come from a reviewed list upstream
                return subprocess.run(command, shell=True, capture_output=True, text=True).stdout
            """);
        var result = Scan(tree, "semantic");
        Assert.DoesNotContain(result.Findings, f => f.RuleId == "MCP-TAINT-CMD-001");
        Assert.Contains(result.SuppressedFindings, f => f.RuleId == "MCP-TAINT-CMD-001" && f.Location.Path == "lib/shell.py");
    }

    [Fact]
    public void Scan_ImportOutsideTheProject_NotFollowed()
    {
        using var tree = new TempTree().WithFile("server.py", Server);
        var result = Scan(tree, "semantic");
        Assert.Empty(result.Findings);
    }
}
