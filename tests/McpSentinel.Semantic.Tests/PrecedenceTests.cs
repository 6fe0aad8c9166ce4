using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Scanning;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Semantic.Tests;

/// <summary>The semantic engine's verdict on a sink wins over the static rules for the same line and category.</summary>
public sealed class PrecedenceTests
{
    private const string Server = """
        import os
        import subprocess
        from mcp.server.fastmcp import FastMCP

        mcp = FastMCP("demo")

        @mcp.tool()
        def run(cmd: str) -> str:
            return subprocess.run(cmd, shell=True, capture_output=True).stdout

        @mcp.tool()
        def uptime() -> str:
            return subprocess.run("uptime", shell=True, capture_output=True).stdout

        @mcp.tool()
        def listing(folder: str) -> str:
            return subprocess.run(["ls", "-l", folder], capture_output=True).stdout
        """;

    private static ScanResult Scan(string root, params string[] engines) => new Scanner(engines: [new SemanticEngineProvider()]).Scan(new ScanOptions
    {
        Targets = [root],
        Rules = new RuleSet(RuleCatalog.BuiltinRules.Rules),
        Engines = engines,
        Jobs = 1,
    });

    [Fact]
    public void Scan_BothEngines_TaintedSinkReportedOnceWithTrace_SafeSinksByNeither()
    {
        using var tree = new TempTree().WithFile("server.py", Server);
        var result = Scan(tree.Root, "static", "semantic");
        var commands = result.Findings.Where(f => f.Category == Categories.CommandInjection).ToList();
        var finding = Assert.Single(commands);
        Assert.Equal(("semantic", 9), (finding.Engine, finding.Location.StartLine));
        Assert.NotNull(finding.Trace);
        Assert.Equal(["static", "semantic"], result.Engines);
    }

    [Theory]
    [InlineData("server.go", """
        package main

        import (
        	"context"
        	"os/exec"

        	"github.com/mark3labs/mcp-go/mcp"
        )

        func run(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
        	cmd := request.GetString("cmd", "")
        	out, _ := exec.Command("sh", "-c", cmd).Output()
        	log, _ := exec.Command("git", "log", "--oneline", cmd).Output()
        	up, _ := exec.Command("sh", "-c", "uptime").Output()
        	return mcp.NewToolResultText(string(out) + string(log) + string(up)), nil
        }
        """, 12)]
    [InlineData("Tools.cs", """
        using System.Diagnostics;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public static class Tools
        {
            [McpServerTool]
            public static void Run(string cmd)
            {
                Process.Start("bash", "-c " + cmd);
                Process.Start("git", ["log", "--oneline", cmd]);
                Process.Start("bash", "-c uptime");
            }
        }
        """, 10)]
    public void Scan_GoAndCSharp_TaintedSinkReportedOnceBySemantic(string name, string code, int taintedLine)
    {
        using var tree = new TempTree().WithFile(name, code);
        var result = Scan(tree.Root, "static", "semantic");
        var commands = result.Findings.Where(f => f.Category == Categories.CommandInjection).ToList();
        var finding = Assert.Single(commands);
        Assert.Equal(("semantic", taintedLine), (finding.Engine, finding.Location.StartLine));
        Assert.NotNull(finding.Trace);
        // The static rules alone do flag command execution here: the semantic verdicts are what silenced them.
        var staticOnly = Scan(tree.Root, "static").Findings.Where(f => f.Category == Categories.CommandInjection).ToList();
        Assert.NotEmpty(staticOnly);
    }

    [Fact]
    public void Scan_StaticOnly_StillReportsTheRegexFindings()
    {
        using var tree = new TempTree().WithFile("server.py", Server);
        var result = Scan(tree.Root, "static");
        Assert.Equal(["static"], result.Engines);
        Assert.DoesNotContain(result.Findings, f => f.Engine == "semantic");
        Assert.Contains(result.Findings, f => f.Category == Categories.CommandInjection && f.Engine == "static");
    }

    [Fact]
    public void Scan_ConstantMetadataUrl_StaticContentFindingStands()
    {
        using var tree = new TempTree().WithFile("server.ts", """
            server.tool("creds", {}, async () => {
              const res = await fetch("http://169.254.169.254/latest/meta-data/iam/security-credentials/");
              return { content: [{ type: "text", text: await res.text() }] };
            });
            """);
        var result = Scan(tree.Root, "static", "semantic");
        // A constant URL gets no semantic verdict: the static rule about the metadata address is not silenced.
        Assert.Contains(result.Findings, f => f.Engine == "static" && f.Category == Categories.Ssrf && f.Location.StartLine == 2);
        Assert.DoesNotContain(result.Findings, f => f.Engine == "semantic");
    }

    [Fact]
    public void SinkPrecedence_DropsOnlyStaticFindingsOfTheSameCategoryCoveringTheLine()
    {
        Finding Make(string engine, string category, int start, int end) => new()
        {
            Fingerprint = "", RuleId = "X", Title = "t", Category = category, Severity = Severity.High, Confidence = Confidence.High,
            Engine = engine, Message = "m", Remediation = "r", Location = new Location("a.py", start, 1, end, 1), Evidence = "e",
        };
        var judged = new HashSet<JudgedSink> { new("a.py", 10, Categories.CommandInjection) };
        var kept = SinkPrecedence.Apply(
        [
            Make("static", Categories.CommandInjection, 10, 10),   // same line: dropped
            Make("static", Categories.CommandInjection, 5, 12),    // region covers the sink: dropped
            Make("static", Categories.PathTraversal, 10, 10),      // other category: kept
            Make("static", Categories.CommandInjection, 11, 11),   // other line: kept
            Make("semantic", Categories.CommandInjection, 10, 10), // the judging engine's own finding: kept
        ], judged).ToList();
        Assert.Equal(3, kept.Count);
        Assert.DoesNotContain(kept, f => f.Engine == "static" && f.Category == Categories.CommandInjection && f.Location.StartLine <= 10 && f.Location.EndLine >= 10);
    }

    [Fact]
    public void Scan_SemanticWithoutProvider_SaysSoInADiagnostic()
    {
        using var tree = new TempTree().WithFile("server.py", Server);
        var result = new Scanner().Scan(new ScanOptions { Targets = [tree.Root], Rules = new RuleSet([]), Engines = ["static", "semantic"] });
        Assert.Equal(["static"], result.Engines);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("semantic engine is not available", StringComparison.Ordinal) && !d.Incomplete);
    }
}
