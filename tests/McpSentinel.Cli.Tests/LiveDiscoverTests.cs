using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Cli.Tests;

/// <summary><c>scan --discover --live</c> (configured servers, confirmation, coverage), several <c>--live</c> servers in one
/// scan, and <c>--identities</c>, through the real command tree with real stdio servers (node).</summary>
[Trait("Category", "Integration")]
public sealed class LiveDiscoverTests
{
    private static readonly string Tiny = RepoPaths.Of("tests/Fixtures/live/tiny-server.mjs");
    private const string Secret = "sk-live-abcdefghijklmnop1234";

    private static JsonObject Server(string mode, bool disabled = false, string? extraEnv = null)
    {
        var env = new JsonObject { ["API_KEY"] = Secret };
        if (extraEnv is not null) env[extraEnv] = "1";
        var server = new JsonObject { ["command"] = "node", ["args"] = new JsonArray(Tiny, mode), ["env"] = env };
        if (disabled) server["disabled"] = true;
        return server;
    }

    private static string Config(params (string Name, JsonObject Server)[] servers) =>
        new JsonObject { ["mcpServers"] = new JsonObject(servers.Select(s => KeyValuePair.Create(s.Name, (JsonNode?)s.Server))) }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>A home with a Cursor configuration (poisoned, exit, disabled) and a Claude Code one declaring the same poisoned server.</summary>
    private static TempTree Home() => new TempTree()
        .WithFile("home/.cursor/mcp.json", Config(("poison", Server("poisoned")), ("broken", Server("exit")), ("off", Server("env", disabled: true))))
        .WithFile("home/.claude.json", Config(("poison", Server("poisoned"))))
        .WithFile("proj/README.md", "nothing\n");

    private static (JsonElement Live, List<(string Rule, string? Logical)> Findings, JsonDocument Doc) Parse(CliRunner.Run run)
    {
        var doc = JsonDocument.Parse(run.Out);
        var live = doc.RootElement.GetProperty("scan").GetProperty("live");
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("ruleId").GetString()!, f.GetProperty("location").TryGetProperty("logicalPath", out var l) ? l.GetString() : null)).ToList();
        return (live, findings, doc);
    }

    private static Dictionary<string, (string Status, string? Reason, string? Source)> Rows(JsonElement live) =>
        live.GetProperty("servers").EnumerateArray().ToDictionary(s => s.GetProperty("server").GetString()!, s => (
            s.GetProperty("status").GetString()!,
            s.TryGetProperty("reason", out var r) ? r.GetString() : null,
            s.TryGetProperty("source", out var src) ? src.GetString() : null));

    [Fact]
    public void DiscoverLive_NoTerminalAndNoYes_SkipsEveryServer_LaunchesNothing_Exit3()
    {
        using var tree = new TempTree()
            .WithFile("home/.cursor/mcp.json", Config(("maker", new JsonObject { ["command"] = "sh", ["args"] = new JsonArray("-c", "touch launched.txt") })));
        var run = CliRunner.Invoke(tree.Root, "scan", "--discover", "--live", "--home", "home", "--root", ".", "--format", "json", "--fail-on", "critical");
        Assert.Equal(3, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(tree.Root, "launched.txt")), "a server was launched without confirmation");
        Assert.False(File.Exists(Path.Combine(tree.Root, "home", "launched.txt")), "a server was launched without confirmation");
        var (live, _, doc) = Parse(run);
        using var _d = doc;
        var row = Rows(live)["maker"];
        Assert.Equal("skipped", row.Status);
        Assert.Contains("standard input is not a terminal", row.Reason, StringComparison.Ordinal);
        Assert.Contains("--yes", row.Reason, StringComparison.Ordinal);
        Assert.Equal("~/.cursor/mcp.json:3", row.Source);
        Assert.Equal(0, live.GetProperty("started").GetInt32());
    }

    [Fact]
    public void DiscoverLive_Yes_CoverageListsStartedFailedSkipped_EnvPassedAndMasked()
    {
        using var tree = Home();
        var run = CliRunner.Invoke(tree.Root, "scan", "--discover", "--live", "--yes", "--home", "home", "--root", "proj", "--format", "json", "--timeout", "15");
        Assert.Equal(1, run.ExitCode);
        var (live, findings, doc) = Parse(run);
        using var _d = doc;
        var rows = Rows(live);
        Assert.Equal(3, live.GetProperty("found").GetInt32()); // poison is declared twice with the same launcher: launched once
        Assert.Equal("started", rows["poison"].Status);
        Assert.Contains("~/.claude.json", rows["poison"].Source, StringComparison.Ordinal);
        Assert.Contains("~/.cursor/mcp.json", rows["poison"].Source, StringComparison.Ordinal);
        Assert.Equal("failed", rows["broken"].Status);
        Assert.Contains("exited", rows["broken"].Reason, StringComparison.Ordinal);
        // the configuration's env reached the server (its stderr names the key's value), masked
        Assert.Contains("API_KEY=sk-l****", rows["broken"].Reason, StringComparison.Ordinal);
        Assert.Equal(("skipped", "disabled in the configuration"), (rows["off"].Status, rows["off"].Reason));
        Assert.Contains(findings, f => f.Rule == "MCP-TP-004" && f.Logical == "server:poison/tool:add/description");
        Assert.Contains(findings, f => f.Rule == "MCP-CONF-001"); // the configurations are audited too
        Assert.DoesNotContain(Secret, run.Out + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void DiscoverLive_Interactive_AsksPerServer_DeclinedIsSkipped()
    {
        using var tree = new TempTree().WithFile("home/.cursor/mcp.json", Config(("first", Server("poisoned")), ("second", Server("env"))));
        var run = CliRunner.InvokeWithInput(tree.Root, "n\ny\n", "scan", "--discover", "--live", "--home", "home", "--root", ".", "--format", "json", "--fail-on", "none");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Launch the MCP server 'first' declared in ~/.cursor/mcp.json:3?", run.Error, StringComparison.Ordinal);
        Assert.Contains("(env API_KEY)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.Error, StringComparison.Ordinal);
        var (live, _, doc) = Parse(run);
        using var _d = doc;
        var rows = Rows(live);
        Assert.Equal(("skipped", "not launched: declined at the confirmation"), (rows["first"].Status, rows["first"].Reason));
        Assert.Equal("started", rows["second"].Status);
    }

    [Fact]
    public void DiscoverLive_CrossServerDetectors_SeeEveryConfiguredServer()
    {
        // two distinct launchers (different env) of servers with the same tools: the same tool name on two servers
        using var tree = new TempTree().WithFile("home/.cursor/mcp.json", Config(("a", Server("poisoned")), ("b", Server("poisoned", extraEnv: "OTHER"))));
        var run = CliRunner.Invoke(tree.Root, "scan", "--discover", "--live", "--yes", "--home", "home", "--root", ".", "--format", "json");
        var (live, findings, doc) = Parse(run);
        using var _d = doc;
        Assert.Equal(2, live.GetProperty("started").GetInt32());
        Assert.Contains(findings, f => f.Rule == "MCP-SURF-008" && f.Logical!.EndsWith("/tool:add/name", StringComparison.Ordinal));
    }

    [Fact]
    public void ScanLive_SeveralServersSeparatedByThreeDashes_ScannedTogether()
    {
        using var tree = new TempTree();
        var run = CliRunner.Invoke(tree.Root, "scan", "--live", "--format", "json", "--", "node", Tiny, "sameforall", "---", "node", Tiny, "byclient");
        var (live, findings, doc) = Parse(run);
        using var _d = doc;
        Assert.Equal((2, 2), (live.GetProperty("found").GetInt32(), live.GetProperty("started").GetInt32()));
        Assert.Contains(findings, f => f.Rule == "MCP-SURF-008" && f.Logical!.EndsWith("/tool:read_file/name", StringComparison.Ordinal));
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "scan", "--live", "--name", "x", "--", "node", Tiny, "env", "---", "node", Tiny, "env").ExitCode);
    }

    [Fact]
    public void ScanLive_Identities_FlagsServerThatVariesByClient_NotOneThatDoesNot()
    {
        using var tree = new TempTree();
        var run = CliRunner.Invoke(tree.Root, "scan", "--live", "--identities", "claude-code,cursor/0.50", "--format", "json", "--", "node", Tiny, "byclient", "---", "node", Tiny, "sameforall");
        Assert.Equal(1, run.ExitCode);
        var (_, findings, doc) = Parse(run);
        using var _d = doc;
        var pin = Assert.Single(findings, f => f.Rule == "MCP-PIN-007");
        Assert.Equal("server:tiny-byclient", pin.Logical);
        var message = doc.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "MCP-PIN-007").GetProperty("message").GetString();
        Assert.Contains("tool(s) only 'cursor/0.50' sees: exec_shell", message, StringComparison.Ordinal);
        Assert.Contains("'claude-code/1.0.0'", message, StringComparison.Ordinal);
        Assert.Contains("as client 'cursor/0.50'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscoverLive_RemoteServer_GetsTheConfiguredHeaders_Masked()
    {
        var everything = RepoPaths.Of("tests/node/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
        Assert.True(File.Exists(everything), "run .ci/run (npm install in tests/node) first: " + everything);
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { RepoPaths.Of("tests/Fixtures/live/loopback-everything.mjs"), everything, port.ToString(System.Globalization.CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        try
        {
            for (var ready = Stopwatch.StartNew(); ready.Elapsed < TimeSpan.FromSeconds(20);)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(200);
                }
            }
            const string token = "secret-header-value-123456";
            using var tree = new TempTree().WithFile("home/.cursor/mcp.json", Config(("everything", new JsonObject
            {
                ["url"] = $"http://127.0.0.1:{port}/mcp",
                ["headers"] = new JsonObject { ["Authorization"] = "Bearer " + token },
            })));
            var run = CliRunner.Invoke(tree.Root, "scan", "--discover", "--live", "--yes", "--home", "home", "--root", ".", "--format", "json", "--fail-on", "none");
            var (live, _, doc) = Parse(run);
            using var _d = doc;
            var row = live.GetProperty("servers").EnumerateArray().Single();
            Assert.Equal("started", row.GetProperty("status").GetString());
            Assert.Equal($"http://127.0.0.1:{port}/mcp (header Authorization)", row.GetProperty("target").GetString());
            Assert.DoesNotContain(token, run.Out + run.Error, StringComparison.Ordinal);
            Assert.Equal(0, run.ExitCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public void Scan_LiveOnlyOptions_AreUsageErrorsWithoutLive()
    {
        using var tree = new TempTree().WithFile("a.py", "x = 1\n");
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "scan", ".", "--identities", "cursor").ExitCode);
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "scan", "--discover", "--yes", "--home", ".", "--root", ".").ExitCode);
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "scan", "--live", "--identities", "bad,name!", "--", "node", Tiny, "env").ExitCode);
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "scan", "--discover", "--live", "--env", "A=1", "--home", ".", "--root", ".").ExitCode);
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "record", "-o", "s.json", "--", "node", Tiny, "env", "---", "node", Tiny, "env").ExitCode);
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "scan", "--live").ExitCode);
    }
}
