using LibGit2Sharp;

namespace McpSentinel.Core.Git;

/// <summary>
/// The files of a working tree that differ from a base revision — as <c>git diff BASE...</c> plus what is staged,
/// modified or untracked (and not ignored) in the working tree. The comparison starts at the merge base of the
/// revision and HEAD, so commits that landed on the base branch since the branch point are not counted as changes.
/// </summary>
public sealed class GitChangeSet
{
    private readonly string _repositoryPath;

    private GitChangeSet(string repositoryPath, string workingDirectory, string baseRevision, string baseCommit, IReadOnlyList<GitChangedFile> files)
    {
        _repositoryPath = repositoryPath;
        WorkingDirectory = workingDirectory;
        BaseRevision = baseRevision;
        BaseCommit = baseCommit;
        Files = files;
    }

    public string WorkingDirectory { get; }
    public string BaseRevision { get; }
    /// <summary>The commit compared with (the merge base), as a full hash.</summary>
    public string BaseCommit { get; }
    /// <summary>Files added, modified, renamed or copied (deleted files are not listed: there is nothing left to scan).</summary>
    public IReadOnlyList<GitChangedFile> Files { get; }

    /// <summary>Computes the change set of the repository that contains <paramref name="path"/>.</summary>
    /// <exception cref="GitDiffException">not in a repository, unknown revision, or HEAD has no commit</exception>
    public static GitChangeSet Collect(string path, string baseRevision)
    {
        var discovered = Repository.Discover(path)
            ?? throw new GitDiffException($"--diff-base: '{path}' is not inside a git repository");
        try
        {
            using var repo = new Repository(discovered);
            if (repo.Info.IsBare || repo.Info.WorkingDirectory is null) throw new GitDiffException("--diff-base: the repository has no working tree");
            if (repo.Head.Tip is null) throw new GitDiffException("--diff-base: the repository has no commit yet");
            var baseObject = LookupCommit(repo, baseRevision)
                ?? throw new GitDiffException($"--diff-base: '{baseRevision}' is not a commit, branch or tag of this repository");
            var mergeBase = repo.ObjectDatabase.FindMergeBase(baseObject, repo.Head.Tip)
                ?? throw new GitDiffException($"--diff-base: '{baseRevision}' and HEAD have no common history");

            var workdir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repo.Info.WorkingDirectory));
            var files = new Dictionary<string, GitChangedFile>(StringComparer.Ordinal);
            var changes = repo.Diff.Compare<TreeChanges>(mergeBase.Tree, DiffTargets.Index | DiffTargets.WorkingDirectory,
                paths: null, explicitPathsOptions: null, new CompareOptions { Similarity = SimilarityOptions.Renames });
            foreach (var change in changes)
            {
                string? basePath = change.Status switch
                {
                    ChangeKind.Added or ChangeKind.Untracked => null,
                    ChangeKind.Modified or ChangeKind.Renamed or ChangeKind.Copied or ChangeKind.TypeChanged => change.OldPath,
                    _ => "",
                };
                if (basePath == "") continue; // deleted, unmodified, ignored, conflicted: nothing new to scan
                var full = Path.GetFullPath(Path.Combine(workdir, change.Path));
                files[full] = new GitChangedFile(full, basePath);
            }
            // untracked files are not part of a tree-to-workdir diff
            foreach (var entry in repo.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true, IncludeIgnored = false }).Untracked)
            {
                var full = Path.GetFullPath(Path.Combine(workdir, entry.FilePath));
                files.TryAdd(full, new GitChangedFile(full, null));
            }
            return new GitChangeSet(discovered, workdir, baseRevision, mergeBase.Sha,
                files.Values.OrderBy(f => f.FullPath, StringComparer.Ordinal).ToArray());
        }
        catch (LibGit2SharpException ex)
        {
            throw new GitDiffException("--diff-base: " + ex.Message, ex);
        }
    }

    private static Commit? LookupCommit(Repository repo, string revision)
    {
        try
        {
            return repo.Lookup(revision)?.Peel<Commit>();
        }
        catch (LibGit2SharpException)
        {
            return null; // malformed revision syntax, or a tree/blob that does not peel to a commit
        }
    }

    /// <summary>Writes the base commit's version of a changed file to <paramref name="destination"/>; false when the
    /// file is new (or the base entry is not a regular file).</summary>
    public bool WriteBaseVersion(GitChangedFile file, string destination)
    {
        if (file.BasePath is null) return false;
        using var repo = new Repository(_repositoryPath);
        var commit = repo.Lookup<Commit>(BaseCommit);
        if (commit?[file.BasePath]?.Target is not Blob blob) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        using var content = blob.GetContentStream();
        using var output = File.Create(destination);
        content.CopyTo(output);
        return true;
    }
}
