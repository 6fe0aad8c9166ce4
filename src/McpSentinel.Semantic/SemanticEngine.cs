using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Semantic.Syntax;
using McpSentinel.Semantic.Taint;

namespace McpSentinel.Semantic;

/// <summary>
/// The semantic engine: parses Python, JavaScript, TypeScript, TSX and Go with tree-sitter and C# with Roslyn, finds MCP tool/prompt/resource
/// handlers and HTTP handlers, and follows their arguments to command, eval, file, URL, SQL and deserialisation sinks.
/// A file that does not parse cleanly is left to the static engine with a diagnostic.
/// </summary>
public sealed class SemanticEngine : IFileEngine
{
    public const string EngineName = Scanner.SemanticEngineName;

    public string Name => EngineName;

    public static Grammar? GrammarOf(SourceFile file) => file.Language switch
    {
        Language.Python => Grammar.Python,
        Language.JavaScript => Grammar.JavaScript,
        Language.TypeScript => file.Path.EndsWith(".tsx", StringComparison.OrdinalIgnoreCase) ? Grammar.Tsx : Grammar.TypeScript,
        Language.Go => Grammar.Go,
        _ => null,
    };

    /// <summary>Go and C# files are analysed only when they can hold a source: an MCP SDK, an HTTP handler. Every source the
    /// analysers know is spelled with one of these words, so skipping the rest loses no finding and keeps plain library code
    /// (most of a large Go or C# tree) out of the parser.</summary>
    public static bool MayHaveSources(SourceFile file) => file.Language switch
    {
        Language.Go => file.Text.Contains("mcp", StringComparison.OrdinalIgnoreCase) || file.Text.Contains("http.Request", StringComparison.Ordinal)
            || file.Text.Contains("gin.Context", StringComparison.Ordinal) || file.Text.Contains("echo.Context", StringComparison.Ordinal)
            || file.Text.Contains("fiber.Ctx", StringComparison.Ordinal),
        Language.CSharp => CSharpAnalyzer.MayHaveSources(file.Text),
        _ => true,
    };

    public FileAnalysis Analyze(SourceFile file, CancellationToken cancellationToken)
    {
        if (!MayHaveSources(file)) return FileAnalysis.None;
        if (file.Language == Language.CSharp) return AnalyzeCSharp(file, cancellationToken);
        if (GrammarOf(file) is not { } grammar) return FileAnalysis.None;
        var parsed = SyntaxParser.Parse(file.Text, grammar);
        if (parsed.Root is null)
            return new FileAnalysis([], [new ScanDiagnostic(file.Path, $"semantic engine could not parse this file ({parsed.Failure}); only the static rules ran on it", Incomplete: false)]);
        if (parsed.HasErrors)
            return new FileAnalysis([], [new ScanDiagnostic(file.Path, $"semantic engine: the file has {grammar} syntax errors; only the static rules ran on it", Incomplete: false)]);

        TaintAnalyzer analyzer = grammar switch
        {
            Grammar.Python => new PythonAnalyzer(file, parsed.Root),
            Grammar.Go => new GoAnalyzer(file, parsed.Root),
            _ => new JavaScriptAnalyzer(file, parsed.Root),
        };
        try
        {
            analyzer.Run(cancellationToken);
        }
        catch (InsufficientExecutionStackException)
        {
            return new FileAnalysis([], [new ScanDiagnostic(file.Path, "semantic engine: the file is nested too deeply to analyse; only the static rules ran on it", Incomplete: false)]);
        }
        return new FileAnalysis(analyzer.Findings(), []) { JudgedSinks = analyzer.JudgedSinks() };
    }

    /// <summary>C# is parsed with Roslyn (syntax trees only: no compilation or semantic model is needed, so the scan does not
    /// need the project's references).</summary>
    private static FileAnalysis AnalyzeCSharp(SourceFile file, CancellationToken cancellationToken)
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(file.Text, cancellationToken: cancellationToken);
        if (tree.GetDiagnostics(cancellationToken).Any(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error))
            return new FileAnalysis([], [new ScanDiagnostic(file.Path, "semantic engine: the file has C# syntax errors; only the static rules ran on it", Incomplete: false)]);
        var analyzer = new CSharpAnalyzer(file, (Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)tree.GetRoot(cancellationToken));
        try
        {
            analyzer.Run(cancellationToken);
        }
        catch (InsufficientExecutionStackException)
        {
            return new FileAnalysis([], [new ScanDiagnostic(file.Path, "semantic engine: the file is nested too deeply to analyse; only the static rules ran on it", Incomplete: false)]);
        }
        return new FileAnalysis(analyzer.Findings(), []) { JudgedSinks = analyzer.JudgedSinks() };
    }
}
