using System.Text.Json;
using System.Xml;
using McpSentinel.Core.Discovery;
using McpSentinel.Core.Model;
using YamlDotNet.Core;

namespace McpSentinel.Core.Deps;

/// <summary>Finds and reads the package manifests and lock files of the scan targets. It walks directories itself
/// (the static engine's discovery skips lock files on purpose), honouring the excluded folder names and the
/// --include/--exclude globs, never following symbolic links. A manifest that cannot be read or parsed becomes
/// an incomplete-scan diagnostic.</summary>
public static class DependencyCollector
{
    public const long MaxManifestBytes = 32 * 1024 * 1024;

    /// <summary>What one manifest or lock file declared.</summary>
    public sealed record ManifestFile(string Path, string Kind, IReadOnlyList<Dependency> Dependencies, string[] Lines);

    /// <summary>The kind of a dependency file by its name, or null when it is not one we read.</summary>
    public static string? KindOf(string fileName)
    {
        var lower = fileName.ToLowerInvariant();
        return lower switch
        {
            "package.json" => "package.json",
            "package-lock.json" or "npm-shrinkwrap.json" => "package-lock",
            "pnpm-lock.yaml" => "pnpm-lock",
            "yarn.lock" => "yarn-lock",
            "pyproject.toml" => "pyproject",
            "poetry.lock" => "poetry-lock",
            "uv.lock" => "uv-lock",
            "go.mod" => "go.mod",
            "packages.lock.json" => "nuget-lock",
            "directory.packages.props" => "msbuild",
            _ when lower.EndsWith(".txt", StringComparison.Ordinal) && (lower.StartsWith("requirements", StringComparison.Ordinal) || lower.EndsWith("-requirements.txt", StringComparison.Ordinal) || lower.EndsWith("_requirements.txt", StringComparison.Ordinal)) => "requirements",
            _ when lower.EndsWith(".csproj", StringComparison.Ordinal) || lower.EndsWith(".fsproj", StringComparison.Ordinal) || lower.EndsWith(".vbproj", StringComparison.Ordinal) => "msbuild",
            _ when ContainerParsers.IsDockerfile(fileName) => "dockerfile",
            _ => null,
        };
    }

    /// <summary>The kind of a dependency file by its relative path: <see cref="KindOf"/>, or <c>mcp-config</c> for a
    /// JSON/TOML/YAML file at a known MCP client location or with "mcp" in its name (what its servers launch).</summary>
    public static string? KindOfPath(string relativePath)
    {
        var name = Path.GetFileName(relativePath);
        if (KindOf(name) is { } kind) return kind;
        if (Configs.ConfigFormats.FromFileName(name) is null) return null;
        return Configs.ConfigRecognizer.Builtin.IsKnownLocation(relativePath) || name.Contains("mcp", StringComparison.OrdinalIgnoreCase) ? "mcp-config" : null;
    }

    public static bool IsLock(string kind) => kind is "package-lock" or "pnpm-lock" or "yarn-lock" or "poetry-lock" or "uv-lock" or "nuget-lock";

    public static List<ManifestFile> Collect(IReadOnlyList<string> targets, DiscoveryOptions options, Action<ScanDiagnostic> diagnostic, CancellationToken cancellationToken = default)
    {
        var result = new List<ManifestFile>();
        foreach (var target in targets)
        {
            if (Directory.Exists(target))
            {
                foreach (var (full, relative) in Walk(target, options, diagnostic))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Read(full, relative, diagnostic) is { } m) result.Add(m);
                }
            }
            else if (File.Exists(target) && KindOfPath(Path.GetFileName(target)) is not null)
            {
                if (Read(Path.GetFullPath(target), Path.GetFileName(target), diagnostic) is { } m) result.Add(m);
            }
        }
        return result;
    }

    private static IEnumerable<(string Full, string Relative)> Walk(string root, DiscoveryOptions options, Action<ScanDiagnostic> diagnostic)
    {
        var filter = new GlobFilter(options.Include, options.Exclude);
        var stack = new Stack<(DirectoryInfo Dir, string Relative)>();
        stack.Push((new DirectoryInfo(Path.GetFullPath(root)), ""));
        while (stack.Count > 0)
        {
            var (dir, relative) = stack.Pop();
            FileSystemInfo[] entries;
            try
            {
                entries = dir.GetFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0 });
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostic(new ScanDiagnostic(relative.Length == 0 ? "." : relative, $"deps: cannot list this folder ({ex.Message})", Incomplete: true));
                continue;
            }
            var subdirs = new List<(DirectoryInfo, string)>();
            foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var childRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                if (entry.LinkTarget is not null) continue;
                if (entry is DirectoryInfo sub)
                {
                    if (options.ExcludedDirectoryNames.Contains(entry.Name) || filter.IsExcluded(childRelative)) continue;
                    subdirs.Add((sub, childRelative));
                }
                else if (KindOfPath(childRelative) is not null && !filter.IsExcluded(childRelative))
                {
                    yield return (entry.FullName, childRelative);
                }
            }
            for (int i = subdirs.Count - 1; i >= 0; i--) stack.Push(subdirs[i]);
        }
    }

    /// <summary>Parses one dependency file; null (with a diagnostic) when it cannot be read.</summary>
    public static ManifestFile? Read(string fullPath, string relativePath, Action<ScanDiagnostic> diagnostic)
    {
        var kind = KindOfPath(relativePath);
        if (kind is null) return null;
        string text;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length > MaxManifestBytes)
            {
                diagnostic(new ScanDiagnostic(relativePath, $"deps: larger than {MaxManifestBytes / (1024 * 1024)} MB, not read", Incomplete: true));
                return null;
            }
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostic(new ScanDiagnostic(relativePath, $"deps: cannot read ({ex.Message})", Incomplete: true));
            return null;
        }
        try
        {
            var deps = kind switch
            {
                "package.json" => NpmParsers.PackageJson(relativePath, text),
                "package-lock" => NpmParsers.PackageLock(relativePath, text),
                "pnpm-lock" => NpmParsers.PnpmLock(relativePath, text),
                "yarn-lock" => NpmParsers.YarnLock(relativePath, text),
                "requirements" => PythonParsers.Requirements(relativePath, text),
                "pyproject" => PythonParsers.Pyproject(relativePath, text),
                "poetry-lock" or "uv-lock" => PythonParsers.PackageTableLock(relativePath, text),
                "go.mod" => GoParsers.GoMod(relativePath, text),
                "msbuild" => NuGetParsers.Project(relativePath, text),
                "nuget-lock" => NuGetParsers.PackagesLock(relativePath, text),
                "dockerfile" => ContainerParsers.Dockerfile(relativePath, text),
                "mcp-config" => ClientConfigLaunches(relativePath, text),
                _ => [],
            };
            return new ManifestFile(relativePath, kind, deps, text.Split('\n'));
        }
        catch (Exception ex) when (ex is JsonException or XmlException or YamlException or Tomlyn.TomlException or FormatException
            or InvalidOperationException or ArgumentException or InvalidCastException or OverflowException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            diagnostic(new ScanDiagnostic(relativePath, $"deps: cannot parse this {kind} file ({ex.GetType().Name}: {FirstLine(ex.Message)})", Incomplete: true));
            return null;
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>What the servers of an MCP client configuration launch. A file that does not parse or is not a client
    /// configuration gives nothing (the config engine reports malformed client configurations).</summary>
    private static IReadOnlyList<Dependency> ClientConfigLaunches(string relativePath, string text)
    {
        if (Configs.ConfigFormats.FromFileName(relativePath) is not { } format) return [];
        Configs.ConfigNode root;
        try
        {
            root = Configs.ConfigDocumentParser.Parse(text, format);
        }
        catch (Configs.ConfigParseException)
        {
            return [];
        }
        if (Configs.ConfigRecognizer.Builtin.Recognize(relativePath, root) is not { } client) return [];
        return ContainerParsers.ClientConfig(relativePath, Configs.ClientConfigReader.Read(relativePath, root, client, format));
    }
}
