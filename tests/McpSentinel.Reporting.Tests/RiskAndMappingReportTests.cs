using System.Text;
using System.Text.Json;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using Xunit;

namespace McpSentinel.Reporting.Tests;

/// <summary>Per-finding risk (score and factors) and framework mappings in the report formats.</summary>
public sealed class RiskAndMappingReportTests
{
    private static ScanResult Sample()
    {
        var trace = new List<TraceStep> { new("server.py", 10, 5, "def run(cmd: str):", "source: tool argument cmd"), new("server.py", 12, 9, "subprocess.run(cmd, shell=True)", "sink: shell") };
        var exposed = SampleResults.Finding("MCP-CMD-001", Severity.Critical, "server.py", 12, "subprocess.run(cmd, shell=True)", trace)
            with { Confidence = Confidence.High, Signals = new RiskSignals { Exposure = Exposure.RemoteUnauthenticated, ExposureReason = "remote server at mcp.example.com with no credentials configured" } };
        var low = SampleResults.Finding("MCP-CRYPTO-002", Severity.Low, "tests/test_hash.py", 4, "hashlib.md5(x)") with { Category = Categories.WeakCrypto, Cwe = ["CWE-328"], Owasp = [], Mitre = [] };
        return SampleResults.Create([.. new[] { low, exposed }.Select(f => FindingAggregator.Enrich(f))]);
    }

    [Fact]
    public void Json_WritesRiskAndTaxonomy_AndReadsThemBack()
    {
        var result = Sample();
        var json = SampleResults.Render(new JsonReporter(), result);
        using var doc = JsonDocument.Parse(json);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var cmd = findings.Single(f => f.GetProperty("ruleId").GetString() == "MCP-CMD-001");
        var risk = cmd.GetProperty("risk");
        Assert.Equal(100, risk.GetProperty("score").GetInt32());
        Assert.Equal("reachable", risk.GetProperty("factors").GetProperty("reachability").GetProperty("value").GetString());
        Assert.Equal("remote-unauthenticated", risk.GetProperty("factors").GetProperty("exposure").GetProperty("value").GetString());
        Assert.Equal(1.0, risk.GetProperty("factors").GetProperty("exposure").GetProperty("factor").GetDouble());
        Assert.Equal("MCP05:2025", cmd.GetProperty("taxonomy").GetProperty("owaspMcp")[0].GetString());
        var crypto = findings.Single(f => f.GetProperty("ruleId").GetString() == "MCP-CRYPTO-002");
        Assert.Equal("test-code", crypto.GetProperty("risk").GetProperty("factors").GetProperty("reachability").GetProperty("value").GetString());
        Assert.True(crypto.GetProperty("taxonomy").GetProperty("notApplicable").TryGetProperty("owaspLlm", out _)); // weak crypto: no LLM entry, and why
        Assert.Equal(result.Summary.RiskScore, doc.RootElement.GetProperty("summary").GetProperty("riskScore").GetInt32());

        var back = JsonReportReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        var again = back.Findings.Single(f => f.RuleId == "MCP-CMD-001");
        Assert.Equal(100, again.Risk?.Score);
        Assert.Equal(Exposure.RemoteUnauthenticated, again.Risk?.Exposure);
        Assert.Equal(["MCP05:2025"], again.Taxonomy?.OwaspMcp);
        Assert.Equal(result.Summary.RiskScore, back.Summary.RiskScore);
        Assert.Equal(json, SampleResults.Render(new JsonReporter(), back with { ToolVersion = result.ToolVersion }));
    }

    [Fact]
    public void JsonReader_ReportWithoutRisk_RecomputesIt_AndRejectsAScoreAbove100()
    {
        var json = SampleResults.Render(new JsonReporter(), SampleResults.Create(SampleResults.Finding("MCP-CMD-001", Severity.High, "a.py", 1, "x")));
        Assert.DoesNotContain("\"risk\"", json, StringComparison.Ordinal); // findings built without aggregation carry none
        var back = JsonReportReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.True(back.Summary.RiskScore > 0);

        var enriched = SampleResults.Render(new JsonReporter(), Sample());
        var broken = enriched.Replace("\"score\": 100", "\"score\": 101", StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => JsonReportReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(broken))));
        Assert.Contains("risk.score", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sarif_CarriesRiskAndTaxonomyTags_AndStillValidates()
    {
        var sarif = SampleResults.Render(new SarifReporter(), Sample());
        using var doc = JsonDocument.Parse(sarif);
        Assert.True(SarifReporterTests.Schema.Evaluate(doc.RootElement).IsValid); // one schema instance: the registry is global
        var result = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "MCP-CMD-001");
        var props = result.GetProperty("properties");
        Assert.Equal(100, props.GetProperty("risk-score").GetInt32());
        Assert.Equal("9.5", props.GetProperty("security-severity").GetString()); // still the severity's, as GitHub expects
        var tags = props.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("external/cwe/cwe-78", tags);
        Assert.Contains("external/owasp/ASI05:2026", tags);
        Assert.Contains("external/mitre/AML.T0053", tags);
    }

    [Fact]
    public void Html_ShowsRiskFactorsAndMappings_AndListsTheRiskiestFirst()
    {
        var html = HtmlReporter.Render(Sample());
        Assert.Contains("<h3>Risk 100/100</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Mappings</h3>", html, StringComparison.Ordinal);
        Assert.Contains("OWASP Agentic Top 10 2026", html, StringComparison.Ordinal);
        Assert.Contains(">ASI05:2026</a>", html, StringComparison.Ordinal);
        Assert.Contains("n/a: weak cryptography", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("data-rule=\"MCP-CMD-001\"", StringComparison.Ordinal) < html.IndexOf("data-rule=\"MCP-CRYPTO-002\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_AddsRiskColumns_RiskiestFirst()
    {
        var csv = SampleResults.Render(new CsvReporter(), Sample()).Split("\r\n");
        Assert.EndsWith("riskScore,reachability,exposure,exploitation,owaspLlm,owaspMcp,owaspAgentic,attack,atlas", csv[0], StringComparison.Ordinal);
        Assert.Contains("MCP-CMD-001", csv[1], StringComparison.Ordinal);
        Assert.Contains(",100,reachable,remote-unauthenticated,none,", csv[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Text_ShowsEachFindingsRisk()
    {
        var text = SampleResults.Render(new TextReporter(), Sample());
        Assert.Contains("risk 100 · reachable · exposure remote-unauthenticated", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("MCP-CMD-001", StringComparison.Ordinal) < text.IndexOf("MCP-CRYPTO-002", StringComparison.Ordinal));
    }
}
