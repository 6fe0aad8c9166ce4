using McpSentinel.Storage;
using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;
using Xunit;

namespace McpSentinel.Server.Tests;

/// <summary>Finding writes are insert-if-absent by (scan, fingerprint): a retried job stores each finding once.</summary>
[Trait("Category", "Integration")]
public sealed class FindingStoreTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AddFindings_WrittenTwiceAndConcurrently_StoredOnce(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var factory = new SentinelDbFactory(db.Target);
        await factory.MigrateAsync(CancellationToken.None);
        var store = new ScanStore(factory, TimeProvider.System);
        var project = await store.GetOrCreateProjectAsync("p", CancellationToken.None);
        var scan = new ScanEntity { Id = Guid.NewGuid(), ProjectId = project.Id, Status = ScanStatus.Running, SourceKind = SourceKinds.Path, CreatedAt = DateTimeOffset.UtcNow };
        await store.AddScanAsync(scan, CancellationToken.None);
        var findings = Enumerable.Range(0, 300).Select(i => Finding(scan, "fp" + i)).ToList();

        Assert.Equal(100, await store.AddFindingsAsync(scan.Id, findings.Take(100).ToList(), CancellationToken.None)); // a first attempt died after 100
        var concurrent = await Task.WhenAll(
            store.AddFindingsAsync(scan.Id, findings, CancellationToken.None),
            store.AddFindingsAsync(scan.Id, findings, CancellationToken.None));
        Assert.Equal(200, concurrent.Sum());
        Assert.Equal(0, await store.AddFindingsAsync(scan.Id, findings, CancellationToken.None));
        Assert.Equal(300, await store.CountFindingsAsync(scan.Id, CancellationToken.None));
        Assert.Equal("p", (await store.GetOrCreateProjectAsync("p", CancellationToken.None)).Name);
        Assert.Single(await store.ListProjectsAsync(CancellationToken.None));
    }

    private static FindingEntity Finding(ScanEntity scan, string fingerprint) => new()
    {
        ScanId = scan.Id, ProjectId = scan.ProjectId, Fingerprint = fingerprint, RuleId = "MCP-X", Title = "t", Category = "other",
        Severity = 3, Confidence = "high", Engine = "static", Message = "m", Path = "a.py", StartLine = 1, EndLine = 1, Evidence = "e",
    };
}
