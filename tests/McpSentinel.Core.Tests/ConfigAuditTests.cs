using McpSentinel.Core.Configs;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Core.Tests;

public sealed class ConfigAuditTests
{
    private static IReadOnlyList<Finding> Audit(string json, string path = ".cursor/mcp.json")
    {
        var analysis = new ConfigEngine().Analyze(new SourceFile(path, Language.Json, json), CancellationToken.None);
        Assert.Empty(analysis.Diagnostics);
        return analysis.Findings;
    }

    private static string Server(string body) => "{\n  \"mcpServers\": {\n    \"s\": " + body + "\n  }\n}\n";

    private static string Stdio(string command, params string[] args) =>
        Server("{ \"command\": \"" + command + "\", \"args\": [" + string.Join(", ", args.Select(a => "\"" + a + "\"")) + "] }");

    private static void Flags(string ruleId, string json, string path = ".cursor/mcp.json")
    {
        var findings = Audit(json, path);
        var f = Assert.Single(findings, x => x.RuleId == ruleId);
        Assert.Equal("config", f.Engine);
        Assert.Equal(path, f.Location.Path);
        Assert.True(f.Location.StartLine >= 1);
        Assert.StartsWith("client:", f.Location.LogicalPath);
        Assert.True(Categories.IsKnown(f.Category));
    }

    private static void Ignores(string ruleId, string json, string path = ".cursor/mcp.json") =>
        Assert.DoesNotContain(Audit(json, path), x => x.RuleId == ruleId);

    // ---- MCP-CONF-001 provider-format secrets

    [Fact]
    public void Conf001_GitHubTokenInEnv_FlaggedAndMasked()
    {
        var json = Server("{ \"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-github@2025.4.8\"], \"env\": { \"GITHUB_TOKEN\": \"ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake1234\" } }");
        Flags("MCP-CONF-001", json);
        var f = Audit(json).Single(x => x.RuleId == "MCP-CONF-001");
        Assert.DoesNotContain("FAKEfakeFAKE", f.Evidence);
        Assert.Contains("ghp_****…(40)", f.Evidence);
        Assert.Equal("client:cursor/server:s/env:GITHUB_TOKEN", f.Location.LogicalPath);
        Assert.Equal(3, f.Location.StartLine);
    }

    [Fact]
    public void Conf001_TokenInArgsAndHeaders_Flagged()
    {
        Flags("MCP-CONF-001", Stdio("npx", "-y", "@x/srv@1.0.0", "--api-key", "sk_live_FAKEfakeFAKEfakeFAKEfake1234"));
        Flags("MCP-CONF-001", Server("{ \"url\": \"https://x.example.com/mcp\", \"headers\": { \"Authorization\": \"Bearer hf_FAKEfakeFAKEfakeFAKEfakeFAKEfake12\" } }"));
    }

    [Theory]
    [InlineData("${input:github-token}")]
    [InlineData("${env:GITHUB_TOKEN}")]
    [InlineData("$GITHUB_TOKEN")]
    [InlineData("{env:GITHUB_TOKEN}")]
    [InlineData("<your-github-token>")]
    public void Conf001And002_Placeholders_Ignored(string value)
    {
        var json = Server("{ \"command\": \"node\", \"args\": [\"s.js\"], \"env\": { \"GITHUB_TOKEN\": \"" + value + "\" }, \"headers\": { \"Authorization\": \"Bearer " + value + "\" } }");
        Ignores("MCP-CONF-001", json);
        Ignores("MCP-CONF-002", json);
    }

    // ---- MCP-CONF-002 generic high-entropy secret

    [Fact]
    public void Conf002_RandomValueUnderSecretName_Flagged()
    {
        Flags("MCP-CONF-002", Server("{ \"command\": \"node\", \"args\": [\"s.js\"], \"env\": { \"BRAVE_API_KEY\": \"BSAq7f3Kx9Lm2Np8Qr4St6Uv1Wx5Yz0Ab\" } }"));
    }

    [Theory]
    [InlineData("LOG_LEVEL", "Xq7f3Kx9Lm2Np8Qr4St6Uv1")] // not a secret-like name
    [InlineData("API_KEY", "changeme")]
    [InlineData("API_KEY", "your-api-key-here")]
    [InlineData("TOKEN_FILE", "/home/alice/.config/token")]
    public void Conf002_LookAlikes_Ignored(string name, string value)
    {
        Ignores("MCP-CONF-002", Server("{ \"command\": \"node\", \"args\": [\"s.js\"], \"env\": { \"" + name + "\": \"" + value + "\" } }"));
    }

    // ---- MCP-CONF-003 npx

    [Theory]
    [InlineData("-y", "@modelcontextprotocol/server-github")]
    [InlineData("-y", "@browsermcp/mcp@latest")]
    [InlineData("--yes", "mcp-shell-server")]
    [InlineData("-y", "some-server@^1.2.0")]
    public void Conf003_Unpinned_Flagged(string flag, string package) => Flags("MCP-CONF-003", Stdio("npx", flag, package));

    [Theory]
    [InlineData("@modelcontextprotocol/server-github@2025.4.8")]
    [InlineData("mcp-remote@0.1.29")]
    [InlineData("./local/server.js")]
    public void Conf003_PinnedOrLocal_Ignored(string package) => Ignores("MCP-CONF-003", Stdio("npx", "-y", package));

    [Fact]
    public void Conf003_CmdSlashCWrapper_IsUnwrapped() => Flags("MCP-CONF-003", Stdio("cmd", "/c", "npx", "-y", "mcp-shell-server"));

    // ---- MCP-CONF-004 uvx / pipx

    [Theory]
    [InlineData("uvx", "mcp-server-fetch")]
    [InlineData("uvx", "awslabs.aws-documentation-mcp-server@latest")]
    [InlineData("pipx", "run", "mcp-server-git")]
    public void Conf004_Unpinned_Flagged(string command, params string[] args) => Flags("MCP-CONF-004", Stdio(command, args));

    [Theory]
    [InlineData("uvx", "mcp-server-fetch==2025.4.7")]
    [InlineData("uvx", "--from", "mcp-server-git==2025.7.1", "mcp-server-git")]
    [InlineData("pipx", "run", "--spec", "mcp-server-git==2025.7.1", "mcp-server-git")]
    public void Conf004_Pinned_Ignored(string command, params string[] args) => Ignores("MCP-CONF-004", Stdio(command, args));

    // ---- MCP-CONF-005 images

    [Theory]
    [InlineData("mcp/postgres")]
    [InlineData("ghcr.io/github/github-mcp-server:latest")]
    [InlineData("localhost:5000/team/srv")]
    public void Conf005_UnpinnedImage_Flagged(string image) => Flags("MCP-CONF-005", Stdio("docker", "run", "-i", "--rm", "-e", "TOKEN", image));

    [Theory]
    [InlineData("mcp/postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("ghcr.io/github/github-mcp-server:v0.13.0")]
    [InlineData("localhost:5000/team/srv:1.4")]
    public void Conf005_PinnedImage_Ignored(string image) => Ignores("MCP-CONF-005", Stdio("docker", "run", "-i", "--rm", image));

    // ---- MCP-CONF-006 curl | sh

    [Fact]
    public void Conf006_CurlPipeShell_Flagged() => Flags("MCP-CONF-006", Stdio("bash", "-c", "curl -fsSL https://get.example.com/mcp.sh | sh"));

    [Fact]
    public void Conf006_CurlToFile_Ignored() => Ignores("MCP-CONF-006", Stdio("bash", "-c", "curl -fsSL -o /tmp/x.json https://example.com/x.json && node s.js"));

    // ---- MCP-CONF-007 plain http

    [Theory]
    [InlineData("http://mcp.internal.example.com:8080/sse")]
    [InlineData("http://10.0.0.5/mcp")]
    public void Conf007_PlainHttpOffLoopback_Flagged(string url) => Flags("MCP-CONF-007", Server("{ \"url\": \"" + url + "\" }"));

    [Theory]
    [InlineData("https://mcp.example.com/mcp")]
    [InlineData("http://127.0.0.1:3000/mcp")]
    [InlineData("http://localhost:8080/sse")]
    [InlineData("http://[::1]:8080/mcp")]
    public void Conf007_HttpsOrLoopback_Ignored(string url) => Ignores("MCP-CONF-007", Server("{ \"url\": \"" + url + "\" }"));

    [Fact]
    public void Conf007_McpRemoteProxyToPlainHttp_Flagged() => Flags("MCP-CONF-007", Stdio("npx", "-y", "mcp-remote@0.1.29", "http://mcp.example.com/sse"));

    // ---- MCP-CONF-008 privileged containers

    [Theory]
    [InlineData("--privileged")]
    [InlineData("--network=host")]
    [InlineData("--cap-add=SYS_ADMIN")]
    public void Conf008_PrivilegeFlag_Flagged(string flag) => Flags("MCP-CONF-008", Stdio("docker", "run", "-i", flag, "img:1.0"));

    [Theory]
    [InlineData("/var/run/docker.sock:/var/run/docker.sock")]
    [InlineData("/:/host")]
    [InlineData("/home/alice:/data")]
    [InlineData("${env:HOME}:/data")]
    public void Conf008_DangerousMount_Flagged(string mount) => Flags("MCP-CONF-008", Stdio("docker", "run", "-i", "-v", mount, "img:1.0"));

    [Theory]
    [InlineData("/home/alice/project:/work:ro")]
    [InlineData("${workspaceFolder}:/work")]
    public void Conf008_NarrowMount_Ignored(string mount) => Ignores("MCP-CONF-008", Stdio("docker", "run", "-i", "--rm", "-v", mount, "img:1.0"));

    // ---- MCP-CONF-009 filesystem roots

    [Theory]
    [InlineData("/")]
    [InlineData("~")]
    [InlineData("/Users/alice")]
    [InlineData("${userHome}")]
    [InlineData("C:\\\\")]
    public void Conf009_RootOrHome_Flagged(string root) => Flags("MCP-CONF-009", Stdio("npx", "-y", "@modelcontextprotocol/server-filesystem@2026.8.31", root));

    [Theory]
    [InlineData("/Users/alice/projects/app")]
    [InlineData("${workspaceFolder}")]
    public void Conf009_ProjectFolder_Ignored(string root) => Ignores("MCP-CONF-009", Stdio("npx", "-y", "@modelcontextprotocol/server-filesystem@2026.8.31", root));

    // ---- MCP-CONF-010 auto-approval

    [Theory]
    [InlineData("{ \"command\": \"node\", \"args\": [\"s.js\"], \"alwaysAllow\": [\"execute_command\"] }")]
    [InlineData("{ \"command\": \"node\", \"args\": [\"s.js\"], \"autoApprove\": [\"fetch\"] }")]
    [InlineData("{ \"httpUrl\": \"https://x.example.com/mcp\", \"trust\": true }")]
    public void Conf010_AutoApproval_Flagged(string body) => Flags("MCP-CONF-010", Server(body));

    [Theory]
    [InlineData("{ \"command\": \"node\", \"args\": [\"s.js\"], \"alwaysAllow\": [] }")]
    [InlineData("{ \"httpUrl\": \"https://x.example.com/mcp\", \"trust\": false }")]
    public void Conf010_NoAutoApproval_Ignored(string body) => Ignores("MCP-CONF-010", Server(body));

    [Fact]
    public void Conf010_EnableAllProjectMcpServers_Flagged_FalseIgnored()
    {
        Flags("MCP-CONF-010", "{ \"enableAllProjectMcpServers\": true }", ".claude/settings.json");
        Ignores("MCP-CONF-010", "{ \"enableAllProjectMcpServers\": false }", ".claude/settings.json");
    }

    [Theory]
    [InlineData(".vscode/settings.json", "{ \"chat.tools.autoApprove\": true }")]
    [InlineData(".codex/config.toml", "approval_policy = \"never\"\n")]
    public void Conf010_ClientWideAutoApproval_Flagged(string path, string text)
    {
        var language = path.EndsWith(".toml", StringComparison.Ordinal) ? Language.Toml : Language.Json;
        var analysis = new ConfigEngine().Analyze(new SourceFile(path, language, text), CancellationToken.None);
        Assert.Equal("MCP-CONF-010", Assert.Single(analysis.Findings).RuleId);
    }

    [Theory]
    [InlineData(".vscode/settings.json", "{ \"chat.tools.autoApprove\": false }")]
    [InlineData(".codex/config.toml", "approval_policy = \"on-request\"\n")]
    public void Conf010_ClientWideAsking_Ignored(string path, string text)
    {
        var language = path.EndsWith(".toml", StringComparison.Ordinal) ? Language.Toml : Language.Json;
        Assert.Empty(new ConfigEngine().Analyze(new SourceFile(path, language, text), CancellationToken.None).Findings);
    }

    // ---- engine behaviour

    [Fact]
    public void Engine_MalformedConfigAtKnownLocation_IsIncompleteDiagnosticWithLine()
    {
        var analysis = new ConfigEngine().Analyze(new SourceFile(".cursor/mcp.json", Language.Json, "{\n \"mcpServers\": {\n  \"a\": {,\n}\n"), CancellationToken.None);
        var d = Assert.Single(analysis.Diagnostics);
        Assert.True(d.Incomplete);
        Assert.Contains("line 3", d.Message);
    }

    [Fact]
    public void Engine_UnrelatedMalformedJson_IsNotItsBusiness()
    {
        var analysis = new ConfigEngine().Analyze(new SourceFile("src/data/broken.json", Language.Json, "{ \"servers\": ["), CancellationToken.None);
        Assert.Empty(analysis.Diagnostics);
        Assert.Empty(analysis.Findings);
    }

    [Fact]
    public void Engine_CodexToml_FlagsWithTableLine()
    {
        var toml = "model = \"o4\"\n\n[mcp_servers.fetch]\ncommand = \"uvx\"\nargs = [\"mcp-server-fetch\"]\n";
        var analysis = new ConfigEngine().Analyze(new SourceFile(".codex/config.toml", Language.Toml, toml), CancellationToken.None);
        var f = Assert.Single(analysis.Findings);
        Assert.Equal(("MCP-CONF-004", "client:codex/server:fetch/package:mcp-server-fetch"), (f.RuleId, f.Location.LogicalPath));
        Assert.Equal(5, f.Location.StartLine);
    }

    [Fact]
    public void Rules_EveryConfigRuleHasADocPage()
    {
        foreach (var rule in ConfigRules.All)
        {
            var page = RepoPaths.Of($"docs/rules/{rule.Id}.md");
            Assert.True(File.Exists(page), page);
            var text = File.ReadAllText(page);
            Assert.Contains(rule.Title, text);
            Assert.True(Categories.IsKnown(rule.Category));
        }
    }
}
