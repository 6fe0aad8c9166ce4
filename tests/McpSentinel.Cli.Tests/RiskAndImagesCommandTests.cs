using System.Text.Json;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Cli.Tests;

/// <summary>End to end through the command tree: per-finding risk and mappings in the JSON report, launched packages
/// and images in scans and in the BOM, and a KEV catalogue import.</summary>
public sealed class RiskAndImagesCommandTests
{
    private const string Config = """
        {
          "mcpServers": {
            "remote": { "command": "npx", "args": ["-y", "mcp-remote@0.1.15", "http://mcp.example.com/sse"] },
            "github": { "command": "docker", "args": ["run", "-i", "--rm", "mcp/github:1.2.0"] }
          }
        }
        """;

    [Fact]
    public void Scan_ClientConfig_ReportsTheLaunchedVulnerablePackage_WithRiskAndMappings()
    {
        using var tree = new TempTree().WithFile(".cursor/mcp.json", Config);
        var run = CliRunner.Invoke(tree.Root, "scan", ".", "--format", "json", "--no-config");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var dep = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "MCP-DEP-001");
        Assert.Contains("CVE-2025-6514", dep.GetProperty("message").GetString());
        Assert.Contains("MCP04:2025", dep.GetProperty("taxonomy").GetProperty("owaspMcp").EnumerateArray().Select(x => x.GetString()));
        Assert.Contains("ASI04:2026", dep.GetProperty("owasp").EnumerateArray().Select(x => x.GetString()));
        var risk = dep.GetProperty("risk");
        Assert.InRange(risk.GetProperty("score").GetInt32(), 1, 100);
        Assert.Equal("unknown", risk.GetProperty("factors").GetProperty("reachability").GetProperty("value").GetString());

        // the plain-HTTP finding about the proxied server: remote, no credentials
        var http = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "MCP-CONF-007");
        Assert.Equal("remote-unauthenticated", http.GetProperty("risk").GetProperty("factors").GetProperty("exposure").GetProperty("value").GetString());
        var scores = findings.Select(f => f.GetProperty("risk").GetProperty("score").GetInt32()).ToList();
        Assert.InRange(doc.RootElement.GetProperty("summary").GetProperty("riskScore").GetInt32(), scores.Max(), 100);
    }

    [Fact]
    public void Bom_ClientConfig_ListsTheLaunchedPackage_AndTheImageAsAContainer()
    {
        using var tree = new TempTree().WithFile(".cursor/mcp.json", Config).WithFile("Dockerfile", "FROM node:20.11.1-alpine\n");
        var run = CliRunner.Invoke(tree.Root, "bom", ".");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var components = doc.RootElement.GetProperty("components").EnumerateArray().ToList();
        var image = Assert.Single(components, c => c.GetProperty("purl").GetString() == "pkg:docker/mcp/github@1.2.0");
        Assert.Equal("container", image.GetProperty("type").GetString());
        Assert.Contains(image.GetProperty("properties").EnumerateArray(), p => p.GetProperty("name").GetString() == "mcp-sentinel:launcher" && p.GetProperty("value").GetString() == "docker");
        var node = Assert.Single(components, c => c.GetProperty("purl").GetString()!.StartsWith("pkg:docker/node@", StringComparison.Ordinal));
        Assert.Equal("container", node.GetProperty("type").GetString());
        var remote = Assert.Single(components, c => c.GetProperty("purl").GetString() == "pkg:npm/mcp-remote@0.1.15");
        Assert.Equal("library", remote.GetProperty("type").GetString());
        Assert.Contains(doc.RootElement.GetProperty("vulnerabilities").EnumerateArray(), v => v.GetProperty("id").GetString() == "CVE-2025-6514");
    }

    [Fact]
    public void IntelImport_KevCatalogue_IsCounted_AndShownByStatus()
    {
        using var tree = new TempTree().WithFile("kev.json", """
            { "title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": "2099.01.01",
              "vulnerabilities": [ { "cveID": "CVE-2099-0001", "dateAdded": "2099-01-01" }, { "cveID": "CVE-2099-0002", "dateAdded": "2099-01-02" } ] }
            """);
        var import = CliRunner.Invoke(tree.Root, "intel", "import", "kev.json", "--data-dir", "data");
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("2 known-exploited CVEs", import.Out);
        var status = CliRunner.Invoke(tree.Root, "intel", "status", "--data-dir", "data");
        Assert.Contains("known exploited: 2 CVEs from CISA Catalog of Known Exploited Vulnerabilities 2099.01.01", status.Out);
    }
}
