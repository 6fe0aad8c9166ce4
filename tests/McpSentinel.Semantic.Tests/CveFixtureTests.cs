using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Semantic.Tests;

/// <summary>Real MCP-server vulnerabilities with public fixes, reduced to their handler shape
/// (tests/Fixtures/semantic/{vulnerable,safe}/typescript/cve, each file citing its advisory): the vulnerable shape is
/// flagged in the advisory's category, the fixed shape is quiet.</summary>
public sealed class CveFixtureTests
{
    private static FileAnalysis Analyze(string relative)
    {
        var text = File.ReadAllText(RepoPaths.Of("tests/Fixtures/semantic/" + relative));
        return new SemanticEngine().Analyze(new SourceFile(relative, Language.TypeScript, text), CancellationToken.None);
    }

    [Theory]
    [InlineData("cve-2025-53107-git-mcp-server", Categories.CommandInjection, 17)]
    [InlineData("cve-2025-53355-mcp-server-kubernetes", Categories.CommandInjection, 14)]
    [InlineData("cve-2025-53110-server-filesystem", Categories.PathTraversal, 29)]
    public void Analyze_VulnerableCommit_FlaggedInTheAdvisoryCategory_FixedCommitQuiet(string name, string category, int line)
    {
        var vulnerable = Analyze($"vulnerable/typescript/cve/{name}.ts");
        var finding = Assert.Single(vulnerable.Findings, f => f.Category == category);
        Assert.Equal(line, finding.Location.StartLine);
        Assert.NotNull(finding.Trace);

        var fixedShape = Analyze($"safe/typescript/cve/{name}-fixed.ts");
        Assert.Empty(fixedShape.Findings);
        // the fixed sink was judged safe, so a static regex on it is silenced too
        Assert.Contains(fixedShape.JudgedSinks, j => j.Category == category);
    }
}
