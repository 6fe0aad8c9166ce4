using McpSentinel.Core.Rules;
using McpSentinel.Core.Scanning;
using McpSentinel.Semantic;
using McpSentinel.Semantic.Taint;

namespace McpSentinel.Cli;

/// <summary>Every engine beyond the built-in static one, registered explicitly for the CLI's scanners.</summary>
public static class EngineProviders
{
    public static readonly IReadOnlyList<IEngineProvider> All = [new SemanticEngineProvider()];

    /// <summary>The rules of the engines outside Core (Core's own engine rules are in <see cref="EngineRuleCatalog.Core"/>).</summary>
    public static readonly IReadOnlyList<EngineRule> Rules = [.. TaintRules.All.Select(r => new EngineRule(Scanner.SemanticEngineName, r))];

    /// <summary>Every engine rule the CLI can report.</summary>
    public static IReadOnlyList<EngineRule> AllEngineRules => [.. EngineRuleCatalog.Core, .. Rules];
}
