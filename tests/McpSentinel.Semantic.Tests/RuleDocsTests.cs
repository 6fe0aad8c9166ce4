using McpSentinel.Core.Model;
using McpSentinel.Semantic.Taint;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Semantic.Tests;

public sealed class RuleDocsTests
{
    [Fact]
    public void TaintRules_EachHasAHandWrittenDocPage_AndNoPageLacksARule()
    {
        foreach (var rule in TaintRules.All)
        {
            var path = RepoPaths.Of($"docs/rules/{rule.Id}.md");
            Assert.True(File.Exists(path), $"missing {path}");
            var text = File.ReadAllText(path);
            Assert.Contains(rule.Id, text, StringComparison.Ordinal);
            Assert.Contains(rule.Category, text, StringComparison.Ordinal);
            Assert.True(Categories.IsKnown(rule.Category));
        }
        var pages = Directory.EnumerateFiles(RepoPaths.Of("docs/rules"), "MCP-TAINT-*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.All(pages, id => Assert.Contains(TaintRules.All, r => r.Id == id));
        Assert.Equal(TaintRules.All.Count, TaintRules.All.Select(r => r.Id).Distinct().Count());
    }
}
