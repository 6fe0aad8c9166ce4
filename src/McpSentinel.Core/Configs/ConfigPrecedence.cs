using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;

namespace McpSentinel.Core.Configs;

/// <summary>
/// Precedence of the config engine over the static rules inside an MCP client configuration it analysed: where the config
/// engine reported a problem on a line (a credential, a pipe to a shell, a privileged container), the static rules that
/// look for the same problem with a regex (the secret rules, MCP-CFG-018 curl | sh, MCP-CFG-021 docker.sock,
/// MCP-CFG-022 privileged) and match on that line in the same category are dropped, so the problem is reported once, by
/// the engine that parsed the file and knows which server and value it belongs to. Static rules about other problems on
/// the same line (for example MCP-CFG-012, TLS verification turned off in an env value) are kept, and so are static
/// findings on lines the config engine did not report.
/// </summary>
public static class ConfigPrecedence
{
    /// <summary>Static rules whose concern a config rule covers, beyond the secret rules (every hardcoded-secret rule).</summary>
    public static readonly IReadOnlySet<string> CoveredStaticRules = new HashSet<string>(StringComparer.Ordinal) { "MCP-CFG-018", "MCP-CFG-021", "MCP-CFG-022" };

    public static IEnumerable<Finding> Apply(IEnumerable<Finding> findings, IReadOnlyCollection<Finding> configFindings)
    {
        var judged = configFindings
            .Where(f => f.Engine == ConfigEngine.EngineName && f.Location.Path is not null && f.Location.StartLine > 0)
            .GroupBy(f => (f.Location.Path!, f.Category))
            .ToDictionary(g => g.Key, g => g.Select(f => f.Location.StartLine).ToHashSet());
        if (judged.Count == 0) return findings;
        return findings.Where(f => !(f.Engine == StaticEngine.EngineName && f.Location.Path is { } path
            && (f.Category == Categories.HardcodedSecret || CoveredStaticRules.Contains(f.RuleId))
            && judged.TryGetValue((path, f.Category), out var lines)
            && lines.Any(l => l >= f.Location.StartLine && l <= Math.Max(f.Location.StartLine, f.Location.EndLine))));
    }
}
