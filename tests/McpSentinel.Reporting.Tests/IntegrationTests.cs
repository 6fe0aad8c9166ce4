using System.Text;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace McpSentinel.Reporting.Tests;

/// <summary>The HTML report in real headless Chromium and the PDF through poppler's pdftotext/pdftoppm.</summary>
[Trait("Category", "Integration")]
public sealed class IntegrationTests(ITestOutputHelper output)
{
    private static string WriteReport(IReporter reporter, Core.Model.ScanResult result, string name)
    {
        var path = Path.Combine(ExternalTool.ArtifactsDirectory, name);
        using (var stream = File.Create(path)) reporter.Write(result, stream);
        return path;
    }

    [Fact]
    public void Html_InChromium_RunsItsScriptWithoutConsoleErrors_AndHostileScriptNeverRuns()
    {
        var path = WriteReport(new HtmlReporter(), RealScan.VulnerableWithHostile, "report.html");
        var dom = ExternalTool.Chromium(["--virtual-time-budget=3000", "--dump-dom", new Uri(path).AbsoluteUri]);
        Assert.True(dom.ExitCode == 0, "chromium failed: " + dom.Error);
        var console = dom.Error.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
        Assert.True(console.Count == 0, "console messages:\n" + string.Join("\n", console));
        Assert.Contains("data-report=\"ready\"", dom.Out, StringComparison.Ordinal);   // the report's own script ran
        Assert.DoesNotContain("PWNED</title>", dom.Out, StringComparison.Ordinal);      // the hostile one did not
        Assert.Contains("<title>MCP Sentinel report:", dom.Out, StringComparison.Ordinal);
        Assert.Contains("finding(s) shown", dom.Out, StringComparison.Ordinal);         // filter counter initialised
        Assert.Contains("&lt;/script&gt;&lt;script&gt;document.title=", dom.Out, StringComparison.Ordinal); // shown as text

        var png = Path.Combine(ExternalTool.ArtifactsDirectory, "report.png");
        File.Delete(png);
        var shot = ExternalTool.Chromium(["--window-size=1280,2000", "--screenshot=" + png, new Uri(path).AbsoluteUri]);
        Assert.True(shot.ExitCode == 0, "chromium screenshot failed: " + shot.Error);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 10_000, "screenshot too small");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        output.WriteLine("screenshot: " + png);
    }

    [Fact]
    public void Html_PrintsToPdf_WithDetailsExpanded()
    {
        var path = WriteReport(new HtmlReporter(), RealScan.VulnerableExample, "report-print.html");
        var pdf = Path.Combine(ExternalTool.ArtifactsDirectory, "report-print.pdf");
        File.Delete(pdf);
        var run = ExternalTool.Chromium(["--no-pdf-header-footer", "--print-to-pdf=" + pdf, new Uri(path).AbsoluteUri]);
        Assert.True(run.ExitCode == 0 && File.Exists(pdf), "print failed: " + run.Error);
        var text = PdfText(pdf);
        // @media print shows every finding's remediation, though on screen only the first one is expanded
        foreach (var f in RealScan.VulnerableExample.Findings.Take(5)) Assert.Contains(f.Fingerprint, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Expand all", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_TextExtracts_WithSummaryFindingsAndRepeatedTableHeaders()
    {
        var result = RealScan.VulnerableWithHostile;
        var path = WriteReport(new PdfReporter(), result, "report.pdf");
        var text = PdfText(path);
        Assert.Contains("Security report", text, StringComparison.Ordinal);
        Assert.Contains("Executive summary", text, StringComparison.Ordinal);
        Assert.Contains("Verdict: NO-GO", text, StringComparison.Ordinal);
        Assert.Contains($"Risk score {result.Summary.RiskScore} out of 100", text, StringComparison.Ordinal);
        Assert.Contains("Top risks", text, StringComparison.Ordinal);
        Assert.Contains("Appendix: rules", text, StringComparison.Ordinal);
        foreach (var f in result.Findings) Assert.Contains(f.Fingerprint, text, StringComparison.Ordinal);
        // hostile text is just text
        Assert.Contains("</script><script>document.title='PWNED'", Regex.Replace(text, @"\s+", ""), StringComparison.Ordinal);
        Assert.Contains("{{7*7}}", text, StringComparison.Ordinal);

        // the overview table spans pages: its header row starts each of them
        var pages = text.Split('\f');
        var withHeader = pages.Count(p => Regex.IsMatch(p, @"#\s+Severity\s+Risk\s+Rule\s+Title\s+Location", RegexOptions.None, TimeSpan.FromSeconds(5)));
        Assert.True(withHeader >= 2, $"overview header on {withHeader} page(s)");
        Assert.Contains($"page 1 of {pages.Length - 1}", text, StringComparison.Ordinal);

        // a page rendered to an image for a look (left in the artifacts folder)
        var prefix = Path.Combine(ExternalTool.ArtifactsDirectory, "report-page");
        var ppm = ExternalTool.Execute("pdftoppm", ["-r", "60", "-png", "-f", "2", "-l", "2", path, prefix], TimeSpan.FromSeconds(60));
        Assert.Equal(0, ppm.ExitCode);
        Assert.NotEmpty(Directory.GetFiles(ExternalTool.ArtifactsDirectory, "report-page*.png"));
    }

    private static string PdfText(string pdf)
    {
        var run = ExternalTool.Execute("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"], TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, "pdftotext failed: " + run.Error);
        return run.Out;
    }
}
