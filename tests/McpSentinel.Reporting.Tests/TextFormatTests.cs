using System.Xml.Linq;
using McpSentinel.Core.Model;
using Xunit;

namespace McpSentinel.Reporting.Tests;

public sealed class TextFormatTests
{
    [Fact]
    public void Csv_IsRfc4180_WithEveryContractField_OneRowPerFinding()
    {
        var result = HostileSamples.Golden();
        var rows = Csv.Parse(SampleResults.Render(new CsvReporter(), result));
        Assert.Equal(CsvReporter.Columns, rows[0]);
        Assert.Equal(result.Findings.Count + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(CsvReporter.Columns.Count, r.Count));
        var cmd = rows.Single(r => r[1] == "MCP-CMD-001");
        Assert.Equal("server.py", cmd[7]);
        Assert.Equal("12", cmd[8]);
        Assert.Equal("critical", cmd[4]);
        Assert.Equal("subprocess.run(cmd, shell=True)", cmd[14]);
        var surface = rows.Single(r => r[1] == "MCP-TP-001");
        Assert.Equal("server:demo/tool:run/description", surface[12]);
    }

    [Fact]
    public void Csv_NeutralisesFormulas_ButKeepsTheText()
    {
        var rows = Csv.Parse(SampleResults.Render(new CsvReporter(), SampleResults.Create(HostileSamples.Adversarial())));
        var f = rows[1];
        Assert.All(f, cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', "formula-like cell: " + cell));
        Assert.Equal("'" + HostileSamples.Formula, f[2]);
        Assert.Equal("'+SUM(1,2) @cmd -2+3", f[15]);
        Assert.StartsWith(HostileSamples.ScriptBreakout, f[14], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("a=1", "a=1")]
    [InlineData(" =1", " =1")]
    [InlineData("", "")]
    public void Neutralise_PrefixesOnlyFormulaStarts(string input, string expected) =>
        Assert.Equal(expected, Formatting.CellText.Neutralise(input));

    [Fact]
    public void JUnit_OneCasePerRuleAndFile_OneFailurePerFinding()
    {
        var same = SampleResults.Finding("MCP-CMD-001", Severity.High, "a.py", 3, "x");
        var result = SampleResults.Create(same, same with { Location = same.Location with { StartLine = 9 } }, SampleResults.Finding("MCP-CMD-002", Severity.Low, "a.py", 4, "y"), SampleResults.Finding("MCP-CMD-001", Severity.High, "b.py", 1, "z"));
        var doc = XDocument.Parse(SampleResults.Render(new JUnitReporter(), result));
        var suites = doc.Root!.Elements("testsuite").ToList();
        Assert.Equal(["mcp-sentinel", "a.py", "b.py"], suites.Select(s => (string)s.Attribute("name")!));
        var aCases = suites[1].Elements("testcase").ToList();
        Assert.Equal(2, aCases.Count);
        Assert.Equal(2, aCases[0].Elements("failure").Count());
        Assert.Equal("4", (string)doc.Root.Attribute("failures")!);
        Assert.Equal("4", (string)doc.Root.Attribute("tests")!);
        Assert.Empty(suites[0].Descendants("error"));
    }

    [Fact]
    public void JUnit_IncompleteScan_IsAnError_AndHostileTextStaysText()
    {
        var doc = XDocument.Parse(SampleResults.Render(new JUnitReporter(), HostileSamples.Golden()));
        var error = doc.Root!.Element("testsuite")!.Element("testcase")!.Element("error");
        Assert.NotNull(error);
        Assert.Contains("locked.py", error.Value, StringComparison.Ordinal);
        var failure = doc.Descendants("failure").Single(f => f.Value.Contains("fp-hostile", StringComparison.Ordinal));
        Assert.Contains(HostileSamples.ScriptBreakout, failure.Value, StringComparison.Ordinal); // text content, parsed back literally
        Assert.Contains("\uFFFD", failure.Value, StringComparison.Ordinal); // NUL and BEL could not be carried by XML
    }

    [Fact]
    public void Markdown_HasVerdictCountsAndOneDetailsPerFile()
    {
        var md = new MarkdownReporter().Render(HostileSamples.Golden());
        Assert.StartsWith("## ❌ MCP Sentinel: NO-GO", md, StringComparison.Ordinal);
        Assert.Contains("| **", md, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(md, "<details>"));
        Assert.Equal(CountOf(md, "<details>"), CountOf(md, "</details>"));
        Assert.Contains("locked.py", md, StringComparison.Ordinal);
        // worst file first
        Assert.True(md.IndexOf("server.py", StringComparison.Ordinal) < md.IndexOf("settings.py", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_StaysUnderTheLimit_AndSaysWhatWasCut()
    {
        var findings = Enumerable.Range(1, 3000).Select(i => SampleResults.Finding("MCP-CMD-001", i % 7 == 0 ? Severity.High : Severity.Low, $"src/file{i:D4}.py", i, new string('x', 150))).ToArray();
        var md = new MarkdownReporter().Render(SampleResults.Create(findings));
        Assert.True(md.Length < MarkdownReporter.MaxLength, $"{md.Length} characters");
        Assert.Contains("Cut to fit 65,536 characters", md, StringComparison.Ordinal);
        var shown = CountOf(md, "<details>");
        Assert.InRange(shown, 10, 2999);
        Assert.Contains($"in {3000 - shown} more file(s)", md, StringComparison.Ordinal);
        // the high-severity files are kept before the low ones
        Assert.Contains("src/file0007.py", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_Escape_LeavesNoMarkupOrTemplateSyntax()
    {
        var escaped = MarkdownReporter.Escape(HostileSamples.ScriptBreakout + HostileSamples.Template + "[x](javascript:y) `code` *a* _b_ | c\nd");
        foreach (var bad in new[] { "<", ">", "{{", "[", "]", "(", "`", "*", "_", "|", "\n", "javascript:" })
        {
            Assert.DoesNotContain(bad, escaped, StringComparison.Ordinal);
        }
        Assert.Contains("&lt;/script&gt;", escaped, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string what)
    {
        int n = 0, at = 0;
        while ((at = text.IndexOf(what, at, StringComparison.Ordinal)) >= 0) { n++; at += what.Length; }
        return n;
    }
}
