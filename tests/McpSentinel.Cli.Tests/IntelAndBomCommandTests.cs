using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Cli.Tests;

public sealed class IntelAndBomCommandTests
{
    private const string OsvRecord = """
        { "id": "GHSA-test-cli-0001", "aliases": ["CVE-2099-1111"], "summary": "Test flaw in demo-mcp-tool",
          "modified": "2026-01-01T00:00:00Z",
          "affected": [{ "package": { "ecosystem": "npm", "name": "demo-mcp-tool" },
                         "ranges": [{ "type": "SEMVER", "events": [{ "introduced": "0" }, { "fixed": "3.0.0" }] }] }],
          "database_specific": { "severity": "CRITICAL" } }
        """;

    [Fact]
    public void IntelImport_ThenStatus_ShowsCountsAgeAndSource()
    {
        using var tree = new TempTree().WithFile("osv/GHSA-test-cli-0001.json", OsvRecord);
        var import = CliRunner.Invoke(tree.Root, "intel", "import", "osv", "--data-dir", "data");
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("imported 1 advisories from 1 file(s)", import.Out);

        var status = CliRunner.Invoke(tree.Root, "intel", "status", "--data-dir", "data");
        Assert.Equal(0, status.ExitCode);
        Assert.Matches(@"bundled data:\s+version \d{4}\.\d{2}\.\d{2} \(data as of \d{4}-\d{2}-\d{2}, [^)]+\), \d+ advisories \(Go \d+, PyPI \d+, npm \d+\), 1 malicious", status.Out);
        Assert.Contains("imported data: 1 advisories (npm 1)", status.Out);
        Assert.Contains("less than an hour old", status.Out);
        Assert.Contains(tree.PathOf("osv"), status.Out);
    }

    [Fact]
    public void IntelStatus_WithNothingImported_SaysHowToImport()
    {
        using var tree = new TempTree();
        var status = CliRunner.Invoke(tree.Root, "intel", "status", "--data-dir", "data");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("imported data: none", status.Out);
    }

    [Fact]
    public void IntelImport_MissingPath_IsAUsageError_AndGarbageIsIncomplete()
    {
        using var tree = new TempTree().WithFile("bad.json", "{ nope");
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "intel", "import", "missing.zip", "--data-dir", "data").ExitCode);
        var bad = CliRunner.Invoke(tree.Root, "intel", "import", "bad.json", "--data-dir", "data");
        Assert.Equal(3, bad.ExitCode);
        Assert.Contains("not an OSV JSON record", bad.Error);
    }

    [Fact]
    public void IntelUpdate_WithoutNetwork_SaysSoClearly_AndExitsIncomplete()
    {
        // a loopback port nobody listens on: the download is refused, like on an offline machine
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        using var tree = new TempTree();
        var run = CliRunner.Invoke(tree.Root, "intel", "update", "--data-dir", "data", "--source", $"http://127.0.0.1:{port}", "--timeout", "10");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error: could not update npm", run.Error);
        Assert.Contains("error: could not update PyPI", run.Error);
        Assert.Contains("the network is not reachable", run.Error);
        Assert.Contains("NOT fully updated", run.Error);
        Assert.Contains("intel import", run.Error);
        Assert.DoesNotContain("updated npm", run.Out);
    }

    [Fact]
    public void IntelUpdate_BadSource_IsAUsageError()
    {
        using var tree = new TempTree();
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "intel", "update", "--data-dir", "data", "--source", "ftp://x").ExitCode);
    }

    [Fact]
    public void Bom_IsCycloneDx16_WithPurlsPinningAndVulnerabilities()
    {
        using var tree = new TempTree()
            .WithFile("package.json", "{ \"name\": \"demo\", \"dependencies\": { \"mcp-remote\": \"^0.1.0\", \"@modelcontextprotocol/sdk\": \"^1.24.0\", \"zod\": \"3.25.0\" } }")
            .WithFile("package-lock.json", "{ \"lockfileVersion\": 3, \"packages\": { \"\": { \"dependencies\": { \"mcp-remote\": \"^0.1.0\" } }, \"node_modules/mcp-remote\": { \"version\": \"0.1.15\" } } }")
            .WithFile("py/requirements.txt", "mcp==1.9.4\n");
        var run = CliRunner.Invoke(tree.Root, "bom", ".");
        Assert.Equal(0, run.ExitCode);
        var bom = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal("CycloneDX", bom.GetProperty("bomFormat").GetString());
        Assert.Equal("1.6", bom.GetProperty("specVersion").GetString());
        Assert.Matches("^urn:uuid:[0-9a-f-]{36}$", bom.GetProperty("serialNumber").GetString());
        Assert.Equal(1, bom.GetProperty("version").GetInt32());
        Assert.Equal("mcp-sentinel", bom.GetProperty("metadata").GetProperty("tools").GetProperty("components")[0].GetProperty("name").GetString());

        var components = bom.GetProperty("components").EnumerateArray().ToList();
        var refs = new HashSet<string>();
        foreach (var c in components)
        {
            Assert.Equal("library", c.GetProperty("type").GetString());
            Assert.False(string.IsNullOrEmpty(c.GetProperty("name").GetString()));
            Assert.StartsWith("pkg:", c.GetProperty("purl").GetString());
            Assert.True(refs.Add(c.GetProperty("bom-ref").GetString()!), "bom-refs are unique");
        }
        var remote = Assert.Single(components, c => c.GetProperty("name").GetString() == "mcp-remote");
        Assert.Equal("0.1.15", remote.GetProperty("version").GetString());
        Assert.Equal("pkg:npm/mcp-remote@0.1.15", remote.GetProperty("purl").GetString());
        Assert.Contains(remote.GetProperty("properties").EnumerateArray(), p => p.GetProperty("name").GetString() == "mcp-sentinel:version-pinning" && p.GetProperty("value").GetString() == "pinned");

        var sdk = Assert.Single(components, c => c.GetProperty("name").GetString() == "sdk");
        Assert.Equal("@modelcontextprotocol", sdk.GetProperty("group").GetString());
        Assert.Equal("pkg:npm/%40modelcontextprotocol/sdk", sdk.GetProperty("purl").GetString());
        Assert.Contains(sdk.GetProperty("properties").EnumerateArray(), p => p.GetProperty("value").GetString() == "floating");

        var mcp = Assert.Single(components, c => c.GetProperty("purl").GetString() == "pkg:pypi/mcp@1.9.4");
        var vulns = bom.GetProperty("vulnerabilities").EnumerateArray().ToList();
        Assert.Contains(vulns, v => v.GetProperty("id").GetString() == "CVE-2025-6514");
        Assert.Contains(vulns, v => v.GetProperty("id").GetString() == "CVE-2025-66416");
        foreach (var v in vulns)
        {
            Assert.All(v.GetProperty("affects").EnumerateArray(), a => Assert.Contains(a.GetProperty("ref").GetString()!, refs));
            Assert.NotEmpty(v.GetProperty("ratings").EnumerateArray());
        }
        Assert.Equal("required", mcp.GetProperty("scope").GetString());
    }

    [Fact]
    public void Bom_McpOnly_LeavesOutUnrelatedPackages()
    {
        using var tree = new TempTree().WithFile("package.json", "{ \"dependencies\": { \"mcp-remote\": \"0.1.16\", \"zod\": \"3.25.0\" } }");
        var run = CliRunner.Invoke(tree.Root, "bom", ".", "--mcp-only");
        var names = JsonDocument.Parse(run.Out).RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["mcp-remote"], names);
    }

    [Fact]
    public void Scan_Json_IncludesDepsEngineFindings()
    {
        using var tree = new TempTree().WithFile("requirements.txt", "mcp==1.9.4\n");
        var run = CliRunner.Invoke(tree.Root, "scan", ".", "--format", "json", "--no-config");
        Assert.Equal(1, run.ExitCode);
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.Contains("deps", root.GetProperty("scan").GetProperty("engines").EnumerateArray().Select(e => e.GetString()));
        var f = Assert.Single(root.GetProperty("findings").EnumerateArray());
        Assert.Equal("MCP-DEP-001", f.GetProperty("ruleId").GetString());
        Assert.Equal("supply-chain", f.GetProperty("category").GetString());
        Assert.Equal("requirements.txt", f.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(1, f.GetProperty("location").GetProperty("startLine").GetInt32());

        var staticOnly = CliRunner.Invoke(tree.Root, "scan", ".", "--format", "json", "--no-config", "--engines", "static");
        Assert.Equal(0, staticOnly.ExitCode);
    }
}

public sealed class ComplianceCommandTests
{
    [Fact]
    public void Scan_Compliance_AddsPerFrameworkControlResults()
    {
        using var tree = new TempTree().WithFile("requirements.txt", "mcp==1.9.4\n");
        var run = CliRunner.Invoke(tree.Root, "scan", ".", "--format", "json", "--no-config", "--compliance", "soc2,pci-dss");
        Assert.Equal(1, run.ExitCode);
        var root = JsonDocument.Parse(run.Out).RootElement;
        var fingerprint = root.GetProperty("findings")[0].GetProperty("fingerprint").GetString();
        var frameworks = root.GetProperty("compliance").EnumerateArray().ToList();
        Assert.Equal(["soc2", "pci-dss"], frameworks.Select(f => f.GetProperty("framework").GetString()));
        foreach (var f in frameworks) Assert.Equal("fail", f.GetProperty("status").GetString());
        var pci = frameworks[1].GetProperty("controls").EnumerateArray().ToList();
        var c631 = Assert.Single(pci, c => c.GetProperty("id").GetString() == "6.3.1");
        Assert.Equal("fail", c631.GetProperty("status").GetString());
        Assert.Equal([fingerprint], c631.GetProperty("findings").EnumerateArray().Select(x => x.GetString()));
        var c862 = Assert.Single(pci, c => c.GetProperty("id").GetString() == "8.6.2");
        Assert.Equal("pass", c862.GetProperty("status").GetString());
    }

    [Fact]
    public void Scan_WithoutCompliance_HasNoComplianceSection_AndUnknownFrameworkIsUsageError()
    {
        using var tree = new TempTree().WithFile("a.txt", "hello\n");
        var plain = CliRunner.Invoke(tree.Root, "scan", ".", "--format", "json", "--no-config");
        Assert.False(JsonDocument.Parse(plain.Out).RootElement.TryGetProperty("compliance", out _));
        var bad = CliRunner.Invoke(tree.Root, "scan", ".", "--format", "json", "--no-config", "--compliance", "gdpr");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown framework 'gdpr'", bad.Error);
    }
}
