using Microsoft.Extensions.FileSystemGlobbing;

namespace McpSentinel.Core.Discovery;

/// <summary>--include/--exclude globs over '/'-separated relative paths. A pattern without a '/' matches at any
/// depth (<c>*.py</c> is <c>**/*.py</c>), as in .gitignore; a leading '/' anchors it to the scan root; a pattern
/// naming a directory covers what is under it.</summary>
public sealed class GlobFilter
{
    private readonly Matcher? _include;
    private readonly Matcher? _exclude;

    public GlobFilter(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        _include = Build(include);
        _exclude = Build(exclude);
    }

    private static Matcher? Build(IReadOnlyList<string> patterns)
    {
        if (patterns.Count == 0) return null;
        var matcher = new Matcher(StringComparison.Ordinal);
        foreach (var raw in patterns)
        {
            var pattern = raw.Replace('\\', '/').Trim();
            if (pattern.StartsWith("./", StringComparison.Ordinal)) pattern = pattern[2..];
            bool anchored = pattern.StartsWith('/');
            pattern = pattern.TrimStart('/');
            if (pattern.Length == 0) continue;
            if (!anchored && !pattern.Contains('/')) pattern = "**/" + pattern;
            matcher.AddInclude(pattern);
            if (!pattern.EndsWith("/**", StringComparison.Ordinal)) matcher.AddInclude(pattern.TrimEnd('/') + "/**");
        }
        return matcher;
    }

    public bool IsIncluded(string relativePath) => _include is null || _include.Match(relativePath).HasMatches;

    public bool IsExcluded(string relativePath) => _exclude is not null && _exclude.Match(relativePath).HasMatches;
}
