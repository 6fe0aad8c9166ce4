using System.Text;
using Xunit;

namespace McpSentinel.Reporting.Tests;

public sealed class JsonReportReaderTests
{
    private static McpSentinel.Core.Model.ScanResult Read(string json) => JsonReportReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void RoundTrip_GoldenSample_RendersTheSameJson()
    {
        var original = SampleResults.Render(new JsonReporter(), HostileSamples.Golden());
        var back = Read(original);
        Assert.Equal(original, SampleResults.Render(new JsonReporter(), back));
        Assert.Equal(1, back.Summary.Suppressed);
        Assert.True(back.Incomplete);
        var hostile = back.Findings.Single(f => f.Fingerprint == "fp-hostile");
        Assert.Equal(HostileSamples.Adversarial().Evidence, hostile.Evidence);
        Assert.Equal(2, hostile.Trace!.Count);
        Assert.Equal("server:demo/tool:run/description", back.Findings.Single(f => f.RuleId == "MCP-TP-001").Location.LogicalPath);
        Assert.Null(back.Findings.Single(f => f.RuleId == "MCP-TP-001").Location.Path);
    }

    [Fact]
    public void RoundTrip_RealScan_KeepsEveryFindingAndTheSummary()
    {
        var original = RealScan.VulnerableExample;
        var json = SampleResults.Render(new JsonReporter(), original);
        var back = Read(json);
        Assert.Equal(json, SampleResults.Render(new JsonReporter(), back));
        Assert.Equal(original.Summary, back.Summary);
        Assert.Equal(original.Findings.Select(f => (f.Fingerprint, f.RuleId, f.Location, f.Evidence)), back.Findings.Select(f => (f.Fingerprint, f.RuleId, f.Location, f.Evidence)));
        // other formats render from what was read back
        Assert.Equal(SampleResults.Render(new CsvReporter(), original), SampleResults.Render(new CsvReporter(), back));
        Assert.Equal(SampleResults.Render(new MarkdownReporter(), original), SampleResults.Render(new MarkdownReporter(), back));
    }

    [Theory]
    [InlineData("not json", "not a JSON document")]
    [InlineData("[]", "$: the report must be a JSON object")]
    [InlineData("{\"schemaVersion\": \"2.0\"}", "$.schemaVersion: '2.0' is not supported")]
    [InlineData("{\"schemaVersion\": \"1.0\"}", "$.tool: expected an object")]
    public void Read_Malformed_ThrowsFormatException_WithThePath(string json, string message)
    {
        var ex = Assert.Throws<FormatException>(() => Read(json));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadFindingField_NamesTheFinding()
    {
        var json = SampleResults.Render(new JsonReporter(), HostileSamples.Golden()).Replace("\"severity\": \"critical\"", "\"severity\": \"apocalyptic\"", StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => Read(json));
        Assert.Contains("$.findings[0].severity: 'apocalyptic' is not a severity", ex.Message, StringComparison.Ordinal);
        var noLine = SampleResults.Render(new JsonReporter(), HostileSamples.Golden()).Replace("\"startLine\": 12", "\"startLine\": \"12\"", StringComparison.Ordinal);
        Assert.Contains("$.findings[0].location.startLine", Assert.Throws<FormatException>(() => Read(noLine)).Message, StringComparison.Ordinal);
    }
}
