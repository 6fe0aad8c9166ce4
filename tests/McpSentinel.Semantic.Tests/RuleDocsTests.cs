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
        foreach (var rule in TaintRules.All.Concat(McpRules.All))
        {
            var path = RepoPaths.Of($"docs/rules/{rule.Id}.md");
            Assert.True(File.Exists(path), $"missing {path}");
            var text = File.ReadAllText(path);
            Assert.Contains(rule.Id, text, StringComparison.Ordinal);
            Assert.Contains(rule.Category, text, StringComparison.Ordinal);
            Assert.True(Categories.IsKnown(rule.Category));
        }
        var all = TaintRules.All.Concat(McpRules.All).ToList();
        var pages = Directory.EnumerateFiles(RepoPaths.Of("docs/rules"), "MCP-TAINT-*.md")
            .Concat(Directory.EnumerateFiles(RepoPaths.Of("docs/rules"), "MCP-SEM-*.md")).Select(Path.GetFileNameWithoutExtension);
        Assert.All(pages, id => Assert.Contains(all, r => r.Id == id));
        Assert.Equal(all.Count, all.Select(r => r.Id).Distinct().Count());
    }
}
