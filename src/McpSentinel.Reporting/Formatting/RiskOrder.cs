using McpSentinel.Core.Model;

namespace McpSentinel.Reporting.Formatting;

/// <summary>Orders findings for human reports: highest risk first, then the contract order (path, line, rule). The JSON
/// and SARIF reports keep the contract order.</summary>
public static class RiskOrder
{
    /// <summary>The finding's risk score (computed when the finding has none, e.g. read from an older report).</summary>
    public static int Score(Finding f) => (f.Risk ?? RiskScore.Assess(f)).Score;

    public static IReadOnlyList<Finding> Sort(IEnumerable<Finding> findings) =>
        findings.Select((f, i) => (f, i)).OrderByDescending(x => Score(x.f)).ThenBy(x => x.i).Select(x => x.f).ToArray();
}
