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
}
