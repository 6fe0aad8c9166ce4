using McpSentinel.Core.Configs;
using Xunit;

namespace McpSentinel.Core.Tests;

public sealed class ConfigParsingTests
{
    [Fact]
    public void Catalog_Builtin_HasVersionAndAtLeast20ClientsWithDocsAndAllThreeOperatingSystems()
    {
        var catalog = ClientCatalog.Builtin;
        Assert.True(catalog.Version >= 1);
        Assert.True(catalog.Clients.Count >= 20, $"only {catalog.Clients.Count} clients");
        Assert.All(catalog.Clients, c => Assert.StartsWith("https://", c.Docs));
        foreach (var os in ClientCatalog.OperatingSystems)
        {
            Assert.Contains(catalog.Clients, c => c.UserPaths.ContainsKey(os));
        }
        foreach (var id in new[] { "claude-desktop", "claude-code", "cursor", "windsurf", "vscode", "vscode-insiders", "visual-studio", "copilot-cli",
            "gemini-cli", "codex", "opencode", "amazon-q", "continue", "cline", "roo-code", "zed", "goose", "lm-studio", "jetbrains-junie", "kiro", "devcontainer" })
        {
            Assert.True(catalog.ById.ContainsKey(id), id);
        }
    }

    [Fact]
    public void Catalog_Parse_MissingVersion_IsFormatError()
    {
        Assert.Throws<FormatException>(() => ClientCatalog.Parse("clients: []"));
    }

    [Fact]
    public void Parse_JsonWithCommentsAndTrailingCommas_KeepsLines()
    {
        var root = ConfigDocumentParser.Parse("{\n  // comment\n  \"mcpServers\": {\n    \"a\": { \"command\": \"npx\", },\n  },\n}\n", ConfigFormat.Json);
        var servers = root.Property("mcpServers")!;
        Assert.Equal(3, servers.Line);
        Assert.Equal(4, servers.Value.Property("a")!.Line);
    }

    [Theory]
    [InlineData("{\n  \"mcpServers\": {\n    \"a\": { \"command\": \"npx\" }\n    \"b\": 1\n  }\n}\n", ConfigFormat.Json, 4)]
    [InlineData("[mcp_servers.x]\ncommand = \"npx\"\nargs = [\"-y\"\n", ConfigFormat.Toml, 3)]
    [InlineData("mcpServers:\n  - name: a\n    command: [unclosed\n", ConfigFormat.Yaml, 4)]
    public void Parse_Malformed_ThrowsWithLine(string text, ConfigFormat format, int expectedLine)
    {
        var ex = Assert.Throws<ConfigParseException>(() => ConfigDocumentParser.Parse(text, format));
        Assert.InRange(ex.Line, expectedLine - 1, expectedLine + 1);
        Assert.Contains("malformed", ex.Message);
    }

    [Fact]
    public void Parse_Toml_FindsTableLines()
    {
        var root = ConfigDocumentParser.Parse("model = \"x\"\n\n[mcp_servers.fetch]\ncommand = \"uvx\"\n\n[mcp_servers.time]\ncommand = \"uvx\"\nenv = { KEY = \"v\" }\n", ConfigFormat.Toml);
        var servers = root["mcp_servers"]!;
        Assert.Equal(3, servers.Property("fetch")!.Line);
        Assert.Equal(6, servers.Property("time")!.Line);
        Assert.Equal(8, servers["time"]!.Property("env")!.Line);
    }

    [Fact]
    public void Parse_YamlAliasBomb_IsDiagnosticNotHang()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        Assert.Throws<ConfigParseException>(() => ConfigDocumentParser.Parse(yaml, ConfigFormat.Yaml));
    }

    [Theory]
    [InlineData("npx", new[] { "-y", "pkg" }, false, "npx")]
    [InlineData("C:\\Program Files\\nodejs\\npx.cmd", new[] { "pkg" }, false, "npx")]
    [InlineData("pnpm", new[] { "dlx", "pkg" }, false, "npx")]
    [InlineData("uvx", new[] { "pkg" }, false, "uvx")]
    [InlineData("docker", new[] { "run", "img" }, false, "docker")]
    [InlineData("node", new[] { "server.js" }, false, "node")]
    [InlineData("python3.12", new[] { "-m", "srv" }, false, "python")]
    [InlineData("/opt/bin/github-mcp-server", new string[0], false, "binary")]
    [InlineData(null, new string[0], true, "remote")]
    public void Launchers_Classify(string? command, string[] args, bool url, string expected)
    {
        Assert.Equal(expected, Launchers.Classify(command, args, url));
    }

    [Fact]
    public void Reader_OpencodeCommandArray_ZedContextServers_GooseExtensions_ContinueList()
    {
        var catalog = ClientCatalog.Builtin;
        var opencode = ClientConfigReader.Read("opencode.json", "{\"mcp\":{\"x\":{\"type\":\"local\",\"command\":[\"npx\",\"-y\",\"pkg@1.0.0\"],\"environment\":{\"A\":\"b\"}}}}", catalog.ById["opencode"]);
        var s = Assert.Single(opencode.Servers);
        Assert.Equal(("npx", "npx"), (s.Command!.Text, s.Launcher));
        Assert.Equal(["-y", "pkg@1.0.0"], s.Args.Select(a => a.Text));
        Assert.Equal("A", Assert.Single(s.Env).Key);

        var zed = ClientConfigReader.Read("settings.json", "{\"context_servers\":{\"z\":{\"command\":{\"path\":\"uvx\",\"args\":[\"p\"]}}}}", catalog.ById["zed"]);
        Assert.Equal("uvx", Assert.Single(zed.Servers).Launcher);

        var goose = ClientConfigReader.Read("config.yaml", "extensions:\n  developer:\n    type: builtin\n  gh:\n    type: stdio\n    cmd: docker\n    args: [run, img]\n", catalog.ById["goose"]);
        Assert.Equal("docker", Assert.Single(goose.Servers).Launcher);

        var cont = ClientConfigReader.Read("config.yaml", "mcpServers:\n  - name: s\n    command: uvx\n    args: [p]\n", catalog.ById["continue"]);
        Assert.Equal(("s", 2), (Assert.Single(cont.Servers).Name, cont.Servers[0].Line));
    }

    [Fact]
    public void Reader_ClaudeJson_ReadsUserAndPerProjectServers()
    {
        var config = ClientConfigReader.Read(".claude.json", "{\"mcpServers\":{\"a\":{\"url\":\"https://x/mcp\"}},\"projects\":{\"/p\":{\"mcpServers\":{\"b\":{\"command\":\"node\",\"args\":[\"s.js\"]}}}}}", ClientCatalog.Builtin.ById["claude-code"]);
        Assert.Equal(["client:claude-code/server:a", "client:claude-code/project:/p/server:b"], config.Servers.Select(s => s.LogicalPath("claude-code")));
        Assert.Equal("http", config.Servers[0].Transport);
    }

    [Fact]
    public void Reader_VsCodeSettings_McpServersNestedOrFlat()
    {
        var vscode = ClientCatalog.Builtin.ById["vscode"];
        Assert.Single(ClientConfigReader.Read("settings.json", "{\"mcp\":{\"servers\":{\"a\":{\"command\":\"node\"}}}}", vscode).Servers);
        Assert.Single(ClientConfigReader.Read("settings.json", "{\"mcp.servers\":{\"a\":{\"command\":\"node\"}}}", vscode).Servers);
    }

    [Theory]
    [InlineData("home/.cursor/mcp.json", "{\"mcpServers\":{}}", "cursor")]
    [InlineData("claude_desktop_config.json", "{\"mcpServers\":{\"a\":{\"command\":\"x\"}}}", "claude-desktop")]
    [InlineData(".mcp.json", "{\"mcpServers\":{\"a\":{\"command\":\"x\"}}}", "claude-code")]
    [InlineData(".mcp.json", "{\"servers\":{\"a\":{\"command\":\"x\"}}}", "visual-studio")]
    [InlineData("mcp.json", "{\"mcpServers\":{\"a\":{\"command\":\"x\"}}}", "mcp-config")]
    [InlineData("my-tools.json", "{\"mcpServers\":{\"a\":{\"url\":\"https://x\"}}}", "mcp-config")]
    public void Recognizer_ByLocationAndShape(string path, string json, string expected)
    {
        var root = ConfigDocumentParser.Parse(json, ConfigFormat.Json);
        Assert.Equal(expected, ConfigRecognizer.Builtin.Recognize(path, root)?.Id);
    }

    [Theory]
    [InlineData("package.json", "{\"name\":\"x\",\"dependencies\":{}}")]
    [InlineData("tsconfig.json", "{\"servers\":[\"a\"]}")]
    public void Recognizer_UnrelatedJson_IsNotAClientConfig(string path, string json)
    {
        Assert.Null(ConfigRecognizer.Builtin.Recognize(path, ConfigDocumentParser.Parse(json, ConfigFormat.Json)));
    }
}
