using System.Text.Json;
using McpSentinel.Core.Model;
using Xunit;

namespace McpSentinel.Reporting.Tests;

public sealed class JsonReporterTests
{
    [Fact]
    public void Write_FollowsTheContract()
    {
        var result = SampleResults.Create(
            SampleResults.Finding("MCP-CMD-001", Severity.Critical, "src/a.py", 3, "subprocess.run(x, shell=True)",
                [new TraceStep("src/a.py", 1, 1, "def f(x):", "source: tool argument x"), new TraceStep("src/a.py", 3, 5, "subprocess.run(x, shell=True)", "sink")]));
        using var doc = JsonDocument.Parse(SampleResults.Render(new JsonReporter(), result));
        var root = doc.RootElement;
        Assert.Equal("1.0", root.GetProperty("schemaVersion").GetString());
        Assert.Equal("mcp-sentinel", root.GetProperty("tool").GetProperty("name").GetString());
        var scan = root.GetProperty("scan");
        Assert.Equal("2026-11-25T10:00:00.000Z", scan.GetProperty("startedAt").GetString());
        Assert.Equal(3, scan.GetProperty("filesScanned").GetInt32());
        Assert.Equal("big.json", scan.GetProperty("diagnostics")[0].GetProperty("path").GetString());
        var summary = root.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("total").GetInt32());
        Assert.Equal(1, summary.GetProperty("critical").GetInt32());
        Assert.InRange(summary.GetProperty("riskScore").GetInt32(), 1, 100);
        var f = root.GetProperty("findings")[0];
        foreach (var name in new[] { "fingerprint", "ruleId", "title", "category", "severity", "confidence", "engine", "message", "remediation", "location", "evidence", "cwe", "owasp", "mitre", "references" })
        {
            Assert.True(f.TryGetProperty(name, out _), "missing " + name);
        }
        Assert.Equal("critical", f.GetProperty("severity").GetString());
        Assert.Equal("src/a.py", f.GetProperty("location").GetProperty("path").GetString());
        Assert.Equal(3, f.GetProperty("location").GetProperty("startLine").GetInt32());
        Assert.Equal(2, f.GetProperty("trace").GetArrayLength());
    }

    [Fact]
    public void Write_EscapesHostileEvidence()
    {
        var result = SampleResults.Create(SampleResults.Finding("MCP-XSS-001", Severity.Medium, "a.js", 1, "</script><script>alert(1)</script>\"\u0000"));
        var text = SampleResults.Render(new JsonReporter(), result);
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(text);
        Assert.StartsWith("</script>", doc.RootElement.GetProperty("findings")[0].GetProperty("evidence").GetString(), StringComparison.Ordinal);
    }
}
