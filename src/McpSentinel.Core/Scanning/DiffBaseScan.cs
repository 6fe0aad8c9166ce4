using McpSentinel.Core.Git;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Scanning;

/// <summary>
/// <c>--diff-base REV</c>: report only what a change introduces. The files the change touched are scanned as they are
/// now; their versions at the base are scanned too (from git, into a temporary folder laid out like the targets), and
/// every finding already present at the base is treated like a baseline entry (same fingerprint: rule, path, evidence,
/// occurrence — line numbers are not part of it). Files the change did not touch are not scanned.
/// </summary>
public static class DiffBaseScan
{
    /// <summary>Returns the options for the scan of the change.</summary>
    /// <exception cref="GitDiffException">the change cannot be computed</exception>
    public static ScanOptions Prepare(Scanner scanner, ScanOptions options, string baseRevision, CancellationToken cancellationToken = default)
    {
        var anchor = options.Targets.Count > 0 ? options.Targets[0] : Directory.GetCurrentDirectory();
        var changes = GitChangeSet.Collect(Directory.Exists(anchor) ? anchor : Path.GetDirectoryName(Path.GetFullPath(anchor)) ?? anchor, baseRevision);
        foreach (var target in options.Targets.Where(t => !IsUnder(Path.GetFullPath(t), changes.WorkingDirectory)))
        {
            throw new GitDiffException($"--diff-base: target '{target}' is outside the repository at {changes.WorkingDirectory}");
        }

        var inScope = changes.Files.Where(f => options.Targets.Any(t => IsUnder(f.FullPath, Path.GetFullPath(t)))).ToArray();
        var only = inScope.Select(f => f.FullPath).ToHashSet(StringComparer.Ordinal);
        var baseFingerprints = new HashSet<string>(StringComparer.Ordinal);
        int baseFindings = 0;

        var temp = Path.Combine(Path.GetTempPath(), "mcp-sentinel-base-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var baseTargets = new List<string>();
            for (int i = 0; i < options.Targets.Count; i++)
            {
                var target = Path.GetFullPath(options.Targets[i]);
                var root = Path.Combine(temp, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (Directory.Exists(target))
                {
                    Directory.CreateDirectory(root);
                    foreach (var file in inScope.Where(f => IsUnder(f.FullPath, target)))
                    {
                        changes.WriteBaseVersion(file, Path.Combine(root, Path.GetRelativePath(target, file.FullPath)));
                    }
                    baseTargets.Add(root);
                }
                else if (inScope.FirstOrDefault(f => f.FullPath == target) is { } changed
                    && changes.WriteBaseVersion(changed, Path.Combine(root, Path.GetFileName(target))))
                {
                    baseTargets.Add(Path.Combine(root, Path.GetFileName(target)));
                }
            }
            if (baseTargets.Count > 0)
            {
                var baseScan = scanner.Scan(options with
                {
                    Targets = baseTargets,
                    Discovery = options.Discovery with { OnlyPaths = null, RespectGitignore = false },
                    ExtraFiles = [], ExtraDiagnostics = [], Surfaces = [], SurfaceLock = null, CollectorDiagnostics = [], LiveCoverage = null,
                    BaselineFingerprints = null, Suppressions = [], MinSeverity = Severity.Info, MinConfidence = Confidence.Low,
                }, cancellationToken: cancellationToken);
                foreach (var f in baseScan.Findings.Concat(baseScan.SuppressedFindings))
                {
                    baseFingerprints.Add(f.Fingerprint);
                    baseFindings++;
                }
            }
        }
        finally
        {
            try { if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        var note = new ScanDiagnostic(changes.WorkingDirectory,
            $"diff mode: {only.Count} changed file(s) since {baseRevision} (merge base {changes.BaseCommit[..12]}); "
            + $"{baseFindings} finding(s) present at the base are treated as baseline", Incomplete: false);
        return options with
        {
            Discovery = options.Discovery with { OnlyPaths = only },
            BaselineFingerprints = options.BaselineFingerprints is { } existing ? [.. existing, .. baseFingerprints] : baseFingerprints,
            ExtraDiagnostics = [.. options.ExtraDiagnostics, note],
        };
    }

    private static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
