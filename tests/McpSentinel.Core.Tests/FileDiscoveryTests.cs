using McpSentinel.Core.Discovery;
using McpSentinel.Core.Model;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Core.Tests;

public sealed class FileDiscoveryTests
{
    private static (List<DiscoveredFile> Files, List<ScanDiagnostic> Diagnostics) Walk(TempTree tree, DiscoveryOptions? options = null)
    {
        var diagnostics = new List<ScanDiagnostic>();
        var files = FileDiscovery.Walk(tree.Root, options ?? new DiscoveryOptions(), diagnostics.Add).ToList();
        return (files, diagnostics);
    }

    [Fact]
    public void Walk_SkipsDefaultExcludedFolders_LockFiles_AndMinifiedNames()
    {
        using var tree = new TempTree()
            .WithFile("server.py", "x")
            .WithFile("node_modules/pkg/index.js", "x")
            .WithFile(".git/config", "x")
            .WithFile("dist/out.js", "x")
            .WithFile("env/pyvenv.cfg", "home = /usr").WithFile("env/lib/site.py", "x")
            .WithFile("package-lock.json", "{}")
            .WithFile("static/app.min.js", "x")
            .WithFile("src/index.ts", "x");
        var (files, _) = Walk(tree);
        Assert.Equal(["server.py", "src/index.ts"], files.Select(f => f.RelativePath).Order().ToArray());
    }

    [Fact]
    public void Walk_HonoursNestedGitignore_AndNegation()
    {
        using var tree = new TempTree()
            .WithFile(".gitignore", "*.log\nsecret/\n")
            .WithFile("a.py", "x").WithFile("debug.log", "x").WithFile("secret/k.py", "x")
            .WithFile("sub/.gitignore", "gen_*.py\n!gen_keep.py\n")
            .WithFile("sub/gen_1.py", "x").WithFile("sub/gen_keep.py", "x").WithFile("sub/real.py", "x");
        var (files, _) = Walk(tree);
        Assert.Equal(["a.py", "sub/gen_keep.py", "sub/real.py"], files.Select(f => f.RelativePath).Order().ToArray());
    }

    [Fact]
    public void Walk_NestedNegation_ReincludesFileIgnoredByParent_ButNotInsideIgnoredFolder()
    {
        using var tree = new TempTree()
            .WithFile(".gitignore", "*.gen.py\nbuild/\n")
            .WithFile("root.gen.py", "x")
            .WithFile("pkg/.gitignore", "!keep.gen.py\n")
            .WithFile("pkg/keep.gen.py", "x").WithFile("pkg/other.gen.py", "x")
            .WithFile("build/.gitignore", "!*.py\n").WithFile("build/out.py", "x");
        var (files, _) = Walk(tree);
        // As git does: the deeper file's negation wins over the parent's pattern; a folder the parent ignores is never
        // entered, so a negation inside it does not bring its files back.
        Assert.Equal(["pkg/keep.gen.py"], files.Select(f => f.RelativePath).Order().ToArray());
    }

    [Fact]
    public void Walk_NoGitignore_ScansIgnoredFiles()
    {
        using var tree = new TempTree().WithFile(".gitignore", "b.py\n").WithFile("a.py", "x").WithFile("b.py", "x");
        var (files, _) = Walk(tree, new DiscoveryOptions { RespectGitignore = false });
        Assert.Contains(files, f => f.RelativePath == "b.py");
    }

    [Fact]
    public void Walk_IncludeAndExcludeGlobs()
    {
        using var tree = new TempTree().WithFile("a.py", "x").WithFile("b.ts", "x").WithFile("tests/t.py", "x").WithFile("src/c.py", "x");
        var (files, _) = Walk(tree, new DiscoveryOptions { Include = ["*.py"], Exclude = ["tests"] });
        Assert.Equal(["a.py", "src/c.py"], files.Select(f => f.RelativePath).Order().ToArray());
    }

    [Fact]
    public void Walk_DetectsLanguages_ByNameAndExtension()
    {
        using var tree = new TempTree().WithFile("Dockerfile", "x").WithFile(".env.production", "x").WithFile("main.go", "x")
            .WithFile("Tool.cs", "x").WithFile("cfg.toml", "x").WithFile("run.sh", "x").WithFile("logo.png", "x");
        var (files, _) = Walk(tree);
        var byName = files.ToDictionary(f => f.RelativePath, f => f.Language);
        Assert.Equal(Language.Dockerfile, byName["Dockerfile"]);
        Assert.Equal(Language.Env, byName[".env.production"]);
        Assert.Equal(Language.Go, byName["main.go"]);
        Assert.Equal(Language.CSharp, byName["Tool.cs"]);
        Assert.Equal(Language.Toml, byName["cfg.toml"]);
        Assert.Equal(Language.Shell, byName["run.sh"]);
        Assert.False(byName.ContainsKey("logo.png"));
    }

    [Fact]
    public void Walk_SymlinkLoop_WithFollow_IsSkippedWithADiagnostic()
    {
        using var tree = new TempTree().WithFile("a/x.py", "x");
        tree.WithDirectorySymlink("a/loop", tree.PathOf("a"));
        var (files, diagnostics) = Walk(tree, new DiscoveryOptions { FollowSymlinks = true });
        Assert.Equal(["a/x.py"], files.Select(f => f.RelativePath).ToArray());
        Assert.Contains(diagnostics, d => d.Path == "a/loop" && d.Message.Contains("own parents", StringComparison.Ordinal) && !d.Incomplete);
    }

    [Fact]
    public void Walk_Symlinks_AreNotFollowedByDefault()
    {
        using var outside = new TempTree().WithFile("o.py", "x");
        using var tree = new TempTree().WithFile("a.py", "x");
        tree.WithDirectorySymlink("link", outside.Root);
        var (files, diagnostics) = Walk(tree);
        Assert.Equal(["a.py"], files.Select(f => f.RelativePath).ToArray());
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Reader_SkipsBinary_AndOversized_WithDiagnostics()
    {
        using var tree = new TempTree().WithBytes("blob.py", [0x41, 0x00, 0x42]).WithFile("big.py", new string('x', 5000));
        var binary = FileReader.Read(new DiscoveredFile(tree.PathOf("blob.py"), "blob.py", Language.Python, 3), 1000);
        Assert.Null(binary.File);
        Assert.Contains("binary", binary.Diagnostic!.Message, StringComparison.Ordinal);
        var big = FileReader.Read(new DiscoveredFile(tree.PathOf("big.py"), "big.py", Language.Python, 5000), 1000);
        Assert.Null(big.File);
        Assert.Contains("limit", big.Diagnostic!.Message, StringComparison.Ordinal);
        Assert.False(big.Diagnostic.Incomplete);
    }

    [Fact]
    public void Reader_InvalidUtf8_IsDecodedWithReplacement_AndNoted()
    {
        using var tree = new TempTree().WithBytes("bad.py", [.. "x = '"u8, 0xC3, 0x28, .. "'\nAKIA\n"u8]);
        var outcome = FileReader.Read(new DiscoveredFile(tree.PathOf("bad.py"), "bad.py", Language.Python, 12), 1000);
        Assert.NotNull(outcome.File);
        Assert.Contains("AKIA", outcome.File!.Text, StringComparison.Ordinal);
        Assert.Contains("UTF-8", outcome.Diagnostic!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_Utf16WithBom_IsDecoded()
    {
        using var tree = new TempTree().WithBytes("u.py", [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes("print('hi')")]);
        var outcome = FileReader.Read(new DiscoveredFile(tree.PathOf("u.py"), "u.py", Language.Python, 24), 1000);
        Assert.Equal("print('hi')", outcome.File!.Text);
    }

    [Fact]
    public void Reader_FileThatVanished_IsAnIncompleteDiagnostic()
    {
        var outcome = FileReader.Read(new DiscoveredFile("/nonexistent/definitely/gone.py", "gone.py", Language.Python, 1), 1000);
        Assert.Null(outcome.File);
        Assert.True(outcome.Diagnostic!.Incomplete);
    }

    [Fact]
    public void Reader_ShebangDetectsLanguage_OfExtensionlessFiles()
    {
        var outcome = FileReader.Decode("tool", null, "#!/usr/bin/env python3\nprint(1)\n"u8.ToArray());
        Assert.Equal(Language.Python, outcome.File!.Language);
    }
}
