using System.Text.Json;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Cli.Tests;

public sealed class DiscoverCommandTests
{
    private static TempTree Fixture() => new TempTree()
        .WithFile("home/.cursor/mcp.json", "{\n  \"mcpServers\": {\n    \"gh\": { \"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-github\"], \"env\": { \"GITHUB_TOKEN\": \"ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfake1234\" } }\n  }\n}\n")
        .WithFile("proj/.vscode/mcp.json", "{ \"servers\": { \"docs\": { \"type\": \"http\", \"url\": \"https://docs.example.com/mcp\" } } }")
        .WithFile("proj/app.py", "print('hello')\n");

    [Fact]
    public void Discover_Json_ListsServersWithoutSecretValues()
    {
        using var tree = Fixture();
        var run = CliRunner.Invoke(tree.Root, "discover", "--home", "home", "--root", "proj", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("FAKEfake", run.Out);
        using var doc = JsonDocument.Parse(run.Out);
        var configs = doc.RootElement.GetProperty("configs").EnumerateArray().ToList();
        Assert.Equal(2, configs.Count);
        var cursor = configs.Single(c => c.GetProperty("client").GetString() == "cursor");
        Assert.Equal("~/.cursor/mcp.json", cursor.GetProperty("path").GetString());
        var gh = cursor.GetProperty("servers")[0];
        Assert.Equal(("gh", 3, "npx", "stdio"), (gh.GetProperty("name").GetString(), gh.GetProperty("line").GetInt32(), gh.GetProperty("launcher").GetString(), gh.GetProperty("transport").GetString()));
        Assert.Equal("GITHUB_TOKEN", gh.GetProperty("envKeys")[0].GetString());
        var vscode = configs.Single(c => c.GetProperty("client").GetString() == "vscode");
        Assert.Equal("https://docs.example.com/mcp", vscode.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Fact]
    public void Discover_Text_And_MalformedConfig_Exits3()
    {
        using var tree = Fixture().WithFile("home/.gemini/settings.json", "{ \"mcpServers\": { ");
        var run = CliRunner.Invoke(tree.Root, "discover", "--home", "home", "--root", "proj");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("~/.cursor/mcp.json:3  gh  npx/stdio", run.Out);
        Assert.Contains("error: ~/.gemini/settings.json: line 1: malformed JSON", run.Out);
    }

    [Fact]
    public void Discover_MissingHome_IsUsageError()
    {
        using var tree = Fixture();
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "discover", "--home", "nope").ExitCode);
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "discover", "--format", "xml").ExitCode);
    }

    [Fact]
    public void Scan_ConfigFile_FlagsAndMasks_Exit1()
    {
        using var tree = Fixture();
        var run = CliRunner.Invoke(tree.Root, "scan", "home/.cursor/mcp.json", "--format", "json", "--no-progress");
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("FAKEfake", run.Out);
        using var doc = JsonDocument.Parse(run.Out);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("engine").GetString() == "config").ToList();
        var ids = findings.Select(f => f.GetProperty("ruleId").GetString()).Order().ToList();
        Assert.Equal(["MCP-CONF-001", "MCP-CONF-003"], ids);
        var secret = findings.Single(f => f.GetProperty("ruleId").GetString() == "MCP-CONF-001");
        Assert.Equal("mcp.json", secret.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(3, secret.GetProperty("location").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Scan_Discover_Sarif_HasPhysicalAndLogicalLocations()
    {
        using var tree = Fixture();
        var run = CliRunner.Invoke(tree.Root, "scan", "--discover", "--home", "home", "--root", "proj", "--format", "sarif", "--no-progress");
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("FAKEfake", run.Out);
        using var doc = JsonDocument.Parse(run.Out);
        var run0 = doc.RootElement.GetProperty("runs")[0];
        var result = run0.GetProperty("results").EnumerateArray().First(r => r.GetProperty("ruleId").GetString() == "MCP-CONF-001");
        var location = result.GetProperty("locations")[0];
        Assert.Equal("~/.cursor/mcp.json", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("client:cursor/server:gh/env:GITHUB_TOKEN", location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
        var rules = run0.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains("MCP-CONF-001", rules);
        // app.py is not scanned: without targets --discover audits only the configurations
        Assert.DoesNotContain("app.py", run.Out);
    }

    [Fact]
    public void Scan_Discover_CleanConfigs_Exit0()
    {
        using var tree = new TempTree().WithFile("home/.cursor/mcp.json", "{ \"mcpServers\": { \"ok\": { \"command\": \"npx\", \"args\": [\"-y\", \"pkg@1.2.3\"], \"env\": { \"TOKEN\": \"${env:TOKEN}\" } } } }");
        Directory.CreateDirectory(tree.PathOf("proj"));
        var run = CliRunner.Invoke(tree.Root, "scan", "--discover", "--home", "home", "--root", "proj", "--no-progress");
        Assert.Equal(0, run.ExitCode);
    }

    [Theory]
    [InlineData("mcp.json", "line 4: malformed JSON")]
    [InlineData("config.toml", "malformed TOML")]
    [InlineData("config.yaml", "malformed YAML")]
    public void Scan_MalformedConfigFixture_IsIncomplete_Exit3(string file, string expected)
    {
        var run = CliRunner.Invoke(RepoPaths.Root, "scan", "tests/Fixtures/configs/broken/" + file, "--format", "json", "--engines", "config", "--no-progress");
        Assert.Equal(3, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var diagnostic = Assert.Single(doc.RootElement.GetProperty("scan").GetProperty("diagnostics").EnumerateArray());
        Assert.Contains(expected, diagnostic.GetProperty("message").GetString());
    }

    [Fact]
    public void Scan_DirectoryAndDiscoverOfTheSameProject_ReportsEachConfigFindingOnce()
    {
        using var tree = Fixture().WithFile("proj/.mcp.json", "{ \"mcpServers\": { \"a\": { \"command\": \"npx\", \"args\": [\"-y\", \"pkg\"] } } }");
        var run = CliRunner.Invoke(tree.Root, "scan", "proj", "--discover", "--home", "home", "--root", "proj", "--format", "json", "--no-progress");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var paths = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "MCP-CONF-003").Select(f => f.GetProperty("location").GetProperty("path").GetString()).Order().ToList();
        Assert.Equal([".mcp.json", "~/.cursor/mcp.json"], paths);
    }

    [Fact]
    public void Scan_HomeWithoutDiscover_IsUsageError()
    {
        using var tree = Fixture();
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "scan", "--home", "home").ExitCode);
    }
}

public sealed class ConfigRuleSettingsTests
{
    [Fact]
    public void Scan_ConfigFile_DisableRulesAndSeverityOverrides_ApplyToConfigRules()
    {
        using var tree = new TempTree()
            .WithFile("proj/.mcp.json", "{ \"mcpServers\": { \"a\": { \"command\": \"npx\", \"args\": [\"-y\", \"pkg\"] }, \"b\": { \"url\": \"http://mcp.example.com/mcp\" } } }")
            .WithFile("proj/.mcp-sentinel.yml", "disable-rules: [MCP-CONF-007]\nseverity-overrides: {MCP-CONF-003: critical}\n");
        var run = CliRunner.Invoke(tree.Root, "scan", "proj", "--format", "json", "--no-progress", "--engines", "config");
        Assert.Equal(1, run.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var f = Assert.Single(findings);
        Assert.Equal(("MCP-CONF-003", "critical", ".mcp.json"), (f.GetProperty("ruleId").GetString(), f.GetProperty("severity").GetString(), f.GetProperty("location").GetProperty("path").GetString()));
    }
}
