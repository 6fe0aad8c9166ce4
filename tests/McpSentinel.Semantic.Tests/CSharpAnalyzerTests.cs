using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using Xunit;

namespace McpSentinel.Semantic.Tests;

public sealed class CSharpAnalyzerTests
{
    private static FileAnalysis Analyze(string code) =>
        new SemanticEngine().Analyze(new SourceFile("Tools.cs", Language.CSharp, code), CancellationToken.None);

    private static string Tool(string parameters, string body) => $$"""
        using System.ComponentModel;
        using System.Diagnostics;
        using ModelContextProtocol.Server;

        [McpServerToolType]
        public static class Tools
        {
            private const string Root = "/srv/files";

            [McpServerTool, Description("A tool")]
            public static string Run({{parameters}})
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public void Analyze_McpServerToolIntoShell_ReportsTraceFromParameterToSink()
    {
        var analysis = Analyze(Tool("string host", """
                    var command = $"ping -c 1 {host}";
                    Process.Start("bash", "-c \"" + command + "\"");
                    return "";
            """));
        var finding = Assert.Single(analysis.Findings);
        Assert.Equal(("MCP-TAINT-CMD-001", 14), (finding.RuleId, finding.Location.StartLine));
        Assert.Equal((11, "tool argument `host` of `Run`"), (finding.Trace![0].Line, finding.Trace[0].Note));
        Assert.Equal((13, "assigned to `command`"), (finding.Trace[1].Line, finding.Trace[1].Note));
    }

    [Fact]
    public void Analyze_ArgumentListAdd_IsNotCommandInjection()
    {
        var analysis = Analyze(Tool("string reference", """
                    var psi = new ProcessStartInfo("git");
                    psi.ArgumentList.Add("log");
                    psi.ArgumentList.Add(reference);
                    Process.Start(psi);
                    return "";
            """));
        Assert.Empty(analysis.Findings);
        Assert.Contains(analysis.JudgedSinks, j => j.Line == 13 && j.Category == Categories.CommandInjection);
    }

    [Fact]
    public void Analyze_StartsWith_ContainsOnlyAFullPath()
    {
        const string body = """
                    var full = PATH;
                    if (!full.StartsWith(Root + "/", StringComparison.Ordinal)) throw new UnauthorizedAccessException();
                    return File.ReadAllText(full);
            """;
        var resolved = Analyze(Tool("string path", body.Replace("PATH", "Path.GetFullPath(Path.Combine(Root, path))", StringComparison.Ordinal)));
        Assert.Empty(resolved.Findings);
        Assert.Contains(resolved.JudgedSinks, j => j.Line == 15 && j.Category == Categories.PathTraversal);
        var combined = Analyze(Tool("string path", body.Replace("PATH", "Path.Combine(Root, path)", StringComparison.Ordinal)));
        Assert.Equal(("MCP-TAINT-PATH-001", 15), (Assert.Single(combined.Findings).RuleId, combined.Findings[0].Location.StartLine));
    }

    [Fact]
    public void Analyze_FromSqlInterpolatedVersusFromSqlRaw_OnlyRawIsReported()
    {
        var analysis = Analyze(Tool("string term", """
                    var a = db.Products.FromSqlInterpolated($"SELECT * FROM Products WHERE Name = {term}");
                    var b = db.Products.FromSqlRaw($"SELECT * FROM Products WHERE Name = '{term}'");
                    return "";
            """));
        var finding = Assert.Single(analysis.Findings);
        Assert.Equal(("MCP-TAINT-SQL-001", 14), (finding.RuleId, finding.Location.StartLine));
        Assert.Contains(analysis.JudgedSinks, j => j.Line == 13 && j.Category == Categories.SqlInjection);
    }

    [Fact]
    public void Analyze_InjectedServicesAndCancellationToken_AreNotSources()
    {
        var analysis = Analyze(Tool("IFileService files, HttpClient client, CancellationToken cancellationToken", """
                    Process.Start(files.ToolPath);
                    return File.ReadAllText(files.Current);
            """));
        Assert.Empty(analysis.Findings);
    }

    [Fact]
    public void Analyze_MinimalApiLambdaParameters_AreSources()
    {
        var analysis = Analyze("""
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/read", (string path, ILogger<Program> logger) => File.ReadAllText(path));
            app.MapGet("/static", () => File.ReadAllText("/etc/motd"));
            app.Run();
            """);
        var finding = Assert.Single(analysis.Findings);
        Assert.Equal(("MCP-TAINT-PATH-001", 2), (finding.RuleId, finding.Location.StartLine));
        Assert.Equal("HTTP input `path` of `/read`", finding.Trace![0].Note);
    }

    [Fact]
    public void Analyze_PlainCSharpWithoutSources_IsNotParsed()
    {
        Assert.Same(FileAnalysis.None, Analyze("public static class Shell { public static void Run(string x) => System.Diagnostics.Process.Start(x); }"));
    }

    [Fact]
    public void Analyze_CSharpSyntaxErrors_FallBackWithDiagnostic()
    {
        var analysis = Analyze("[McpServerToolType] public static class T { public static void Run(string x { Process.Start(x); }");
        Assert.Empty(analysis.Findings);
        Assert.Contains("C# syntax errors", Assert.Single(analysis.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_DeeplyNestedCSharpExpression_DoesNotCrash()
    {
        var code = "[McpServerToolType] public static class T { [McpServerTool] public static string Run(string x) => File.ReadAllText("
            + new string('(', 3000) + "x" + new string(')', 3000) + "); }";
        var analysis = Analyze(code);
        Assert.True(analysis.Findings.Count + analysis.Diagnostics.Count >= 1);
    }

    [Fact]
    public void Analyze_NumericToolParameter_IsNotASource()
    {
        var analysis = Analyze(Tool("int id, string name", """
                    var a = File.ReadAllText($"/srv/data/{id}.json");
                    return File.ReadAllText($"/srv/data/{name}.json");
            """));
        Assert.Equal(14, Assert.Single(analysis.Findings).Location.StartLine);
        Assert.Contains(analysis.JudgedSinks, j => j.Line == 13 && j.Category == Categories.PathTraversal);
    }
}
