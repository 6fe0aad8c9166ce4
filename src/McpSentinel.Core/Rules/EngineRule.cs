namespace McpSentinel.Core.Rules;

/// <summary>A rule that is built into an engine (a detector), not a YAML rule: its metadata and the engine that reports it.</summary>
public sealed record EngineRule(string Engine, RuleMetadata Metadata)
{
    public string Id => Metadata.Id;
}
