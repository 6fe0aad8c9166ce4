using MAB.DotIgnore;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Discovery;

/// <summary>
/// Walks a target directory: honours .gitignore files (nested, each scoped to its folder), --include/--exclude
/// globs and the default excluded folders (VCS, dependencies, build output, virtualenvs); skips lock files and
/// minified bundles; does not follow symbolic links unless asked, and then detects loops. Never throws for an
/// unreadable folder: it records an incomplete-scan diagnostic and goes on.
/// </summary>
public static class FileDiscovery
{
    private static readonly HashSet<string> SkippedFileNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "uv.lock", "Pipfile.lock",
        "Cargo.lock", "go.sum", "composer.lock", "packages.lock.json", "Gemfile.lock", "bun.lockb",
    };

    public static bool IsSkippedByName(string fileName) =>
        SkippedFileNames.Contains(fileName)
        || fileName.EndsWith(".min.js", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".min.mjs", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".min.css", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".bundle.js", StringComparison.OrdinalIgnoreCase)
        || fileName.EndsWith(".map", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<DiscoveredFile> Walk(string root, DiscoveryOptions options, Action<ScanDiagnostic> diagnostic)
    {
        var filter = new GlobFilter(options.Include, options.Exclude);
        var rootInfo = new DirectoryInfo(Path.GetFullPath(root));
        var visited = new HashSet<string>(StringComparer.Ordinal) { rootInfo.FullName };
        var stack = new Stack<(DirectoryInfo Dir, string Relative, List<(string Base, IgnoreList List)> Ignores)>();
        stack.Push((rootInfo, "", LoadIgnores(rootInfo, "", [], options, diagnostic)));

        while (stack.Count > 0)
        {
            var (dir, relative, ignores) = stack.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = dir.EnumerateFileSystemInfos("*", new EnumerationOptions
                {
                    RecurseSubdirectories = false,
                    IgnoreInaccessible = false,
                    AttributesToSkip = 0,
                    ReturnSpecialDirectories = false,
                }).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                diagnostic(new ScanDiagnostic(relative.Length == 0 ? "." : relative, "cannot read directory: " + ex.Message, Incomplete: true));
                continue;
            }
            entries.Sort((a, b) => string.CompareOrdinal(b.Name, a.Name)); // reversed: the stack pops in order

            var files = new List<DiscoveredFile>();
            foreach (var entry in entries)
            {
                string childRelative = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
                bool isLink = entry.LinkTarget is not null;
                bool isDirectory = entry is DirectoryInfo;

                if (isLink)
                {
                    if (!options.FollowSymlinks) continue;
                    FileSystemInfo? target;
                    try { target = entry.ResolveLinkTarget(returnFinalTarget: true); }
                    catch (IOException ex)
                    {
                        diagnostic(new ScanDiagnostic(childRelative, "cannot resolve symbolic link (loop or broken): " + ex.Message, Incomplete: false));
                        continue;
                    }
                    if (target is null || !target.Exists)
                    {
                        diagnostic(new ScanDiagnostic(childRelative, "broken symbolic link skipped", Incomplete: false));
                        continue;
                    }
                    if (target is DirectoryInfo targetDir)
                    {
                        var real = targetDir.FullName.TrimEnd('/');
                        if (!visited.Add(real) || IsAncestor(real, dir.FullName))
                        {
                            diagnostic(new ScanDiagnostic(childRelative, "symbolic link skipped: it points to a folder already scanned or to one of its own parents (" + real + ")", Incomplete: false));
                            continue;
                        }
                        isDirectory = true;
                        entry.Refresh();
                    }
                }

                if (isDirectory)
                {
                    if (options.ExcludedDirectoryNames.Contains(entry.Name)) continue;
                    if (IsIgnored(ignores, childRelative, true)) continue;
                    if (filter.IsExcluded(childRelative)) continue;
                    var subdir = isLink ? new DirectoryInfo(Path.Combine(dir.FullName, entry.Name)) : (DirectoryInfo)entry;
                    if (File.Exists(Path.Combine(subdir.FullName, "pyvenv.cfg"))) continue;
                    if (!isLink) visited.Add(subdir.FullName.TrimEnd('/'));
                    stack.Push((subdir, childRelative, LoadIgnores(subdir, childRelative, ignores, options, diagnostic)));
                    continue;
                }

                if (entry is not FileInfo file) continue;
                if (IsSkippedByName(entry.Name)) continue;
                if (IsIgnored(ignores, childRelative, false)) continue;
                if (!filter.IsIncluded(childRelative) || filter.IsExcluded(childRelative)) continue;
                if (options.OnlyPaths is { } only && !only.Contains(file.FullName)) continue;
                var language = LanguageDetector.FromName(entry.Name);
                if (language is null && entry.Name.Contains('.')) continue; // an extension we do not scan (images, archives...)
                long length;
                try { length = isLink ? new FileInfo(file.FullName).Length : file.Length; }
                catch (IOException) { length = 0; }
                files.Add(new DiscoveredFile(file.FullName, childRelative, language, length));
            }
            // files of this folder first (in name order), then its subfolders
            files.Reverse();
            foreach (var f in files) yield return f;
        }
    }

    private static bool IsAncestor(string candidate, string path) =>
        path == candidate || path.StartsWith(candidate + "/", StringComparison.Ordinal);

    private static List<(string Base, IgnoreList List)> LoadIgnores(
        DirectoryInfo dir, string relative, List<(string Base, IgnoreList List)> inherited, DiscoveryOptions options, Action<ScanDiagnostic> diagnostic)
    {
        if (!options.RespectGitignore) return inherited;
        var path = Path.Combine(dir.FullName, ".gitignore");
        if (!File.Exists(path)) return inherited;
        try
        {
            var list = new IgnoreList(path);
            return [.. inherited, (relative, list)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            diagnostic(new ScanDiagnostic(relative.Length == 0 ? ".gitignore" : relative + "/.gitignore", "cannot read .gitignore: " + ex.Message, Incomplete: false));
            return inherited;
        }
    }

    /// <summary>Git's precedence: the last matching pattern decides, and patterns of a deeper .gitignore come after
    /// those of its parents, so a deeper <c>!pattern</c> re-includes what a parent file ignored.</summary>
    private static bool IsIgnored(List<(string Base, IgnoreList List)> ignores, string relative, bool isDirectory)
    {
        for (int i = ignores.Count - 1; i >= 0; i--)
        {
            var (basePath, list) = ignores[i];
            var local = basePath.Length == 0 ? relative : relative[(basePath.Length + 1)..];
            for (int r = list.Rules.Count - 1; r >= 0; r--)
            {
                var rule = list.Rules[r];
                if (rule.IsMatch(local, isDirectory)) return !rule.PatternFlags.HasFlag(PatternFlags.NEGATION);
            }
        }
        return false;
    }
}
