using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Semantic.Syntax;
using McpSentinel.Semantic.Taint;

namespace McpSentinel.Semantic;

/// <summary>
/// The semantic engine: parses Python, JavaScript, TypeScript and TSX with tree-sitter, finds MCP tool/prompt/resource
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
        _ => null,
    };

    public FileAnalysis Analyze(SourceFile file, CancellationToken cancellationToken)
    {
        if (GrammarOf(file) is not { } grammar) return FileAnalysis.None;
        var parsed = SyntaxParser.Parse(file.Text, grammar);
        if (parsed.Root is null)
            return new FileAnalysis([], [new ScanDiagnostic(file.Path, $"semantic engine could not parse this file ({parsed.Failure}); only the static rules ran on it", Incomplete: false)]);
        if (parsed.HasErrors)
            return new FileAnalysis([], [new ScanDiagnostic(file.Path, $"semantic engine: the file has {grammar} syntax errors; only the static rules ran on it", Incomplete: false)]);

        TaintAnalyzer analyzer = grammar == Grammar.Python ? new PythonAnalyzer(file, parsed.Root) : new JavaScriptAnalyzer(file, parsed.Root);
        try
        {
            analyzer.Run(cancellationToken);
        }
        catch (InsufficientExecutionStackException)
        {
            return new FileAnalysis([], [new ScanDiagnostic(file.Path, "semantic engine: the file is nested too deeply to analyse; only the static rules ran on it", Incomplete: false)]);
        }
        var capabilities = analyzer.ToolCapabilities();
        var definitions = Tools.ToolDefinitionExtractor.Extract(file, parsed.Root, grammar)
            .Select(d => d.Kind == "tool" && capabilities.TryGetValue(d.Name, out var caps) ? d with { Capabilities = caps } : d)
            .ToArray();
        return new FileAnalysis(analyzer.Findings(), []) { JudgedSinks = analyzer.JudgedSinks(), ToolDefinitions = definitions };
    }
}
