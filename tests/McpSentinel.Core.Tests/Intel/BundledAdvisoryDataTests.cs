using McpSentinel.Core.Intel;
using McpSentinel.Core.Intel.Versioning;
using McpSentinel.Core.Model;
using Xunit;

namespace McpSentinel.Core.Tests.Intel;

/// <summary>The bundled data is held to its own rules: every entry cites a checked public source, names a known
/// ecosystem, and has ranges that parse in that ecosystem's version scheme.</summary>
public sealed class BundledAdvisoryDataTests
{
    private static readonly IReadOnlyList<Advisory> Data = AdvisoryDatabase.BundledAdvisories;

    [Fact]
    public void EveryEntry_IsWellFormed_AndCitesASource()
    {
        Assert.NotEmpty(Data);
        Assert.Matches(@"^\d{4}\.\d{2}\.\d{2}$", AdvisoryDatabase.BundledVersion);
        foreach (var a in Data)
        {
            Assert.True(a.Source is not null && a.Source.StartsWith("https://", StringComparison.Ordinal), $"{a.Id}: source must be an https URL");
            Assert.Contains(a.Ecosystem, Ecosystems.All);
            Assert.True(Levels.TryParseSeverity(a.Severity, out _), $"{a.Id}: severity '{a.Severity}'");
            Assert.False(string.IsNullOrWhiteSpace(a.Summary), a.Id);
            Assert.NotEmpty(a.Ranges);
            var scheme = VersionScheme.For(a.Ecosystem)!;
            foreach (var r in a.Ranges)
            {
                Assert.True(r.Introduced is null or "0" || scheme.IsValid(r.Introduced), $"{a.Id}: introduced {r.Introduced}");
                Assert.True(r.Fixed is null || scheme.IsValid(r.Fixed), $"{a.Id}: fixed {r.Fixed}");
                Assert.NotNull(r.ToInterval(scheme));
            }
            if (a.Cvss is { Score: { } score }) Assert.InRange(score, 0.1, 10.0);
            Assert.All(a.Cwe, c => Assert.Matches(@"^CWE-\d+$", c));
            if (a.IsMalicious) Assert.Contains("CWE-506", a.Cwe);
        }
        Assert.Equal(Data.Count, Data.Select(a => (a.Id, a.Package)).Distinct().Count());
    }

    [Theory]
    [InlineData("CVE-2025-6514", "mcp-remote")]
    [InlineData("CVE-2025-53109", "@modelcontextprotocol/server-filesystem")]
    [InlineData("CVE-2025-53110", "@modelcontextprotocol/server-filesystem")]
    [InlineData("CVE-2025-49596", "@modelcontextprotocol/inspector")]
    [InlineData("CVE-2025-53355", "mcp-server-kubernetes")]
    [InlineData("CVE-2025-53107", "@cyanheads/git-mcp-server")]
    public void RequiredAdvisories_ArePresent(string cve, string package) =>
        Assert.Contains(Data, a => (a.Id == cve || a.Aliases.Contains(cve)) && a.Package == package);

    [Fact]
    public void PostmarkMcp_IsAMaliciousPackageRecord_FromTheBackdooredRelease()
    {
        var a = Assert.Single(Data, x => x.Package == "postmark-mcp");
        Assert.True(a.IsMalicious);
        Assert.True(a.Affects(NpmScheme.Instance, "1.0.16"));
        Assert.True(a.Affects(NpmScheme.Instance, "1.0.18"));
        Assert.False(a.Affects(NpmScheme.Instance, "1.0.15"));
    }

    [Fact]
    public void UnconfirmedFixedVersions_SaySo()
    {
        var a = Assert.Single(Data, x => x.Id == "GHSA-gjv4-ghm7-q58q");
        Assert.Contains("unconfirmed", a.Note ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("GHSA-q66q-fx2p-7w4m", "CVE-2025-53109", "CWE-59")]
    [InlineData("GHSA-hc55-p739-j48w", "CVE-2025-53110", "CWE-22")]
    public void FilesystemServerAdvisories_FollowTheGitHubRecord_BothVersionLines(string ghsa, string cve, string cwe)
    {
        var a = Assert.Single(Data, x => x.Id == ghsa);
        Assert.Equal([cve], a.Aliases);
        Assert.Equal([cwe], a.Cwe);
        Assert.Equal("https://github.com/advisories/" + ghsa, a.Source);
        Assert.Contains("Confirmed", a.Note ?? "", StringComparison.Ordinal);
        var s = NpmScheme.Instance;
        Assert.True(a.Affects(s, "0.6.2"));
        Assert.False(a.Affects(s, "0.6.3"));
        Assert.True(a.Affects(s, "2025.1.14"));
        Assert.True(a.Affects(s, "2025.3.28"));
        Assert.False(a.Affects(s, "2025.7.1"));
        Assert.False(a.Affects(s, "2026.8.31"));
    }

    [Fact]
    public void ExploitedMarks_AreOnlySetWithACitation()
    {
        foreach (var a in Data.Where(x => x.Exploited is not null))
        {
            Assert.StartsWith("https://", a.Exploited!.Source, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Database_LooksUpByNormalisedName()
    {
        var db = AdvisoryDatabase.LoadBundled();
        Assert.NotEmpty(db.For(Ecosystems.PyPI, "MCP"));
        Assert.NotEmpty(db.For(Ecosystems.PyPI, "FastMCP"));
        Assert.NotEmpty(db.For(Ecosystems.Npm, "MCP-Remote"));
        Assert.Empty(db.For(Ecosystems.Npm, "mcp")); // "mcp" on npm is another package than PyPI's mcp
        Assert.Empty(db.For(Ecosystems.PyPI, "mcp-remote"));
    }
}
