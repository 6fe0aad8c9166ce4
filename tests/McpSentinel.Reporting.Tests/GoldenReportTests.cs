using Xunit;

namespace McpSentinel.Reporting.Tests;

/// <summary>The text formats against golden files (tests/Fixtures/golden); MCP_SENTINEL_UPDATE_GOLDEN=1 rewrites them.</summary>
public sealed class GoldenReportTests
{
    [Theory]
    [InlineData("markdown", "report.md")]
    [InlineData("csv", "report.csv")]
    [InlineData("junit", "report.junit.xml")]
    [InlineData("json", "report.json")]
    public void Render_GoldenSample_MatchesGoldenFile(string format, string golden)
    {
        var text = SampleResults.Render(ReporterCatalog.Create(format), HostileSamples.Golden());
        GoldenFiles.AssertMatches(golden, text);
    }

    [Fact]
    public void Normalise_HidesVolatileFields_Only()
    {
        var a = GoldenFiles.Normalise("\"version\": \"0.1.0\",\n\"startedAt\": \"2026-11-25T10:00:00.000Z\",\n\"durationMs\": 42,\nmcp-sentinel 0.1.0+abc\nline 12");
        Assert.Equal("\"version\": \"<VERSION>\",\n\"startedAt\": \"<TIMESTAMP>\",\n\"durationMs\": <DURATION>,\nmcp-sentinel <VERSION>\nline 12", a);
    }
}
