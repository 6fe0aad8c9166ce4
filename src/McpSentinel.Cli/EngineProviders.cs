using McpSentinel.Core.Scanning;
using McpSentinel.Semantic;

namespace McpSentinel.Cli;

/// <summary>Every engine beyond the built-in static one, registered explicitly for the CLI's scanners.</summary>
public static class EngineProviders
{
    public static readonly IReadOnlyList<IEngineProvider> All = [new SemanticEngineProvider()];
}
