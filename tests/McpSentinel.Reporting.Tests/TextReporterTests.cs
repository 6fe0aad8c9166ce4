using McpSentinel.Core.Model;
using Xunit;

namespace McpSentinel.Reporting.Tests;

public sealed class TextReporterTests
{
    [Fact]
    public void Write_Plain_GroupsByFile_WithoutAnsi()
    {
        var result = SampleResults.Create(
            SampleResults.Finding("MCP-CMD-001", Severity.Critical, "src/a.py", 3, "subprocess.run([red]x[/], shell=True)"),
            SampleResults.Finding("MCP-CMD-002", Severity.Low, "src/b.py", 9, "os.system(y)"));
        var text = SampleResults.Render(new TextReporter(color: false), result);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
        Assert.Contains("src/a.py", text, StringComparison.Ordinal);
        Assert.Contains("3:5", text, StringComparison.Ordinal);
        Assert.Contains("CRITICAL", text, StringComparison.Ordinal);
        Assert.Contains("subprocess.run([red]x[/], shell=True)", text, StringComparison.Ordinal); // markup in evidence is shown literally
        Assert.Contains("Risk score", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("src/a.py", StringComparison.Ordinal) < text.IndexOf("src/b.py", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_Color_UsesAnsi()
    {
        var result = SampleResults.Create(SampleResults.Finding("MCP-CMD-001", Severity.Critical, "a.py", 3, "x"));
        Assert.Contains("\u001b[", SampleResults.Render(new TextReporter(color: true), result), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NoFindings_SaysSo_AndFlagsIncompleteScans()
    {
        var clean = SampleResults.Create();
        Assert.Contains("No findings.", SampleResults.Render(new TextReporter(), clean), StringComparison.Ordinal);
        var incomplete = clean with { Diagnostics = [new ScanDiagnostic("x.py", "cannot read file", true)] };
        var text = SampleResults.Render(new TextReporter(), incomplete);
        Assert.Contains("incomplete", text, StringComparison.Ordinal);
        Assert.DoesNotContain("No findings.", text, StringComparison.Ordinal);
    }
}
