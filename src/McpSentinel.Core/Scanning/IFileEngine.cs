using McpSentinel.Core.Model;

namespace McpSentinel.Core.Scanning;

/// <summary>An analysis engine over one source file. Pure: no I/O, no printing, never throws on bad input
/// (problems are returned as diagnostics).</summary>
public interface IFileEngine
{
    string Name { get; }

    FileAnalysis Analyze(SourceFile file, CancellationToken cancellationToken);
}

/// <summary>What an engine found in one file. Fingerprints are assigned later, during aggregation.</summary>
public sealed record FileAnalysis(IReadOnlyList<Finding> Findings, IReadOnlyList<ScanDiagnostic> Diagnostics)
{
    public static readonly FileAnalysis None = new([], []);

    /// <summary>Sink lines this engine reached a verdict on; static findings of the same category there are dropped
    /// (see <see cref="SinkPrecedence"/>).</summary>
    public IReadOnlyList<JudgedSink> JudgedSinks { get; init; } = [];

    /// <summary>Tool, prompt and resource definitions written in this file (with their exact places): the scanner hands
    /// them to the surface engine, so poisoned descriptions in source are reported at their file and line.</summary>
    public IReadOnlyList<Model.SourceToolDefinition> ToolDefinitions { get; init; } = [];
}
