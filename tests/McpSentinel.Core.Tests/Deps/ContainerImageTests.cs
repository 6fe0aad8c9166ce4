using McpSentinel.Core.Deps;
using McpSentinel.Core.Discovery;
using McpSentinel.Core.Intel;
using McpSentinel.Core.Intel.Versioning;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Core.Tests.Deps;

/// <summary>Container images as dependencies: what client configurations launch (docker run, and npx / uvx packages)
/// and Dockerfile base images, matched against OCI advisories imported in OSV format, and listed in the BOM.</summary>
public sealed class ContainerImageTests
{
    private static readonly string Fixture = RepoPaths.Of("tests/Fixtures/intel/oci-example-advisory.osv.json");

    private static AdvisoryDatabase WithFixture(TempTree tree)
    {
        var store = new IntelStore(tree.PathOf(".data"));
        var result = store.Import(Fixture, DateTimeOffset.UnixEpoch);
        Assert.Equal(1, result.AdvisoriesImported);
        return AdvisoryDatabase.Load(store, out _);
    }

    private static string DockerConfig(string image) =>
        "{\n  \"mcpServers\": {\n    \"demo\": {\n      \"command\": \"docker\",\n      \"args\": [\"run\", \"-i\", \"--rm\", \"-e\", \"TOKEN\",\n        \"" + image + "\"]\n    }\n  }\n}\n";

    private static DepsEngine.Result Run(TempTree tree, AdvisoryDatabase db) =>
        new DepsEngine(db).Analyze([tree.Root], new DiscoveryOptions { ExcludedDirectoryNames = new HashSet<string>([".data"]) });

    [Theory]
    [InlineData("node", "docker.io/library/node", null, null)]
    [InlineData("node:20-alpine", "docker.io/library/node", "20-alpine", null)]
    [InlineData("mcp/github:1.2.0", "docker.io/mcp/github", "1.2.0", null)]
    [InlineData("ghcr.io/github/github-mcp-server:v0.5.0", "ghcr.io/github/github-mcp-server", "v0.5.0", null)]
    [InlineData("localhost:5000/team/srv@sha256:ABCD", "localhost:5000/team/srv", null, "sha256:abcd")]
    [InlineData("Index.Docker.io/Example/Mcp-Demo-Server:1.0.0", "docker.io/example/mcp-demo-server", "1.0.0", null)]
    public void ImageReference_Parse_NormalisesLikeDocker(string text, string name, string? tag, string? digest)
    {
        var r = ImageReference.Parse(text);
        Assert.NotNull(r);
        Assert.Equal(name, r.Name);
        Assert.Equal(tag, r.Tag);
        Assert.Equal(digest, r.Digest);
    }

    [Theory]
    [InlineData("")]
    [InlineData("${BASE_IMAGE}")]
    [InlineData("--rm")]
    [InlineData("node:")]
    [InlineData("node@nodigest")]
    public void ImageReference_Parse_RejectsWhatIsNotALiteralImage(string text) => Assert.Null(ImageReference.Parse(text));

    [Fact]
    public void ImageReference_Purl_FollowsThePurlDockerType()
    {
        Assert.Equal("pkg:docker/node@20", ImageReference.Parse("node:20")!.Purl("20"));
        Assert.Equal("pkg:docker/mcp/github@1.2.0", ImageReference.Parse("mcp/github:1.2.0")!.Purl("1.2.0"));
        Assert.Equal("pkg:docker/github/github-mcp-server@sha256%3Aabc?repository_url=ghcr.io", ImageReference.Parse("ghcr.io/github/github-mcp-server@sha256:abc")!.Purl("sha256:abc"));
    }

    [Fact]
    public void OciScheme_OrdersVersionTags_AndLeavesOtherTagsUnordered()
    {
        var s = OciScheme.Instance;
        Assert.True(s.Compare("1.2", "1.10.0") < 0);
        Assert.True(s.Compare("v2.0.0", "1.99.0") > 0);
        Assert.True(s.Compare("1.4.2-rc.1", "1.4.2") < 0);
        Assert.False(s.IsValid("latest"));
        Assert.False(s.IsValid("20-alpine"));
        Assert.False(s.IsValid("1.2-slim"));
        Assert.True(s.IsValid("1.2.0-beta.2"));
        Assert.False(s.IsValid("sha256:abcd"));
    }

    [Fact]
    public void Dockerfile_FromLines_SkipScratchStagesAndBuildArguments()
    {
        var deps = ContainerParsers.Dockerfile("Dockerfile", """
            ARG BASE=python:3.12
            FROM --platform=linux/amd64 node:20.11.1 AS build
            RUN npm ci
            FROM ${BASE}
            FROM build AS test
            from example/mcp-demo-server:1.3.0
            FROM scratch
            FROM gcr.io/distroless/nodejs20@sha256:2222
            """.Replace("\r", ""));
        Assert.Equal(["docker.io/library/node", "docker.io/example/mcp-demo-server", "gcr.io/distroless/nodejs20"], deps.Select(d => d.Name));
        Assert.Equal([2, 6, 8], deps.Select(d => d.Line));
        Assert.Equal(["20.11.1", "1.3.0", "sha256:2222"], deps.Select(d => d.Version));
        Assert.All(deps, d => Assert.Equal(Ecosystems.Oci, d.Ecosystem));
    }

    [Fact]
    public void ClientConfigDockerRun_AffectedTag_IsFlagged_AtTheImageLine()
    {
        using var tree = new TempTree().WithFile(".cursor/mcp.json", DockerConfig("example/mcp-demo-server:1.3.0"));
        var f = Assert.Single(Run(tree, WithFixture(tree)).Findings);
        Assert.Equal(DepsEngine.VulnerableRule, f.RuleId);
        Assert.Equal(".cursor/mcp.json", f.Location.Path);
        Assert.Equal(6, f.Location.StartLine);
        Assert.Equal(Model.Severity.High, f.Severity);
        Assert.Contains("TEST-OCI-2099-0001", f.Message);
        Assert.Contains("launched by docker", f.Message);
        Assert.Contains("1.4.2", f.Remediation);
    }

    [Theory]
    [InlineData("example/mcp-demo-server:1.4.2")]     // fixed
    [InlineData("example/mcp-demo-server:0.9.0")]     // before the first affected release
    [InlineData("example/mcp-demo-server:latest")]    // floating: not evaluated (MCP-CONF-005 reports it)
    [InlineData("example/mcp-demo-server")]
    [InlineData("example/mcp-demo-server-fork:1.3.0")] // another image
    [InlineData("other.registry.io/example/mcp-demo-server:1.3.0")] // same path on another registry
    public void ClientConfigDockerRun_UnaffectedOrFloating_IsNotFlagged(string image)
    {
        using var tree = new TempTree().WithFile(".cursor/mcp.json", DockerConfig(image));
        Assert.DoesNotContain(Run(tree, WithFixture(tree)).Findings, f => f.RuleId == DepsEngine.VulnerableRule);
    }

    [Fact]
    public void Digest_ListedInTheAdvisory_IsFlagged_AndAnotherDigestIsNot()
    {
        using var tree = new TempTree()
            .WithFile("a/.cursor/mcp.json", DockerConfig("example/mcp-demo-server@sha256:1111111111111111111111111111111111111111111111111111111111111111"))
            .WithFile("b/.cursor/mcp.json", DockerConfig("example/mcp-demo-server@sha256:2222222222222222222222222222222222222222222222222222222222222222"));
        var f = Assert.Single(Run(tree, WithFixture(tree)).Findings);
        Assert.Equal("a/.cursor/mcp.json", f.Location.Path);
    }

    [Fact]
    public void DockerfileBaseImage_AffectedTag_IsFlagged()
    {
        using var tree = new TempTree().WithFile("deploy/Dockerfile", "FROM example/mcp-demo-server:1.0.0\nCOPY . /app\n");
        var f = Assert.Single(Run(tree, WithFixture(tree)).Findings);
        Assert.Equal("deploy/Dockerfile", f.Location.Path);
        Assert.Equal(1, f.Location.StartLine);
        Assert.Equal("FROM example/mcp-demo-server:1.0.0", f.Evidence);
    }

    [Fact]
    public void ClientConfigNpxLauncher_PinnedVulnerableVersion_IsFlagged_WithTheBundledAdvisory_EvenBesideALockFile()
    {
        using var tree = new TempTree()
            .WithFile(".vscode/mcp.json", "{\n  \"servers\": {\n    \"remote\": {\n      \"command\": \"npx\",\n      \"args\": [\"-y\", \"mcp-remote@0.1.15\", \"https://example.com/sse\"]\n    }\n  }\n}\n")
            .WithFile("package-lock.json", "{ \"lockfileVersion\": 3, \"packages\": { \"node_modules/mcp-remote\": { \"version\": \"0.1.16\" } } }\n");
        var f = Assert.Single(new DepsEngine(AdvisoryDatabase.LoadBundled()).Analyze([tree.Root], new DiscoveryOptions()).Findings);
        Assert.Equal(".vscode/mcp.json", f.Location.Path);
        Assert.Equal(5, f.Location.StartLine);
        Assert.Contains("CVE-2025-6514", f.Message);
        Assert.Contains("launched by npx", f.Message);
    }

    [Fact]
    public void ClientConfigLaunchers_NpxUvxDocker_BecomeDependencies_AndLocalPathsDoNot()
    {
        using var tree = new TempTree().WithFile("claude_desktop_config.json", """
            { "mcpServers": {
                "a": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.7.1", "/tmp"] },
                "b": { "command": "uvx", "args": ["mcp-server-git==0.6.2"] },
                "c": { "command": "uvx", "args": ["--from", "mcp-server-fetch", "mcp-server-fetch"] },
                "d": { "command": "docker", "args": ["run", "-i", "--rm", "mcp/github:1.2.0"] },
                "e": { "command": "npx", "args": ["./local-server.js"] },
                "f": { "command": "node", "args": ["server.js"] }
            } }
            """);
        var manifests = DependencyCollector.Collect([tree.Root], new DiscoveryOptions(), _ => { });
        var deps = Assert.Single(manifests).Dependencies;
        Assert.Equal(4, deps.Count);
        Assert.Contains(deps, d => d.Ecosystem == Ecosystems.Npm && d.Name == "@modelcontextprotocol/server-filesystem" && d.Version == "2025.7.1" && d.Launcher == "npx");
        Assert.Contains(deps, d => d.Ecosystem == Ecosystems.PyPI && d.Name == "mcp-server-git" && d.Version == "0.6.2" && d.Launcher == "uvx");
        Assert.Contains(deps, d => d.Ecosystem == Ecosystems.PyPI && d.Name == "mcp-server-fetch" && d.Version is null && d.Declared == "latest");
        Assert.Contains(deps, d => d.Ecosystem == Ecosystems.Oci && d.Name == "docker.io/mcp/github" && d.Version == "1.2.0" && d.Launcher == "docker");
    }

    [Fact]
    public void Bom_ListsImagesAsContainers_WithDockerPurls_AndTheirVulnerabilities()
    {
        using var tree = new TempTree()
            .WithFile(".cursor/mcp.json", DockerConfig("example/mcp-demo-server:1.3.0"))
            .WithFile("Dockerfile", "FROM node:20\n");
        var db = WithFixture(tree);
        var manifests = DependencyCollector.Collect([tree.Root], new DiscoveryOptions { ExcludedDirectoryNames = new HashSet<string>([".data"]) }, _ => { });
        var components = BomBuilder.Build(manifests, db);
        var demo = Assert.Single(components, c => c.Name == "docker.io/example/mcp-demo-server");
        Assert.Equal("pkg:docker/example/mcp-demo-server@1.3.0", demo.Purl);
        Assert.True(demo.Pinned);
        Assert.True(demo.McpRelated);
        Assert.Equal("docker", demo.Launcher);
        Assert.Equal("TEST-OCI-2099-0001", Assert.Single(demo.Advisories).Id);
        var node = Assert.Single(components, c => c.Name == "docker.io/library/node");
        Assert.Equal("pkg:docker/node@20", node.Purl);
        Assert.Empty(node.Advisories);
    }
}
