using System.Collections.Concurrent;
using McpSentinel.Core.Discovery;

namespace McpSentinel.Core.Scanning;

/// <summary>The collected files of a scan, readable by relative path (the collector side of cross-file analysis): only
/// files discovery chose are served (so excludes, .gitignore and the size limit still apply), each read once and cached.</summary>
public sealed class ProjectFiles
{
    public static readonly ProjectFiles Empty = new([], 0);

    private readonly Dictionary<string, DiscoveredFile> _files;
    private readonly long _maxFileSize;
    private readonly ConcurrentDictionary<string, Lazy<SourceFile?>> _read = new(StringComparer.Ordinal);

    public ProjectFiles(IEnumerable<DiscoveredFile> files, long maxFileSize)
    {
        _files = new Dictionary<string, DiscoveredFile>(StringComparer.Ordinal);
        foreach (var f in files) _files.TryAdd(f.RelativePath, f);
        _maxFileSize = maxFileSize;
    }

    public bool Contains(string relativePath) => _files.ContainsKey(relativePath);

    /// <summary>The file at a '/'-separated path relative to the scan root, or null when it was not collected or cannot be read.</summary>
    public SourceFile? Get(string relativePath) =>
        _files.TryGetValue(relativePath, out var discovered)
            ? _read.GetOrAdd(relativePath, _ => new Lazy<SourceFile?>(() => FileReader.Read(discovered, _maxFileSize).File)).Value
            : null;
}
