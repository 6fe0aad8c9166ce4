using System.Text.Json;
using Json.Schema;
using McpSentinel.Core.Model;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Reporting.Tests;

public sealed class SarifReporterTests
{
    internal static readonly JsonSchema Schema = JsonSchema.FromFile(RepoPaths.Of("tests/Fixtures/sarif-2.1.0.json"));

    private static void AssertValid(string sarif)
    {
        using var doc = JsonDocument.Parse(sarif);
        var result = Schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).ToList();
        Assert.True(result.IsValid, "SARIF is not valid:\n" + string.Join("\n", errors.Take(20)));
    }

    [Fact]
    public void Write_ValidatesAgainstSarif210Schema_WithFilesTracesAndLogicalLocations()
    {
        var result = SampleResults.Create(
            SampleResults.Finding("MCP-CMD-001", Severity.Critical, "src/my file.py", 3, "x",
                [new TraceStep("src/my file.py", 1, 1, "def f(x):", "source"), new TraceStep("src/my file.py", 3, 5, "run(x)", "sink")]),
            SampleResults.Finding("MCP-TP-001", Severity.High, "", 1, "desc", logical: "server:x/tool:y/description"));
        AssertValid(SampleResults.Render(new SarifReporter(), result));
    }

    [Fact]
    public void Write_ConfigEngineFindings_OfDiscoveredHomeConfig_AreValid_WithPhysicalAndLogicalLocations()
    {
        using var tree = new TempTree().WithFile("home/.cursor/mcp.json",
            "{\n  \"mcpServers\": {\n    \"gh\": { \"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-github\"], \"env\": { \"GITHUB_TOKEN\": \"" + SampleResults.Secret + "\" } }\n  }\n}\n");
        var full = tree.PathOf("home/.cursor/mcp.json");
        var result = new McpSentinel.Core.Scanning.Scanner().Scan(new McpSentinel.Core.Scanning.ScanOptions
        {
            Targets = [],
            Rules = McpSentinel.Core.Rules.RuleSet.Empty,
            Engines = ["config"],
            ExtraFiles = [new McpSentinel.Core.Discovery.DiscoveredFile(full, "~/.cursor/mcp.json", Language.Json, new FileInfo(full).Length)],
        });
        Assert.Equal(["MCP-CONF-001", "MCP-CONF-003"], result.Findings.Select(f => f.RuleId).Order());
        var sarif = SampleResults.Render(new SarifReporter(), result);
        AssertValid(sarif);
        Assert.DoesNotContain(SampleResults.Secret, sarif);
        using var doc = JsonDocument.Parse(sarif);
        var location = doc.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("locations")[0];
        Assert.Equal("~/.cursor/mcp.json", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.StartsWith("client:cursor/server:gh/", location.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
        var rules = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.Equal(2, rules.GetArrayLength());
    }

    [Fact]
    public void SchemaCheck_CanFail()
    {
        using var doc = JsonDocument.Parse("{\"version\": \"2.1.0\", \"runs\": [{\"results\": [{\"level\": \"fatal\"}]}]}");
        Assert.False(Schema.Evaluate(doc.RootElement).IsValid);
    }

    [Fact]
    public void Write_EmptyResult_IsValid()
    {
        AssertValid(SampleResults.Render(new SarifReporter(), SampleResults.Create()));
    }

    [Fact]
    public void Write_HasWhatGitHubCodeScanningNeeds()
    {
        var result = SampleResults.Create(SampleResults.Finding("MCP-CMD-001", Severity.High, "a.py", 3, "x"));
        using var doc = JsonDocument.Parse(SampleResults.Render(new SarifReporter(), result));
        var run = doc.RootElement.GetProperty("runs")[0];
        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[0];
        Assert.Equal("Title of MCP-CMD-001", rule.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.False(string.IsNullOrEmpty(rule.GetProperty("fullDescription").GetProperty("text").GetString()));
        Assert.False(string.IsNullOrEmpty(rule.GetProperty("help").GetProperty("text").GetString()));
        Assert.EndsWith("/docs/rules/MCP-CMD-001.md", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
        Assert.Equal("8.0", rule.GetProperty("properties").GetProperty("security-severity").GetString());
        var tags = rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("external/cwe/cwe-78", tags);
        Assert.Contains("command-injection", tags);
        var r = run.GetProperty("results")[0];
        Assert.Equal("error", r.GetProperty("level").GetString());
        Assert.Equal("fp-MCP-CMD-001-3", r.GetProperty("partialFingerprints").GetProperty(SarifReporter.FingerprintKey).GetString());
        var loc = r.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("a.py", loc.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("SRCROOT", loc.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        Assert.Equal(3, loc.GetProperty("region").GetProperty("startLine").GetInt32());
    }
}
