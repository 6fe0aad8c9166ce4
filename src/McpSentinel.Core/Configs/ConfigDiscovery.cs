using System.Text;
using McpSentinel.Core.Discovery;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Configs;

public sealed record ConfigDiscoveryOptions
{
    /// <summary>The home directory whose user-scope configurations are read (default: the current user's).</summary>
    public string? Home { get; init; }
    /// <summary>The project tree searched for project-scope configurations; null for none.</summary>
    public string? Root { get; init; }
    /// <summary>Also read machine-wide (managed) configurations such as /etc/claude-code/managed-mcp.json.</summary>
    public bool IncludeSystem { get; init; }
    public long MaxFileSize { get; init; } = DiscoveryOptions.DefaultMaxFileSize;
    /// <summary>How deep below the root project configurations are looked for.</summary>
    public int MaxDepth { get; init; } = 6;
    public int MaxDirectories { get; init; } = 20_000;
}

/// <summary>One configuration file found on disk and read.</summary>
public sealed record DiscoveredConfig(string FullPath, string Scope, ClientConfig Config);

public sealed record ConfigDiscoveryResult(IReadOnlyList<DiscoveredConfig> Configs, IReadOnlyList<ScanDiagnostic> Diagnostics);

/// <summary>
/// The client-configuration collector: looks in every location of <c>clients.yaml</c> under a home directory (the paths of
/// all operating systems), in machine-wide locations, and in every folder of a project tree; reads and parses what it finds.
/// A file that cannot be read or parsed becomes a diagnostic (with its line); oversized and binary files are skipped.
/// </summary>
public static class ConfigDiscovery
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.OrdinalIgnoreCase)
    {
        ".git", ".hg", ".svn", "node_modules", "bin", "obj", "dist", "build", "target", ".venv", "venv", "__pycache__",
        ".tox", ".mypy_cache", ".pytest_cache", ".gradle", ".idea", ".next", ".cache", "vendor", "Pods",
    };

    public static ConfigDiscoveryResult Discover(ConfigDiscoveryOptions options, ClientCatalog? catalog = null, CancellationToken cancellationToken = default)
    {
        catalog ??= ClientCatalog.Builtin;
        var recognizer = ReferenceEquals(catalog, ClientCatalog.Builtin) ? ConfigRecognizer.Builtin : new ConfigRecognizer(catalog);
        var seen = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var configs = new List<DiscoveredConfig>();
        var diagnostics = new List<ScanDiagnostic>();

        var home = options.Home is { } h ? Path.GetFullPath(h) : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home) && Directory.Exists(home))
        {
            foreach (var client in catalog.Clients)
            {
                foreach (var relative in client.AllUserPaths)
                {
                    foreach (var file in Expand(home, relative))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var display = "~/" + Path.GetRelativePath(home, file).Replace('\\', '/');
                        Load(file, display, "user", client, recognizer, options, seen, configs, diagnostics);
                    }
                }
            }
        }
        else if (options.Home is not null)
        {
            diagnostics.Add(new ScanDiagnostic(options.Home, "home directory does not exist", Incomplete: true));
        }

        if (options.IncludeSystem)
        {
            foreach (var client in catalog.Clients)
            {
                foreach (var path in client.SystemPaths.Values.SelectMany(p => p).Distinct(StringComparer.Ordinal))
                {
                    if (!Path.IsPathRooted(path) || (!OperatingSystem.IsWindows() && path.Length > 1 && path[1] == ':')) continue;
                    if (File.Exists(path)) Load(path, path, "system", client, recognizer, options, seen, configs, diagnostics);
                }
            }
        }

        if (options.Root is { } rootOption)
        {
            var root = Path.GetFullPath(rootOption);
            if (!Directory.Exists(root))
            {
                diagnostics.Add(new ScanDiagnostic(rootOption, "project root does not exist", Incomplete: true));
            }
            else
            {
                var projectPatterns = catalog.Clients.SelectMany(c => c.ProjectPaths.Select(p => (Client: c, Pattern: p))).ToList();
                foreach (var dir in Walk(root, options, diagnostics))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var (client, pattern) in projectPatterns)
                    {
                        foreach (var file in Expand(dir, pattern))
                        {
                            var display = Path.GetRelativePath(root, file).Replace('\\', '/');
                            Load(file, display, "project", client, recognizer, options, seen, configs, diagnostics);
                        }
                    }
                }
            }
        }
        return new ConfigDiscoveryResult(configs, diagnostics);
    }

    /// <summary>Reads one file for the audit. Returns null (with a diagnostic) when it cannot be read or parsed; the client comes from
    /// the location and the shape of the file.</summary>
    public static ClientConfig? ReadFile(string fullPath, string displayPath, ClientDefinition? expected, ConfigRecognizer recognizer,
        long maxFileSize, List<ScanDiagnostic> diagnostics)
    {
        string text;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length > maxFileSize)
            {
                diagnostics.Add(new ScanDiagnostic(displayPath, $"skipped: {info.Length} bytes is larger than the {maxFileSize}-byte limit", Incomplete: false));
                return null;
            }
            var bytes = File.ReadAllBytes(fullPath);
            if (bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).IndexOf((byte)0) >= 0)
            {
                diagnostics.Add(new ScanDiagnostic(displayPath, "skipped: binary file", Incomplete: false));
                return null;
            }
            text = new UTF8Encoding(false, false).GetString(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(new ScanDiagnostic(displayPath, "cannot be read: " + ex.Message, Incomplete: true));
            return null;
        }

        var format = ConfigFormats.FromFileName(fullPath) ?? expected?.Format ?? ConfigFormat.Json;
        ConfigNode root;
        try
        {
            root = ConfigDocumentParser.Parse(text, format);
        }
        catch (ConfigParseException ex)
        {
            diagnostics.Add(new ScanDiagnostic(displayPath, ex.Line > 0 ? $"line {ex.Line}: {ex.Message}" : ex.Message, Incomplete: true));
            return null;
        }
        var client = recognizer.Recognize(displayPath, root) ?? expected;
        if (client is null) return null;
        if (expected is not null && !ClientConfigReader.HasServers(root, client) && ClientConfigReader.HasServers(root, expected)) client = expected;
        return ClientConfigReader.Read(displayPath, root, client, format);
    }

    private static void Load(string file, string display, string scope, ClientDefinition client, ConfigRecognizer recognizer,
        ConfigDiscoveryOptions options, HashSet<string> seen, List<DiscoveredConfig> configs, List<ScanDiagnostic> diagnostics)
    {
        if (!seen.Add(Path.GetFullPath(file))) return;
        var config = ReadFile(file, display, client, recognizer, options.MaxFileSize, diagnostics);
        if (config is null) return;
        // general settings files (VS Code, Zed, Gemini settings.json) count only when they configure MCP
        bool dedicated = Path.GetFileName(file).Contains("mcp", StringComparison.OrdinalIgnoreCase);
        if (config.Servers.Count == 0 && config.Settings.Count == 0 && !dedicated) return;
        configs.Add(new DiscoveredConfig(file, scope, config));
    }

    /// <summary>The files matching a relative pattern under a folder; '*' matches within one path segment.</summary>
    internal static IEnumerable<string> Expand(string baseDir, string relative)
    {
        var segments = relative.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { baseDir };
        for (int i = 0; i < segments.Length; i++)
        {
            bool last = i == segments.Length - 1;
            var next = new List<string>();
            foreach (var dir in current)
            {
                if (!segments[i].Contains('*'))
                {
                    var candidate = Path.Combine(dir, segments[i]);
                    if (last ? File.Exists(candidate) : Directory.Exists(candidate)) next.Add(candidate);
                    continue;
                }
                try
                {
                    var entries = last ? Directory.EnumerateFiles(dir) : Directory.EnumerateDirectories(dir);
                    next.AddRange(entries.Where(e => ConfigRecognizer.GlobSegment(segments[i], Path.GetFileName(e))).Order(StringComparer.Ordinal));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // an unreadable folder holds nothing we can report on
                }
            }
            current = next;
            if (current.Count == 0) break;
        }
        return current;
    }

    private static IEnumerable<string> Walk(string root, ConfigDiscoveryOptions options, List<ScanDiagnostic> diagnostics)
    {
        var queue = new Queue<(string Dir, int Depth)>();
        queue.Enqueue((root, 0));
        int visited = 0;
        while (queue.Count > 0)
        {
            var (dir, depth) = queue.Dequeue();
            if (++visited > options.MaxDirectories)
            {
                diagnostics.Add(new ScanDiagnostic(root, $"stopped looking for project configurations after {options.MaxDirectories} folders", Incomplete: true));
                yield break;
            }
            yield return dir;
            if (depth >= options.MaxDepth) continue;
            List<string> children;
            try
            {
                children = Directory.EnumerateDirectories(dir)
                    .Where(d => !SkippedDirectories.Contains(Path.GetFileName(d)))
                    .Where(d => (File.GetAttributes(d) & FileAttributes.ReparsePoint) == 0)
                    .Order(StringComparer.Ordinal).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (var child in children) queue.Enqueue((child, depth + 1));
        }
    }
}
