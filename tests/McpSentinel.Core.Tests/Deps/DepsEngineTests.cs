using McpSentinel.Core.Deps;
using McpSentinel.Core.Discovery;
using McpSentinel.Core.Intel;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Core.Tests.Deps;

public sealed class DepsEngineTests
{
    private static DepsEngine.Result Run(TempTree tree, AdvisoryDatabase? db = null) =>
        new DepsEngine(db ?? AdvisoryDatabase.LoadBundled()).Analyze([tree.Root], new DiscoveryOptions());

    private static string PackageJson(string deps) => "{\n  \"name\": \"demo\",\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\n" + deps + "\n  }\n}\n";

    private static string Lock(params (string Name, string Version)[] packages) =>
        "{\n  \"name\": \"demo\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": { \"name\": \"demo\" },\n"
        + string.Join(",\n", packages.Select(p => $"    \"node_modules/{p.Name}\": {{\n      \"version\": \"{p.Version}\"\n    }}")) + "\n  }\n}\n";

    // ---- MCP-DEP-001: vulnerable versions ----

    [Fact]
    public void PackageLock_VulnerableVersion_IsFlagged_AtTheLockLine_WithFixedVersion()
    {
        using var tree = new TempTree()
            .WithFile("package.json", PackageJson("    \"mcp-remote\": \"^0.1.10\""))
            .WithFile("package-lock.json", Lock(("mcp-remote", "0.1.15")));
        var f = Assert.Single(Run(tree).Findings);
        Assert.Equal(DepsEngine.VulnerableRule, f.RuleId);
        Assert.Equal("package-lock.json", f.Location.Path);
        Assert.Equal(6, f.Location.StartLine);
        Assert.Equal(Severity.Critical, f.Severity);
        Assert.Equal(Confidence.High, f.Confidence);
        Assert.Equal(Categories.SupplyChain, f.Category);
        Assert.Equal("deps", f.Engine);
        Assert.Contains("CWE-1395", f.Cwe);
        Assert.Contains("CWE-78", f.Cwe);
        Assert.Contains("CVE-2025-6514", f.Message);
        Assert.Contains("0.1.16", f.Remediation);
        Assert.Contains("node_modules/mcp-remote", f.Evidence);
    }

    [Theory]
    [InlineData("0.1.16")]   // the fixed release
    [InlineData("0.2.0")]
    [InlineData("0.0.4")]    // before the vulnerability was introduced
    public void PackageLock_VersionOutsideTheRange_IsNotFlagged(string version)
    {
        using var tree = new TempTree()
            .WithFile("package.json", PackageJson("    \"mcp-remote\": \"^0.1.10\""))
            .WithFile("package-lock.json", Lock(("mcp-remote", version)));
        Assert.Empty(Run(tree).Findings);
    }

    [Theory]
    [InlineData("2.1.5-beta.1", true)] // a prerelease of the fixed version is still before the fix
    [InlineData("2.1.4", true)]
    [InlineData("2.1.5", false)]
    [InlineData("2.1.6-rc.1", false)]
    public void Prereleases_AreOrderedBeforeTheirRelease(string version, bool flagged)
    {
        using var tree = new TempTree().WithFile("package-lock.json", Lock(("@cyanheads/git-mcp-server", version)));
        Assert.Equal(flagged, Run(tree).Findings.Any(f => f.RuleId == DepsEngine.VulnerableRule));
    }

    [Fact]
    public void ManifestRange_WithoutLock_AdmittingVulnerableVersions_IsLowSeverityLowConfidence()
    {
        using var tree = new TempTree().WithFile("package.json", PackageJson("    \"@modelcontextprotocol/inspector\": \"^0.13.0\",\n    \"mcp-remote\": \"^0.1.16\""));
        var f = Assert.Single(Run(tree).Findings);
        Assert.Equal("package.json", f.Location.Path);
        Assert.Equal(5, f.Location.StartLine);
        Assert.Equal(Severity.Low, f.Severity);
        Assert.Equal(Confidence.Low, f.Confidence);
        Assert.Contains("admits", f.Message);
    }

    [Fact]
    public void Lock_Wins_OverTheManifestRange()
    {
        // the range admits vulnerable versions but the lock (in the parent folder: a workspace) resolves a fixed one
        using var tree = new TempTree()
            .WithFile("packages/app/package.json", PackageJson("    \"@modelcontextprotocol/inspector\": \"^0.13.0\""))
            .WithFile("package-lock.json", Lock(("@modelcontextprotocol/inspector", "0.14.1")));
        Assert.Empty(Run(tree).Findings);
    }

    [Fact]
    public void PackageLockV1_NestedDependencies_AreRead()
    {
        using var tree = new TempTree().WithFile("package-lock.json", """
            {
              "name": "demo",
              "lockfileVersion": 1,
              "dependencies": {
                "some-tool": {
                  "version": "1.0.0",
                  "dependencies": {
                    "mcp-remote": {
                      "version": "0.1.0"
                    }
                  }
                }
              }
            }
            """);
        var f = Assert.Single(Run(tree).Findings);
        Assert.Equal(8, f.Location.StartLine);
    }

    [Fact]
    public void PnpmLock_AllKeyStyles_AreRead()
    {
        using var tree = new TempTree().WithFile("pnpm-lock.yaml", """
            lockfileVersion: '9.0'
            packages:
              mcp-remote@0.1.15:
                resolution: {integrity: sha512-x}
              '@modelcontextprotocol/inspector@0.14.0':
                resolution: {integrity: sha512-y}
              /@cyanheads/git-mcp-server@2.1.4(zod@3.25.0):
                resolution: {integrity: sha512-z}
              /express/4.18.2:
                resolution: {integrity: sha512-w}
            """);
        var findings = Run(tree).Findings;
        Assert.Equal([3, 5, 7], findings.Select(f => f.Location.StartLine).Order());
    }

    [Fact]
    public void YarnLock_V1AndBerry_AreRead()
    {
        using var tree = new TempTree()
            .WithFile("a/yarn.lock", "# yarn lockfile v1\n\n\"@modelcontextprotocol/inspector@^0.13.0\", \"@modelcontextprotocol/inspector@^0.13.1\":\n  version \"0.13.0\"\n  resolved \"https://r/x.tgz\"\n\nexpress@^4.0.0:\n  version \"4.18.2\"\n")
            .WithFile("b/yarn.lock", "__metadata:\n  version: 8\n\n\"mcp-remote@npm:^0.1.0\":\n  version: 0.1.14\n  resolution: \"mcp-remote@npm:0.1.14\"\n");
        var findings = Run(tree).Findings;
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.Location.Path == "a/yarn.lock" && f.Location.StartLine == 3);
        Assert.Contains(findings, f => f.Location.Path == "b/yarn.lock" && f.Location.StartLine == 4);
    }

    [Fact]
    public void Requirements_PinnedVulnerable_IsFlagged_FloatingAboveFix_IsNot()
    {
        using var tree = new TempTree().WithFile("requirements-dev.txt", "# tools\nmcp==1.9.4  # pinned\nfastmcp>=2.14.0\nrequests>=2.0\n-r other.txt\ngit+https://example.invalid/x.git\n");
        var f = Assert.Single(Run(tree).Findings);
        Assert.Equal(2, f.Location.StartLine);
        Assert.Equal(Confidence.High, f.Confidence);
        Assert.Contains("CVE-2025-66416", f.Message);
        Assert.Contains("CVE-2025-53365", f.Message);
        Assert.Contains("upgrade to 1.23.0", f.Remediation, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("mcp==1.23.0", false)]
    [InlineData("mcp==1.23.0rc1", true)]   // a release candidate of the fix is still affected
    [InlineData("mcp===1.22.0", true)]
    [InlineData("MCP[cli]==1.22.0 ; python_version >= '3.10'", true)]
    [InlineData("mcp-server-git==1.0.0", false)] // a different package whose name starts the same
    public void Requirements_Pep440Edges(string line, bool flagged)
    {
        using var tree = new TempTree().WithFile("requirements.txt", line + "\n");
        Assert.Equal(flagged, Run(tree).Findings.Any(f => f.RuleId == DepsEngine.VulnerableRule && f.Confidence == Confidence.High));
    }

    [Fact]
    public void Pyproject_Pep621AndPoetry_WithPoetryLock()
    {
        using var tree = new TempTree()
            .WithFile("svc/pyproject.toml", "[project]\nname = \"svc\"\ndependencies = [\n  \"mcp>=1.23\",\n  \"fastmcp==2.13.0\",\n]\n\n[tool.poetry.dependencies]\npython = \"^3.11\"\nmcp = \"^1.2\"\n")
            .WithFile("lib/pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.11\"\nfastmcp = { version = \"^2.14\" }\n")
            .WithFile("app/pyproject.toml", "[project]\nname = \"app\"\ndependencies = [\"mcp>=1.0\"]\n")
            .WithFile("app/poetry.lock", "[[package]]\nname = \"mcp\"\nversion = \"1.24.0\"\n\n[[package]]\nname = \"fastmcp\"\nversion = \"2.3.0\"\n");
        var findings = Run(tree).Findings;
        // svc: fastmcp==2.13.0 pinned (high), poetry mcp ^1.2 = >=1.2,<2 admits <1.23 (low); lib: nothing; app: lock says mcp 1.24.0 (clean), fastmcp 2.3.0 locked (high)
        Assert.Contains(findings, f => f.Location.Path == "svc/pyproject.toml" && f.Location.StartLine == 5 && f.Confidence == Confidence.High);
        Assert.Contains(findings, f => f.Location.Path == "svc/pyproject.toml" && f.Location.StartLine == 10 && f.Confidence == Confidence.Low);
        Assert.Contains(findings, f => f.Location.Path == "app/poetry.lock" && f.Location.StartLine == 5 && f.Message.Contains("fastmcp 2.3.0", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Location.Path == "lib/pyproject.toml");
        Assert.DoesNotContain(findings, f => f.Location.Path == "app/pyproject.toml");
        Assert.Equal(3, findings.Count);
    }

    [Fact]
    public void UvLock_IsRead()
    {
        using var tree = new TempTree().WithFile("uv.lock", "version = 1\n\n[[package]]\nname = \"mcp\"\nversion = \"1.22.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n[[package]]\nname = \"anyio\"\nversion = \"4.0.0\"\n");
        var f = Assert.Single(Run(tree).Findings);
        Assert.Equal(3, f.Location.StartLine);
    }

    [Fact]
    public void GoMod_BlockAndSingleLine()
    {
        using var tree = new TempTree()
            .WithFile("a/go.mod", "module x\n\ngo 1.23\n\nrequire (\n\tgithub.com/modelcontextprotocol/go-sdk v1.3.0\n\tgolang.org/x/net v0.20.0 // indirect\n)\n")
            .WithFile("b/go.mod", "module y\n\nrequire github.com/modelcontextprotocol/go-sdk v1.4.0\n");
        var f = Assert.Single(Run(tree).Findings);
        Assert.Equal(("a/go.mod", 6), (f.Location.Path, f.Location.StartLine));
    }

    [Fact]
    public void NuGet_CsprojAndLock_WithImportedAdvisory()
    {
        var advisory = new Advisory
        {
            Id = "GHSA-test-nuget", Ecosystem = Ecosystems.NuGet, Package = "Contoso.Mcp", Severity = "high",
            Ranges = [new AffectedRange { Introduced = "0", Fixed = "2.0.0" }], Summary = "test", Source = "test",
        };
        var db = new AdvisoryDatabase([advisory]);
        using var tree = new TempTree()
            .WithFile("a/A.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"contoso.mcp\" Version=\"[1.5.0]\" />\n    <PackageReference Include=\"Other\" Version=\"1.0.0\" />\n  </ItemGroup>\n</Project>\n")
            .WithFile("b/B.csproj", "<Project>\n  <ItemGroup>\n    <PackageReference Include=\"Contoso.Mcp\">\n      <Version>2.0.0</Version>\n    </PackageReference>\n  </ItemGroup>\n</Project>\n")
            .WithFile("c/packages.lock.json", "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net10.0\": {\n      \"Contoso.Mcp\": {\n        \"type\": \"Direct\",\n        \"resolved\": \"1.9.9-preview.3\"\n      }\n    }\n  }\n}\n");
        var findings = Run(tree, db).Findings;
        Assert.Equal([("a/A.csproj", 3), ("c/packages.lock.json", 5)], findings.Select(f => (f.Location.Path!, f.Location.StartLine)).Order());
    }

    [Fact]
    public void NuGet_CentralPackageVersions_AreRead()
    {
        var db = new AdvisoryDatabase([new Advisory
        {
            Id = "GHSA-test-cpm", Ecosystem = Ecosystems.NuGet, Package = "Contoso.Mcp", Severity = "medium",
            Ranges = [new AffectedRange { Introduced = "0", Fixed = "2.0.0" }], Summary = "test", Source = "test",
        }]);
        using var tree = new TempTree()
            .WithFile("Directory.Packages.props", "<Project>\n  <ItemGroup>\n    <PackageVersion Include=\"Contoso.Mcp\" Version=\"1.0.0\" />\n  </ItemGroup>\n</Project>\n")
            .WithFile("src/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"Contoso.Mcp\" />\n  </ItemGroup>\n</Project>\n");
        var f = Assert.Single(Run(tree, db).Findings);
        Assert.Equal(("Directory.Packages.props", 3), (f.Location.Path, f.Location.StartLine));
    }

    [Fact]
    public void Requirements_HashContinuationLines_AreSkipped()
    {
        using var tree = new TempTree().WithFile("requirements.txt", "mcp==1.9.4 \\\n    --hash=sha256:0123456789abcdef\nanyio==4.0.0 \\\n    --hash=sha256:fedcba\n");
        var f = Assert.Single(Run(tree).Findings);
        Assert.Equal(1, f.Location.StartLine);
        Assert.Equal("mcp==1.9.4 \\", f.Evidence);
    }

    // ---- MCP-DEP-002: malicious packages ----

    [Fact]
    public void MaliciousRelease_IsCritical_Cwe506()
    {
        using var tree = new TempTree().WithFile("package.json", PackageJson("    \"postmark-mcp\": \"1.0.16\""));
        var f = Assert.Single(Run(tree).Findings);
        Assert.Equal(DepsEngine.MaliciousRule, f.RuleId);
        Assert.Equal(Severity.Critical, f.Severity);
        Assert.Equal("CWE-506", f.Cwe[0]);
    }

    [Fact]
    public void MaliciousPackage_CleanEarlierRelease_IsNotFlagged()
    {
        using var tree = new TempTree().WithFile("package-lock.json", Lock(("postmark-mcp", "1.0.15")));
        Assert.Empty(Run(tree).Findings);
    }

    // ---- MCP-DEP-003: typosquats ----

    [Theory]
    [InlineData("@modelcontextprotocol/server-filesytem")] // one letter dropped
    [InlineData("@modelcontextprotocol/server-fi1esystem")] // look-alike digit
    [InlineData("modelcontextprotocol-server-filesystem")] // scope mangled
    [InlineData("mcp-remot")]
    public void Typosquat_IsFlagged(string name)
    {
        using var tree = new TempTree().WithFile("package.json", PackageJson($"    \"{name}\": \"^1.0.0\""));
        var f = Assert.Single(Run(tree).Findings);
        Assert.Equal(DepsEngine.TyposquatRule, f.RuleId);
        Assert.Equal(Severity.Medium, f.Severity);
    }

    [Theory]
    [InlineData("@modelcontextprotocol/server-filesystem")] // the real one
    [InlineData("@modelcontextprotocol/server-github")]
    [InlineData("express")]                                   // popular, unrelated
    [InlineData("mcp-proxy")]                                 // legitimately popular, one word apart from mcp-remote
    [InlineData("fastify")]                                   // close-ish to fastmcp, but not one edit away
    [InlineData("zod")]
    public void LegitimateOrUnrelatedName_IsNotFlagged(string name)
    {
        using var tree = new TempTree().WithFile("package.json", PackageJson($"    \"{name}\": \"^1.0.0\""));
        Assert.DoesNotContain(Run(tree).Findings, f => f.RuleId == DepsEngine.TyposquatRule);
    }

    [Fact]
    public void Typosquat_PyPI()
    {
        using var tree = new TempTree().WithFile("requirements.txt", "fastmcpp>=1.0\nmcp-server-git==2025.1.1\nmcp-server-fetch>=1\nmcp>=1.23\n");
        var f = Assert.Single(Run(tree).Findings);
        Assert.Equal((DepsEngine.TyposquatRule, 1), (f.RuleId, f.Location.StartLine));
    }

    // ---- robustness and integration ----

    [Fact]
    public void MalformedManifests_BecomeDiagnostics_NotCrashes()
    {
        using var tree = new TempTree()
            .WithFile("a/package.json", "{ \"dependencies\": ")
            .WithFile("b/pyproject.toml", "[project\ndependencies = [")
            .WithFile("c/App.csproj", "<Project><ItemGroup>")
            .WithFile("d/pnpm-lock.yaml", "packages: [: :")
            .WithFile("e/package-lock.json", "[1, 2]")
            .WithFile("g/pnpm-lock.yaml", "packages:\n  a@1.0.0: {}\n  a@1.0.0: {}\n")
            .WithFile("f/package-lock.json", Lock(("mcp-remote", "0.1.0")));
        var result = Run(tree);
        Assert.Equal(6, result.Diagnostics.Count);
        Assert.All(result.Diagnostics, d => Assert.True(d.Incomplete));
        Assert.Single(result.Findings); // the good file is still analysed
    }

    [Fact]
    public void ExcludedFolders_AndGlobs_AreHonoured()
    {
        using var tree = new TempTree()
            .WithFile("node_modules/x/package-lock.json", Lock(("mcp-remote", "0.1.0")))
            .WithFile("vendored/package-lock.json", Lock(("mcp-remote", "0.1.0")))
            .WithFile("package-lock.json", Lock(("mcp-remote", "0.1.0")));
        var result = new DepsEngine(AdvisoryDatabase.LoadBundled()).Analyze([tree.Root], new DiscoveryOptions { Exclude = ["vendored"] });
        Assert.Equal("package-lock.json", Assert.Single(result.Findings).Location.Path);
    }

    [Fact]
    public void Scanner_RunsDepsEngine_WhenAsked_AndLockFilesAreFound()
    {
        using var tree = new TempTree().WithFile("package-lock.json", Lock(("mcp-remote", "0.1.0")));
        var options = new ScanOptions { Targets = [tree.Root], Rules = TestRules.Of(TestRules.ShellTrue), Engines = ["static", "deps"] };
        var result = new Scanner().Scan(options);
        var f = Assert.Single(result.Findings);
        Assert.Equal("deps", f.Engine);
        Assert.False(string.IsNullOrEmpty(f.Fingerprint));
        Assert.Equal(["static", "deps"], result.Engines);

        var staticOnly = new Scanner().Scan(options with { Engines = ["static"] });
        Assert.Empty(staticOnly.Findings);
    }
}
