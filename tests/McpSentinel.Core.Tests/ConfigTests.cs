using McpSentinel.Core.Configuration;
using McpSentinel.Core.Model;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Core.Tests;

public sealed class ConfigTests
{
    [Fact]
    public void Parse_ReadsEveryKey()
    {
        const string yaml = """
            fail-on: medium
            min-severity: low
            min-confidence: medium
            engines: [static]
            rules: [./my-rules]
            include: ["*.py"]
            exclude: [tests]
            max-file-size: 512KB
            jobs: 3
            follow-symlinks: true
            gitignore: false
            disable-rules: [MCP-CMD-001]
            severity-overrides: { MCP-SEC-001: low }
            suppressions:
              - rule: MCP-SSRF-001
                path: "internal/**"
                reason: internal-only tool
                expires: 2030-01-31
            """;
        var config = ConfigLoader.Parse(yaml, "/proj/.mcp-sentinel.yml");
        Assert.Equal(Severity.Medium, config.FailOn);
        Assert.Equal(Severity.Low, config.MinSeverity);
        Assert.Equal(Confidence.Medium, config.MinConfidence);
        Assert.Equal(["/proj/my-rules"], config.RuleDirectories);
        Assert.Equal(512 * 1024, config.MaxFileSize);
        Assert.Equal(3, config.Jobs);
        Assert.True(config.FollowSymlinks);
        Assert.False(config.Gitignore);
        Assert.Equal(Severity.Low, config.SeverityOverrides["MCP-SEC-001"]);
        var s = Assert.Single(config.Suppressions);
        Assert.Equal(new DateOnly(2030, 1, 31), s.Expires);
    }

    [Theory]
    [InlineData("fail-on: [unclosed", ":1:")]
    [InlineData("jobs: 2\nbogus-key: 1", "unknown key 'bogus-key'")]
    [InlineData("fail-on: urgent", "'fail-on'")]
    [InlineData("max-file-size: lots", "'max-file-size'")]
    [InlineData("jobs: many", ":1:")]
    public void Parse_Malformed_NamesFileLineAndReason(string yaml, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "/p/.mcp-sentinel.yml"));
        Assert.Contains("/p/.mcp-sentinel.yml", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_SearchesUpwardFromTheTarget()
    {
        using var tree = new TempTree().WithFile(".mcp-sentinel.yml", "fail-on: low\n").WithFile("a/b/c.py", "x");
        Assert.Equal(tree.PathOf(".mcp-sentinel.yml"), ConfigLoader.Find(tree.PathOf("a/b")));
    }

    [Theory]
    [InlineData("2MB", 2 * 1024 * 1024)]
    [InlineData("100", 100)]
    [InlineData("1.5k", 1536)]
    public void TryParseSize_AcceptsUnits(string text, long expected)
    {
        Assert.True(ConfigLoader.TryParseSize(text, out var bytes));
        Assert.Equal(expected, bytes);
    }
}
