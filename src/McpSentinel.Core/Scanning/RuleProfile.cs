using System.Collections.Concurrent;

namespace McpSentinel.Core.Scanning;

/// <summary>Per-rule time accounting for rule authors, on when MCP_SENTINEL_PROFILE_RULES=1 (printed by the CLI at exit).</summary>
public static class RuleProfile
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("MCP_SENTINEL_PROFILE_RULES") == "1";

    private static readonly ConcurrentDictionary<string, (TimeSpan Time, long Lines)> Totals = new(StringComparer.Ordinal);

    public static void Add(string ruleId, TimeSpan elapsed, int lines) =>
        Totals.AddOrUpdate(ruleId, (elapsed, lines), (_, t) => (t.Time + elapsed, t.Lines + lines));

    public static IEnumerable<(string RuleId, TimeSpan Time, long Lines)> Slowest(int count) =>
        Totals.OrderByDescending(kv => kv.Value.Time).Take(count).Select(kv => (kv.Key, kv.Value.Time, kv.Value.Lines));
}
