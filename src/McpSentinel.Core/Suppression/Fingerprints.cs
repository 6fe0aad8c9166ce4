using System.Security.Cryptography;
using System.Text;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Suppression;

/// <summary>
/// Stable finding identity: a hash of the rule, the file (or logical location) and the whitespace-normalised,
/// already-masked evidence, plus the occurrence number among identical ones in that file. Line numbers are not
/// part of it, so inserting lines above a finding keeps its fingerprint.
/// </summary>
public static class Fingerprints
{
    public static IReadOnlyList<Finding> Assign(IEnumerable<Finding> findings)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<Finding>();
        foreach (var finding in findings
            .OrderBy(f => f.Location.Path ?? f.Location.LogicalPath ?? "", StringComparer.Ordinal)
            .ThenBy(f => f.Location.StartLine).ThenBy(f => f.Location.StartColumn).ThenBy(f => f.RuleId, StringComparer.Ordinal))
        {
            var key = string.Join('\n', finding.RuleId, finding.Location.Path ?? "", finding.Location.LogicalPath ?? "", Normalize(finding.Evidence));
            int occurrence = seen.GetValueOrDefault(key);
            seen[key] = occurrence + 1;
            result.Add(finding with { Fingerprint = Hash(key + "\n" + occurrence) });
        }
        return result;
    }

    public static string Normalize(string evidence)
    {
        var builder = new StringBuilder(evidence.Length);
        bool space = false;
        foreach (var c in evidence.Trim())
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space) { builder.Append(' '); space = false; }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
