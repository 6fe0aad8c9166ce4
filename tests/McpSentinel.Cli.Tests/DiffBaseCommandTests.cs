using LibGit2Sharp;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Cli.Tests;

public sealed class DiffBaseCommandTests
{
    private const string Vulnerable = "import subprocess\n\ndef run(cmd):\n    subprocess.run(f\"sh {cmd}\", shell=True)\n";
    private static readonly Signature Author = new("test", "test@example.invalid", DateTimeOffset.UnixEpoch);

    private static TempTree Repo(params (string Path, string Content)[] committed)
    {
        var tree = new TempTree();
        Repository.Init(tree.Root);
        foreach (var (path, content) in committed) tree.WithFile(path, content);
        using var repo = new Repository(tree.Root);
        LibGit2Sharp.Commands.Stage(repo, "*");
        repo.Commit("base", Author, Author);
        return tree;
    }

    [Fact]
    public void Scan_DiffBase_OldFindingOnly_Exits0_NewFinding_Exits1()
    {
        using var tree = Repo(("old.py", Vulnerable));
        Assert.Equal(1, CliRunner.Invoke(tree.Root, "scan", ".", "--no-config").ExitCode);
        var unchanged = CliRunner.Invoke(tree.Root, "scan", ".", "--no-config", "--diff-base", "HEAD");
        Assert.Equal(0, unchanged.ExitCode);
        Assert.Contains("diff mode: 0 changed file(s) since HEAD", unchanged.Out + unchanged.Error, StringComparison.Ordinal);

        tree.WithFile("new.py", Vulnerable);
        var changed = CliRunner.Invoke(tree.Root, "scan", ".", "--no-config", "--diff-base", "HEAD");
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("new.py", changed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("old.py", changed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_DiffBase_UnknownRevisionOrNoRepository_IsAUsageError()
    {
        using var tree = Repo(("a.py", "x = 1\n"));
        var run = CliRunner.Invoke(tree.Root, "scan", ".", "--diff-base", "no-such-branch");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'no-such-branch' is not a commit, branch or tag", run.Error, StringComparison.Ordinal);

        using var plain = new TempTree().WithFile("a.py", "x = 1\n");
        Assert.Equal(2, CliRunner.Invoke(plain.Root, "scan", ".", "--diff-base", "HEAD").ExitCode);

        // refused before anything is launched or contacted
        var live = CliRunner.Invoke(tree.Root, "scan", "--live", "http://127.0.0.1:9/mcp", "--diff-base", "HEAD");
        Assert.Equal(2, live.ExitCode);
        Assert.DoesNotContain("connecting", live.Error, StringComparison.Ordinal);
    }
}

public sealed class PreCommitHookTests
{
    [Fact]
    public void PreCommitHook_EntryRunsOnPassedFiles_FailsOnlyOnAFinding()
    {
        var hooks = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".pre-commit-hooks.yaml"));
        var entry = hooks.Select(l => l.Trim()).Single(l => l.StartsWith("entry:", StringComparison.Ordinal))["entry:".Length..].Trim();
        var args = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("mcp-sentinel", args[0]);

        using var tree = new TempTree()
            .WithFile("clean.py", "def add(a: int, b: int) -> int:\n    return a + b\n")
            .WithFile("bad.py", "import subprocess\n\ndef run(cmd):\n    subprocess.run(f\"sh {cmd}\", shell=True)\n");
        // pre-commit appends the staged file names to the entry
        Assert.Equal(0, CliRunner.Invoke(tree.Root, [.. args[1..], "clean.py"]).ExitCode);
        var bad = CliRunner.Invoke(tree.Root, [.. args[1..], "clean.py", "bad.py"]);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("bad.py", bad.Out, StringComparison.Ordinal);
    }
}
