using System.IO.Compression;
using McpSentinel.Core.Intel;
using McpSentinel.Core.Intel.Versioning;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Core.Tests.Intel;

public sealed class OsvImportTests
{
    internal const string GhsaRecord = """
        {
          "schema_version": "1.6.0",
          "id": "GHSA-test-0001-aaaa",
          "aliases": ["CVE-2099-0001"],
          "summary": "Test command injection in left-pad-mcp",
          "modified": "2026-01-02T00:00:00Z",
          "published": "2026-01-01T00:00:00Z",
          "severity": [{ "type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }],
          "affected": [{
            "package": { "ecosystem": "npm", "name": "left-pad-mcp" },
            "ranges": [
              { "type": "SEMVER", "events": [ { "introduced": "1.0.0" }, { "fixed": "1.2.0" }, { "introduced": "2.0.0" }, { "last_affected": "2.0.3" } ] },
              { "type": "GIT", "repo": "https://example.invalid/x", "events": [ { "introduced": "0" }, { "fixed": "abcdef" } ] }
            ]
          }, {
            "package": { "ecosystem": "crates.io", "name": "ignored" },
            "ranges": [ { "type": "SEMVER", "events": [ { "introduced": "0" } ] } ]
          }],
          "database_specific": { "severity": "HIGH", "cwe_ids": ["CWE-78"] },
          "references": [{ "type": "ADVISORY", "url": "https://example.invalid/advisory" }]
        }
        """;

    internal const string MalRecord = """
        { "id": "MAL-2099-7", "summary": "Malicious code in evil-mcp (PyPI)", "modified": "2026-01-01T00:00:00Z",
          "affected": [{ "package": { "ecosystem": "PyPI", "name": "Evil_MCP" }, "versions": ["0.1", "0.2"] }] }
        """;

    [Fact]
    public void Read_GhsaRecord_PairsEvents_AndSkipsGitRangesAndOtherEcosystems()
    {
        var a = Assert.Single(OsvReader.Read(GhsaRecord, "test"));
        Assert.Equal("npm", a.Ecosystem);
        Assert.Equal("left-pad-mcp", a.Package);
        Assert.Equal("high", a.Severity);
        Assert.Equal("CVE-2099-0001", a.DisplayId);
        Assert.Equal(["CWE-78"], a.Cwe);
        Assert.Equal(2, a.Ranges.Count);
        var s = NpmScheme.Instance;
        Assert.True(a.Affects(s, "1.1.9"));
        Assert.False(a.Affects(s, "1.2.0"));
        Assert.False(a.Affects(s, "0.9.0"));
        Assert.True(a.Affects(s, "2.0.3"));
        Assert.False(a.Affects(s, "2.0.4"));
        Assert.Equal("1.2.0", a.FixedAbove(s, "1.1.0"));
        Assert.Null(a.FixedAbove(s, "2.0.1"));
    }

    [Fact]
    public void Read_MalRecord_IsMalicious_WithExplicitVersions()
    {
        var a = Assert.Single(OsvReader.Read(MalRecord, "test"));
        Assert.True(a.IsMalicious);
        Assert.Equal("critical", a.Severity);
        Assert.True(a.Affects(Pep440Scheme.Instance, "0.2"));
        Assert.True(a.Affects(Pep440Scheme.Instance, "0.2.0"));
        Assert.False(a.Affects(Pep440Scheme.Instance, "0.3"));
        Assert.Single(new AdvisoryDatabase([a]).For(Ecosystems.PyPI, "evil-mcp"));
    }

    [Fact]
    public void Read_WithdrawnRecord_IsSkipped() =>
        Assert.Empty(OsvReader.Read(GhsaRecord.Replace("\"schema_version\"", "\"withdrawn\": \"2026-01-03T00:00:00Z\", \"schema_version\""), "test"));

    [Fact]
    public void Import_Zip_MergesIntoStore_RejectsMalformed_AndReportsStatus()
    {
        using var tree = new TempTree();
        var zipPath = tree.PathOf("npm-all.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            Write(zip, "GHSA-test-0001-aaaa.json", GhsaRecord);
            Write(zip, "MAL-2099-7.json", MalRecord);
            Write(zip, "broken.json", "{ this is not json");
            Write(zip, "README.txt", "not an advisory");
        }
        var store = new IntelStore(tree.PathOf("data"));
        var now = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var result = store.Import(zipPath, now);
        Assert.Equal(3, result.FilesRead);
        Assert.Equal(1, result.FilesRejected);
        Assert.Equal(2, result.AdvisoriesImported);
        Assert.Contains(result.Problems, p => p.Contains("broken.json", StringComparison.Ordinal));

        // importing again replaces, it does not duplicate
        var again = store.Import(zipPath, now.AddDays(1));
        Assert.Equal(2, again.TotalImported);

        var db = AdvisoryDatabase.Load(store, out var problems);
        Assert.Empty(problems);
        Assert.Equal(2, db.ImportedCount);
        Assert.Equal(AdvisoryDatabase.BundledAdvisories.Count + 2, db.All.Count);
        Assert.NotEmpty(db.For(Ecosystems.Npm, "left-pad-mcp"));

        var status = store.ReadStatus();
        Assert.Equal(now.AddDays(1), status.LastImport);
        Assert.Single(status.Sources);
    }

    [Fact]
    public void Load_CorruptStoreLine_IsAProblem_NotACrash()
    {
        using var tree = new TempTree();
        var store = new IntelStore(tree.Root);
        Directory.CreateDirectory(store.IntelDirectory);
        File.WriteAllText(store.ImportedPath, "{ not json\n");
        var db = AdvisoryDatabase.Load(store, out var problems);
        Assert.Single(problems);
        Assert.Equal(AdvisoryDatabase.BundledAdvisories.Count, db.All.Count);
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(content);
    }
}
