using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;

namespace McpSentinel.Core.Suppression;

/// <summary>
/// Inline suppressions: a comment <c>mcp-sentinel: ignore[RULE-ID, RULE-ID2] reason</c> on the finding's line or the
/// line above silences those rules there. Only explicit rule ids are accepted, so a suppression is always deliberate.
/// </summary>
public static partial class InlineSuppressions
{
    [GeneratedRegex(@"mcp-sentinel:\s*ignore\[(?<ids>[A-Za-z0-9_,\s-]+)\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Marker();

    public static bool IsSuppressed(SourceFile file, Finding finding)
    {
        if (!file.Text.Contains("mcp-sentinel:", StringComparison.Ordinal)) return false;
        int line = finding.Location.StartLine - 1;
        return Mentions(file.LineText(line), finding.RuleId) || (line > 0 && Mentions(file.LineText(line - 1), finding.RuleId));
    }

    private static bool Mentions(string lineText, string ruleId)
    {
        foreach (Match match in Marker().Matches(lineText))
        {
            foreach (var id in match.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (string.Equals(id, ruleId, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }
}
