namespace McpSentinel.Core.Configs;

/// <summary>Tells which client a configuration file belongs to, from its location (the path patterns of <c>clients.yaml</c>)
/// and its shape (which server keys it holds). A file that matches no location but holds an <c>mcpServers</c>-style map is
/// read as a generic MCP client configuration.</summary>
public sealed class ConfigRecognizer
{
    /// <summary>The client used for files recognised by shape alone.</summary>
    public static readonly ClientDefinition Generic = new()
    {
        Id = "mcp-config",
        Name = "MCP client configuration",
        Format = ConfigFormat.Json,
        ServerKeys = ["mcpServers", "servers", "mcp_servers", "context_servers"],
        UserPaths = new Dictionary<string, IReadOnlyList<string>>(),
        Docs = "https://modelcontextprotocol.io/docs/develop/connect-local-servers",
    };

    private readonly List<(ClientDefinition Client, string[] Segments)> _patterns = [];

    public ConfigRecognizer(ClientCatalog catalog)
    {
        Catalog = catalog;
        foreach (var client in catalog.Clients)
        {
            var all = client.AllUserPaths
                .Concat(client.ProjectPaths)
                .Concat(client.SystemPaths.Values.SelectMany(p => p).Select(p => p.Length > 2 && p[1] == ':' ? p[3..] : p.TrimStart('/')));
            foreach (var path in all.Distinct(StringComparer.OrdinalIgnoreCase)) _patterns.Add((client, Split(path)));
        }
    }

    public static ConfigRecognizer Builtin { get; } = new(ClientCatalog.Builtin);

    public ClientCatalog Catalog { get; }

    /// <summary>True when some client keeps its configuration at a path ending like <paramref name="path"/> (file name included).</summary>
    public bool IsKnownLocation(string path) => Candidates(path).Count > 0;

    /// <summary>True when the path ends with a whole location pattern (e.g. .vscode/mcp.json), or is a bare file name that
    /// some client uses (a file given on the command line).</summary>
    public bool IsExactLocation(string path)
    {
        var candidates = Candidates(path);
        return candidates.Any(c => c.Full) || (Split(path).Length == 1 && candidates.Count > 0);
    }

    /// <summary>The client a parsed file belongs to, or null when it is not an MCP client configuration.</summary>
    public ClientDefinition? Recognize(string path, ConfigNode root)
    {
        var candidates = Candidates(path);
        if (candidates.Count > 0)
        {
            // a full match of a pattern (e.g. .vscode/settings.json) is trusted even before shape; a partial match
            // (only the file name, e.g. mcp.json) needs the right keys, and stays generic when several clients fit
            int best = candidates.Max(c => c.Score);
            var top = candidates.Where(c => c.Score == best).ToList();
            var fitting = top.Where(c => ClientConfigReader.HasServers(root, c.Client)).Select(c => c.Client).Distinct().ToList();
            if (top.Any(c => c.Full))
            {
                return fitting.FirstOrDefault() ?? top.First(c => c.Full).Client;
            }
            if (fitting.Count == 1 || (fitting.Count > 1 && best >= 2)) return fitting[0];
        }
        return ClientConfigReader.HasServers(root, Generic) ? Generic : null;
    }

    private List<(ClientDefinition Client, int Score, bool Full)> Candidates(string path)
    {
        var segments = Split(path);
        var result = new List<(ClientDefinition, int, bool)>();
        if (segments.Length == 0) return result;
        foreach (var (client, pattern) in _patterns)
        {
            int matched = 0;
            while (matched < pattern.Length && matched < segments.Length
                && SegmentMatches(pattern[^(matched + 1)], segments[^(matched + 1)]))
            {
                matched++;
            }
            if (matched == 0) continue;
            // a partial match needs a literal file name: "*.json" alone says nothing about the client
            if (matched < pattern.Length && pattern[^1].Contains('*')) continue;
            result.Add((client, matched, matched == pattern.Length));
        }
        return result;
    }

    private static bool SegmentMatches(string pattern, string segment)
    {
        if (pattern == "*") return true;
        int star = pattern.IndexOf('*');
        if (star < 0) return string.Equals(pattern, segment, StringComparison.OrdinalIgnoreCase);
        var prefix = pattern[..star];
        var suffix = pattern[(star + 1)..];
        return segment.Length >= prefix.Length + suffix.Length
            && segment.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && segment.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }

    internal static bool GlobSegment(string pattern, string segment) => SegmentMatches(pattern, segment);

    private static string[] Split(string path) =>
        path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "." && s != "~").ToArray();
}
