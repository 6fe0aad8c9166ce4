namespace McpSentinel.Core.Discovery;

public sealed record DiscoveryOptions
{
    public const long DefaultMaxFileSize = 2 * 1024 * 1024;

    public IReadOnlyList<string> Include { get; init; } = [];
    public IReadOnlyList<string> Exclude { get; init; } = [];
    public long MaxFileSize { get; init; } = DefaultMaxFileSize;
    public bool RespectGitignore { get; init; } = true;
    public bool FollowSymlinks { get; init; }
    /// <summary>When set, only these files (full paths) are scanned from directory targets: the files a change touched
    /// (<c>--diff-base</c>). The walk still honours every other rule.</summary>
    public IReadOnlySet<string>? OnlyPaths { get; init; }
    /// <summary>Directory names never entered (unless a file inside is named as a target).</summary>
    public IReadOnlySet<string> ExcludedDirectoryNames { get; init; } = DefaultExcludedDirectories;

    public static readonly IReadOnlySet<string> DefaultExcludedDirectories = new HashSet<string>(StringComparer.Ordinal)
    {
        ".git", ".hg", ".svn", "node_modules", "bower_components", "jspm_packages", "dist", "build", "out",
        ".venv", "venv", ".virtualenv", ".tox", ".nox", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache",
        "site-packages", "vendor", "third_party", "third-party", ".next", ".nuxt", ".svelte-kit", ".turbo", ".cache",
        "coverage", ".idea", ".vs", "obj", ".terraform", ".gradle",
    };
}
