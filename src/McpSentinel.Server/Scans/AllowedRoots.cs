namespace McpSentinel.Server.Scans;

/// <summary>The folders under which the server accepts path scans. A path is accepted only when its real location
/// (symbolic links resolved) is inside one of them.</summary>
public sealed class AllowedRoots
{
    private readonly IReadOnlyList<string> _roots;

    public AllowedRoots(IEnumerable<string> roots)
    {
        _roots = roots.Select(r => Resolve(Path.GetFullPath(r)).TrimEnd(Path.DirectorySeparatorChar)).ToList();
    }

    public bool IsEmpty => _roots.Count == 0;

    /// <summary>The resolved full path when it exists and is under an allowed root; otherwise null and a reason.</summary>
    public (string? Path, string? Refusal) Check(string path)
    {
        if (_roots.Count == 0) return (null, "path scans are disabled: the server was started without --allowed-root");
        if (string.IsNullOrWhiteSpace(path) || !System.IO.Path.IsPathFullyQualified(path)) return (null, "the path must be absolute");
        string full;
        try { full = Resolve(System.IO.Path.GetFullPath(path)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException) { return (null, "the path cannot be resolved"); }
        if (!Directory.Exists(full) && !File.Exists(full)) return (null, "the path does not exist");
        foreach (var root in _roots)
        {
            if (full == root || full.StartsWith(root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)) return (full, null);
        }
        return (null, "the path is outside the server's allowed roots");
    }

    /// <summary>Resolves symbolic links in every component that exists.</summary>
    private static string Resolve(string full)
    {
        var parts = full.Split(System.IO.Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        string current = System.IO.Path.GetPathRoot(full) ?? "/";
        foreach (var part in parts)
        {
            var next = System.IO.Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                next = target?.FullName ?? next;
            }
            current = next;
        }
        return current;
    }
}
