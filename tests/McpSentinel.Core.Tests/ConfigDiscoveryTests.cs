using McpSentinel.Core.Configs;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Core.Tests;

public sealed class ConfigDiscoveryTests
{
    [Fact]
    public void Discover_FakeHomeAndProject_FindsEveryClientWithLines()
    {
        using var tree = new TempTree()
            .WithFile("home/.cursor/mcp.json", "{\n  \"mcpServers\": {\n    \"a\": { \"command\": \"npx\", \"args\": [\"-y\", \"pkg@1.0.0\"] }\n  }\n}")
            .WithFile("home/Library/Application Support/Claude/claude_desktop_config.json", "{\"mcpServers\":{\"b\":{\"command\":\"uvx\",\"args\":[\"x==1.0\"]}}}")
            .WithFile("home/AppData/Roaming/Claude/claude_desktop_config.json", "{\"mcpServers\":{\"w\":{\"command\":\"node\",\"args\":[\"s.js\"]}}}")
            .WithFile("home/.codex/config.toml", "[mcp_servers.c]\ncommand = \"docker\"\nargs = [\"run\", \"-i\", \"img:1\"]\n")
            .WithFile("home/.config/goose/config.yaml", "extensions:\n  d:\n    type: sse\n    uri: https://x.example.com/sse\n")
            .WithFile("home/.config/Code/User/settings.json", "{ \"editor.fontSize\": 12 }")
            .WithFile("project/.vscode/mcp.json", "{ \"servers\": { \"e\": { \"type\": \"http\", \"url\": \"https://e.example.com/mcp\" } } }")
            .WithFile("project/packages/api/.mcp.json", "{ \"mcpServers\": { \"f\": { \"command\": \"python\", \"args\": [\"-m\", \"srv\"] } } }")
            .WithFile("project/node_modules/x/.mcp.json", "{ \"mcpServers\": { \"ignored\": { \"command\": \"node\" } } }");

        var result = ConfigDiscovery.Discover(new ConfigDiscoveryOptions { Home = tree.PathOf("home"), Root = tree.PathOf("project") });

        Assert.Empty(result.Diagnostics);
        var byPath = result.Configs.ToDictionary(c => c.Config.Path);
        Assert.Equal(["~/.codex/config.toml", "~/.config/goose/config.yaml", "~/.cursor/mcp.json", "~/AppData/Roaming/Claude/claude_desktop_config.json",
            "~/Library/Application Support/Claude/claude_desktop_config.json", ".vscode/mcp.json", "packages/api/.mcp.json"],
            byPath.Keys.OrderBy(k => k.StartsWith('~') ? 0 : 1).ThenBy(k => k, StringComparer.Ordinal));
        var cursor = byPath["~/.cursor/mcp.json"];
        Assert.Equal(("cursor", "user"), (cursor.Config.Client.Id, cursor.Scope));
        Assert.Equal(3, cursor.Config.Servers[0].Line);
        Assert.Equal(("npx", "stdio"), (cursor.Config.Servers[0].Launcher, cursor.Config.Servers[0].Transport));
        Assert.Equal("docker", byPath["~/.codex/config.toml"].Config.Servers[0].Launcher);
        Assert.Equal(("remote", "sse"), (byPath["~/.config/goose/config.yaml"].Config.Servers[0].Launcher, byPath["~/.config/goose/config.yaml"].Config.Servers[0].Transport));
        Assert.Equal(("claude-code", "project", "python"), (byPath["packages/api/.mcp.json"].Config.Client.Id, byPath["packages/api/.mcp.json"].Scope, byPath["packages/api/.mcp.json"].Config.Servers[0].Launcher));
        Assert.Equal("vscode", byPath[".vscode/mcp.json"].Config.Client.Id);
    }

    [Fact]
    public void Discover_MalformedFiles_AreDiagnosticsWithLines_OthersStillRead()
    {
        using var tree = new TempTree()
            .WithFile("home/.cursor/mcp.json", "{\n  \"mcpServers\": {\n    \"a\": { \"command\": \"npx\" }\n    \"b\": 1\n  }\n}\n")
            .WithFile("home/.codex/config.toml", "[mcp_servers.x]\ncommand = \"npx\"\nargs = [\"-y\"\n")
            .WithFile("home/.continue/config.yaml", "mcpServers:\n  - name: a\n    command: [unclosed\n")
            .WithBytes("home/.kiro/settings/mcp.json", [0x7B, 0x00, 0x01, 0x02])
            .WithFile("home/.lmstudio/mcp.json", "{ \"mcpServers\": { \"ok\": { \"url\": \"https://x.example.com/mcp\" } } }");

        var result = ConfigDiscovery.Discover(new ConfigDiscoveryOptions { Home = tree.PathOf("home") });

        Assert.Equal("~/.lmstudio/mcp.json", Assert.Single(result.Configs).Config.Path);
        var byPath = result.Diagnostics.ToDictionary(d => d.Path);
        Assert.Matches("line [34]: malformed JSON", byPath["~/.cursor/mcp.json"].Message);
        Assert.Contains("malformed TOML", byPath["~/.codex/config.toml"].Message);
        Assert.Contains("malformed YAML", byPath["~/.continue/config.yaml"].Message);
        Assert.True(byPath["~/.cursor/mcp.json"].Incomplete);
        Assert.Contains("binary", byPath["~/.kiro/settings/mcp.json"].Message);
        Assert.False(byPath["~/.kiro/settings/mcp.json"].Incomplete);
    }

    [Fact]
    public void Discover_HugeFile_IsSkippedWithDiagnostic()
    {
        using var tree = new TempTree().WithFile("home/.cursor/mcp.json", "{\"mcpServers\":{}, \"pad\": \"" + new string('x', 4096) + "\"}");
        var result = ConfigDiscovery.Discover(new ConfigDiscoveryOptions { Home = tree.PathOf("home"), MaxFileSize = 1024 });
        Assert.Empty(result.Configs);
        Assert.Contains("larger than", Assert.Single(result.Diagnostics).Message);
    }

    [Fact]
    public void Discover_RepositoryFixtures_CoverTwentyClients()
    {
        var result = ConfigDiscovery.Discover(new ConfigDiscoveryOptions
        {
            Home = RepoPaths.Of("tests/Fixtures/configs/home"),
            Root = RepoPaths.Of("tests/Fixtures/configs/project"),
        });
        Assert.Empty(result.Diagnostics);
        var clients = result.Configs.Select(c => c.Config.Client.Id).Distinct().ToList();
        Assert.True(clients.Count >= 20, "clients: " + string.Join(", ", clients));
    }
}
