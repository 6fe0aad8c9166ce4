using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using Xunit;

namespace McpSentinel.Semantic.Tests;

public sealed class SemanticEngineTests
{
    private static FileAnalysis Analyze(string path, Language language, string code) =>
        new SemanticEngine().Analyze(new SourceFile(path, language, code), CancellationToken.None);

    [Fact]
    public void NativeLibrary_Loads()
    {
        Assert.Null(Syntax.SyntaxParser.UnavailableReason);
    }

    [Fact]
    public void Analyze_FStringIntoOsSystem_ReportsTraceFromParameterToSink()
    {
        var analysis = Analyze("s.py", Language.Python, """
            import os
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("x")

            @mcp.tool()
            def ping(host: str) -> str:
                cmd = f"ping -c 1 {host}"
                os.system(cmd)
            """);
        var finding = Assert.Single(analysis.Findings);
        Assert.Equal("MCP-TAINT-CMD-001", finding.RuleId);
        Assert.Equal("semantic", finding.Engine);
        Assert.Equal(Categories.CommandInjection, finding.Category);
        Assert.Equal((8, 5), (finding.Location.StartLine, finding.Location.StartColumn));
        var trace = finding.Trace!;
        Assert.Equal(3, trace.Count);
        Assert.Equal((6, "tool parameter `host` of `ping`"), (trace[0].Line, trace[0].Note));
        Assert.Equal((7, "assigned to `cmd`"), (trace[1].Line, trace[1].Note));
        Assert.Equal(8, trace[2].Line);
        Assert.StartsWith("reaches a shell command", trace[2].Note, StringComparison.Ordinal);
        Assert.Equal("os.system(cmd)", trace[2].Snippet);
    }

    [Fact]
    public void Analyze_GuardInOneBranch_ClearsOnlyThatBranch()
    {
        var analysis = Analyze("g.py", Language.Python, """
            import os
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("x")

            @mcp.tool()
            def read(name: str, strict: bool) -> str:
                p = os.path.realpath(os.path.join("/srv", name))
                if strict:
                    if not p.startswith("/srv/"):
                        raise ValueError("outside")
                    return open(p).read()
                return open(p).read()
            """);
        // the file read from an unchecked path is also returned to the model (MCP-SEM-UNTRUSTED-001, low confidence)
        var finding = Assert.Single(analysis.Findings, f => f.RuleId == "MCP-TAINT-PATH-001");
        Assert.Equal(12, finding.Location.StartLine);
        Assert.Equal(12, Assert.Single(analysis.Findings, f => f.RuleId == "MCP-SEM-UNTRUSTED-001").Location.StartLine);
        Assert.Contains(analysis.JudgedSinks, j => j.Line == 11 && j.Category == Categories.PathTraversal);
    }

    [Fact]
    public void Analyze_NonTerminatingCheck_DoesNotClear()
    {
        var analysis = Analyze("n.py", Language.Python, """
            import os
            from mcp.server.fastmcp import FastMCP
            mcp = FastMCP("x")

            @mcp.tool()
            def run(cmd: str) -> str:
                if cmd not in {"ls", "pwd"}:
                    print("unexpected command")
                os.system(cmd)
            """);
        Assert.Equal(9, Assert.Single(analysis.Findings).Location.StartLine);
    }

    [Fact]
    public void Analyze_ParameterOfOrdinaryFunction_IsNotJudged()
    {
        var analysis = Analyze("o.py", Language.Python, """
            import os
            def run(cmd):
                os.system(cmd)
            """);
        Assert.Empty(analysis.Findings);
        Assert.Empty(analysis.JudgedSinks); // unknown origin: the static rules keep their say
    }

    [Fact]
    public void Analyze_SetRequestHandler_ArgumentsAreSources()
    {
        var analysis = Analyze("h.ts", Language.TypeScript, """
            server.setRequestHandler(CallToolRequestSchema, async (request) => {
              const { path } = request.params.arguments;
              return fs.readFileSync(path, "utf8");
            });
            """);
        var finding = Assert.Single(analysis.Findings, f => f.RuleId.StartsWith("MCP-TAINT-", StringComparison.Ordinal));
        Assert.Equal(("MCP-TAINT-PATH-001", 3), (finding.RuleId, finding.Location.StartLine));
        Assert.Equal("tool argument `request` of `CallToolRequest`", finding.Trace![0].Note);
    }

    [Fact]
    public void Analyze_SyntaxErrors_FallBackWithDiagnostic()
    {
        var analysis = Analyze("broken.py", Language.Python, "def broken(:\n    os.system(x\n");
        Assert.Empty(analysis.Findings);
        Assert.Empty(analysis.JudgedSinks);
        var diagnostic = Assert.Single(analysis.Diagnostics);
        Assert.Contains("syntax errors", diagnostic.Message, StringComparison.Ordinal);
        Assert.False(diagnostic.Incomplete);
    }

    [Fact]
    public void Analyze_DeeplyNestedExpression_DoesNotCrash()
    {
        var code = "@mcp.tool()\ndef f(x):\n    return os.system(" + new string('(', 3000) + "x" + new string(')', 3000) + ")\n";
        var analysis = Analyze("deep.py", Language.Python, code);
        Assert.True(analysis.Findings.Count + analysis.Diagnostics.Count >= 1);
    }

    [Fact]
    public void Analyze_OtherLanguages_AreIgnored()
    {
        Assert.Same(FileAnalysis.None, Analyze("x.go", Language.Go, "package main"));
        Assert.Same(FileAnalysis.None, Analyze("x.json", Language.Json, "{}"));
    }
}
