namespace McpSentinel.Core.Model;

/// <summary>Whether the flagged code can be reached by whoever drives the MCP server, ordered from least to most
/// reachable (risk factor, docs/risk-score.md).</summary>
public enum Reachability
{
    /// <summary>The finding is in test, example, fixture or demo code.</summary>
    TestCode = 0,
    /// <summary>Nothing says whether a tool call reaches it (a pattern hit in a source file, a dependency).</summary>
    Unknown = 1,
    /// <summary>Reached by construction: a data-flow trace from a tool or HTTP parameter, text the model reads
    /// (a live tool description), a client setting that launches the server, a secret written in a shipped file.</summary>
    Reachable = 2,
}
