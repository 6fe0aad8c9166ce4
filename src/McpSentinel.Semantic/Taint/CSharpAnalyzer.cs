using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpSentinel.Semantic.Taint;

internal sealed class CSharpAnalyzer(SourceFile file, CompilationUnitSyntax root)
{
    public static bool MayHaveSources(string text) => false;
    public void Run(CancellationToken cancellationToken) { _ = file; _ = root; }
    public IReadOnlyList<Finding> Findings() => [];
    public IReadOnlyList<JudgedSink> JudgedSinks() => [];
}
