using LibGit2Sharp;
using McpSentinel.Core.Git;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Scanning;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Core.Tests;

public sealed class DiffBaseScanTests
{
    private const string Vulnerable = "import os\n\ndef run(cmd):\n    os.system(\"sh -c \" + cmd)\n";
    private static readonly Signature Author = new("test", "test@example.invalid", DateTimeOffset.UnixEpoch);

    private static void Commit(TempTree tree, string message)
    {
        using var repo = new Repository(tree.Root);
        Commands.Stage(repo, "*");
        repo.Commit(message, Author, Author);
    }

    private static TempTree NewRepo()
    {
        var tree = new TempTree();
        Repository.Init(tree.Root);
        return tree;
    }

    private static ScanResult Scan(string target, string? baseRevision)
    {
        var scanner = new Scanner();
        var options = new ScanOptions { Targets = [target], Rules = new RuleSet(RuleCatalog.BuiltinRules.Rules), Jobs = 1 };
        if (baseRevision is not null) options = DiffBaseScan.Prepare(scanner, options, baseRevision);
        return scanner.Scan(options);
    }

    [Fact]
    public void Prepare_FindingAlreadyAtBase_IsNotReported_NewOneIs()
    {
        using var tree = NewRepo().WithFile("a.py", Vulnerable).WithFile("b.py", Vulnerable);
        Commit(tree, "base");
        // lines inserted above the old finding move it, and a second, new finding is added; b.py is untouched
        tree.WithFile("a.py", "# header\n\n" + Vulnerable + "\ndef other(x):\n    os.popen(\"ls \" + x)\n");

        var full = Scan(tree.Root, null);
        Assert.Equal(3, full.Findings.Count(f => f.RuleId == "MCP-CMD-002"));

        var diff = Scan(tree.Root, "HEAD");
        var finding = Assert.Single(diff.Findings, f => f.RuleId == "MCP-CMD-002");
        Assert.Equal("a.py", finding.Location.Path);
        Assert.Contains("popen", finding.Evidence, StringComparison.Ordinal);
        Assert.Single(diff.SuppressedFindings); // the one present at the base
        Assert.Equal(1, diff.FilesScanned); // b.py did not change
        Assert.Contains(diff.Diagnostics, d => d.Message.StartsWith("diff mode: 1 changed file(s) since HEAD", StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_UntrackedAndStagedNewFiles_AreScannedWhole()
    {
        using var tree = NewRepo().WithFile("a.py", "print('ok')\n");
        Commit(tree, "base");
        tree.WithFile("new/untracked.py", Vulnerable).WithFile("staged.py", Vulnerable);
        using (var repo = new Repository(tree.Root)) Commands.Stage(repo, "staged.py");

        var diff = Scan(tree.Root, "HEAD");
        Assert.Equal(["new/untracked.py", "staged.py"], diff.Findings.Where(f => f.RuleId == "MCP-CMD-002").Select(f => f.Location.Path!).Order().ToArray());
    }

    [Fact]
    public void Prepare_RenamedFileWithOldFinding_ReportsNothingNew()
    {
        using var tree = NewRepo().WithFile("old_name.py", Vulnerable);
        Commit(tree, "base");
        File.Move(tree.PathOf("old_name.py"), tree.PathOf("new_name.py"));
        Commit(tree, "rename");

        var diff = Scan(tree.Root, "HEAD~1");
        Assert.DoesNotContain(diff.Findings, f => f.RuleId == "MCP-CMD-002");
    }

    [Fact]
    public void Prepare_ComparesWithMergeBase_NotWithTheBaseBranchTip()
    {
        using var tree = NewRepo().WithFile("a.py", "print('ok')\n");
        Commit(tree, "base");
        using (var repo = new Repository(tree.Root))
        {
            var main = repo.Head;
            var feature = repo.CreateBranch("feature");
            // the base branch moves on with its own vulnerable file after the branch point
            tree.WithFile("mainline.py", Vulnerable);
            Commands.Stage(repo, "*");
            repo.Commit("main work", Author, Author);
            Commands.Checkout(repo, feature);
        }
        tree.WithFile("feature.py", "print('feature')\n");
        Commit(tree, "feature work");

        var diff = Scan(tree.Root, "master");
        Assert.DoesNotContain(diff.Findings, f => f.RuleId == "MCP-CMD-002");
        Assert.Equal(1, diff.FilesScanned);
    }

    [Fact]
    public void Prepare_SubfolderTarget_KeepsFingerprintsRelativeToTarget()
    {
        using var tree = NewRepo().WithFile("server/a.py", Vulnerable);
        Commit(tree, "base");
        tree.WithFile("server/a.py", "\n\n" + Vulnerable);

        var diff = Scan(tree.PathOf("server"), "HEAD");
        Assert.DoesNotContain(diff.Findings, f => f.RuleId == "MCP-CMD-002");
        Assert.Single(diff.SuppressedFindings);
    }

    [Theory]
    [InlineData("no-such-branch")]
    [InlineData("HEAD~5")]
    [InlineData("..")]
    public void Prepare_UnknownRevision_Throws(string revision)
    {
        using var tree = NewRepo().WithFile("a.py", "x = 1\n");
        Commit(tree, "base");
        var ex = Assert.Throws<GitDiffException>(() => Scan(tree.Root, revision));
        Assert.StartsWith("--diff-base:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_NotARepository_Throws()
    {
        using var tree = new TempTree().WithFile("a.py", "x = 1\n");
        var ex = Assert.Throws<GitDiffException>(() => Scan(tree.Root, "HEAD"));
        Assert.Contains("not inside a git repository", ex.Message, StringComparison.Ordinal);
    }
}
