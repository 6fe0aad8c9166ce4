using McpSentinel.Core.Scanning;
using McpSentinel.Semantic.Syntax;

namespace McpSentinel.Semantic;

/// <summary>Registers the semantic engine with a <see cref="Scanner"/>; unavailable when the native parser library cannot load.</summary>
public sealed class SemanticEngineProvider : IEngineProvider
{
    public string Name => SemanticEngine.EngineName;

    public string? UnavailableReason => SyntaxParser.UnavailableReason;

    public IFileEngine Create(ScanOptions options) => new SemanticEngine();
}
