using System.Text.RegularExpressions;
using McpSentinel.Core.Intel;

namespace McpSentinel.Core.Deps;

/// <summary>go.mod <c>require</c> directives (single-line and blocks). <c>replace</c> directives are not applied.</summary>
internal static partial class GoParsers
{
    [GeneratedRegex(@"^\s*(?:require\s+)?(?<module>[^\s()]+)\s+(?<version>v[0-9][^\s]*)(?<indirect>\s*//\s*indirect)?", RegexOptions.CultureInvariant)]
    private static partial Regex RequireLine();

    public static List<Dependency> GoMod(string path, string text)
    {
        var result = new List<Dependency>();
        var lines = text.Split('\n');
        bool inBlock = false;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (inBlock)
            {
                if (trimmed.StartsWith(')')) { inBlock = false; continue; }
            }
            else if (trimmed.StartsWith("require (", StringComparison.Ordinal) || trimmed == "require(")
            {
                inBlock = true;
                continue;
            }
            else if (!trimmed.StartsWith("require ", StringComparison.Ordinal))
            {
                continue;
            }
            var m = RequireLine().Match(line);
            if (!m.Success) continue;
            var version = m.Groups["version"].Value;
            result.Add(new Dependency(Ecosystems.Go, m.Groups["module"].Value, version, version, path, i + 1, FromLock: false, Direct: !m.Groups["indirect"].Success));
        }
        return result;
    }
}
