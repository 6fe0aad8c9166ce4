using McpSentinel.Core.Model;
using McpSentinel.Core.Text;
using Xunit;

namespace McpSentinel.Core.Tests;

public sealed class CommentMapTests
{
    private static bool InComment(string text, Language language, string marker) =>
        CommentMap.Build(text, language).IsCommentOrDocstring(text.IndexOf(marker, StringComparison.Ordinal));

    [Theory]
    [InlineData("x = 1  # HERE", true)]
    [InlineData("x = '# HERE'", false)]
    [InlineData("def f():\n    \"\"\"HERE docstring\"\"\"\n    pass", true)]
    [InlineData("q = \"\"\"HERE not a docstring\"\"\"", false)]
    [InlineData("s = 'it''s' ; HERE()", false)]
    [InlineData("r'\\' ; HERE()", false)]
    public void Python_CommentsAndDocstrings(string text, bool expected) =>
        Assert.Equal(expected, InComment(text, Language.Python, "HERE"));

    [Theory]
    [InlineData("a(); // HERE", true)]
    [InlineData("a(); /* HERE */ b()", true)]
    [InlineData("const u = 'http://x' ; HERE()", false)]
    [InlineData("const t = `// ${x}` ; HERE()", false)]
    [InlineData("const r = /\\/\\/x/ ; HERE()", false)]
    [InlineData("const n = a / b; // HERE", true)]
    public void JavaScript_CommentsStringsTemplatesRegexes(string text, bool expected) =>
        Assert.Equal(expected, InComment(text, Language.JavaScript, "HERE"));

    [Theory]
    [InlineData("x := `// raw` ; HERE()", false)]
    [InlineData("// HERE", true)]
    public void Go_RawStrings(string text, bool expected) =>
        Assert.Equal(expected, InComment(text, Language.Go, "HERE"));

    [Theory]
    [InlineData("var s = @\"c:\\path\\\"; HERE();", false)]
    [InlineData("var s = \"\"\"\n // not a comment\n \"\"\"; HERE();", false)]
    [InlineData("Run(); // HERE", true)]
    [InlineData("/* a\n HERE */", true)]
    public void CSharp_VerbatimAndRawStrings(string text, bool expected) =>
        Assert.Equal(expected, InComment(text, Language.CSharp, "HERE"));

    [Theory]
    [InlineData("# HERE", true)]
    [InlineData("echo \"# HERE\"", false)]
    [InlineData("url=http://x#HERE", false)]
    public void Shell_HashComments(string text, bool expected) =>
        Assert.Equal(expected, InComment(text, Language.Shell, "HERE"));
}
