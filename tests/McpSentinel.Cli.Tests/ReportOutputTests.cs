using System.IO.Compression;
using System.Text;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Cli.Tests;

/// <summary><c>--output-dir</c>, the new formats through the CLI, and <c>report --from</c>.</summary>
public sealed class ReportOutputTests
{
    private const string Vulnerable = "import subprocess\ndef run(cmd):\n    subprocess.run(cmd, shell=True)\n";

    private static readonly string[] StandardNames =
    [
        "mcp-sentinel.txt", "mcp-sentinel.json", "mcp-sentinel.sarif", "mcp-sentinel.html", "mcp-sentinel.pdf",
        "mcp-sentinel.xlsx", "mcp-sentinel.md", "mcp-sentinel.junit.xml", "mcp-sentinel.csv",
    ];

    [Fact]
    public void OutputDir_WithoutFormats_WritesEveryFormat_UnderStandardNames()
    {
        using var tree = new TempTree().WithFile("bad.py", Vulnerable);
        var run = CliRunner.Invoke(tree.Root, "scan", "bad.py", "--output-dir", "reports");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(StandardNames.Order(StringComparer.Ordinal), Directory.GetFiles(tree.PathOf("reports")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(StandardNames, n => Assert.True(new FileInfo(tree.PathOf("reports/" + n)).Length > 100, n));
        Assert.StartsWith("%PDF-", File.ReadAllText(tree.PathOf("reports/mcp-sentinel.pdf"), Encoding.Latin1), StringComparison.Ordinal);
    }

    [Fact]
    public void OutputDir_WithFormats_WritesOnlyThose_AndExplicitOutputsStayWhereGiven()
    {
        using var tree = new TempTree().WithFile("bad.py", Vulnerable);
        var run = CliRunner.Invoke(tree.Root, "scan", "bad.py", "-f", "html", "-o", "mine.html", "-f", "markdown,csv", "--output-dir", "out");
        Assert.Equal(1, run.ExitCode);
        Assert.True(File.Exists(tree.PathOf("mine.html")));
        Assert.Equal(["mcp-sentinel.csv", "mcp-sentinel.md"], Directory.GetFiles(tree.PathOf("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("r.html", "<!DOCTYPE html>")]
    [InlineData("r.md", "## ❌ MCP Sentinel: NO-GO")]
    [InlineData("r.junit.xml", "<testsuites")]
    [InlineData("r.csv", "fingerprint,ruleId,")]
    public void Output_FormatFromExtension(string file, string start)
    {
        using var tree = new TempTree().WithFile("bad.py", Vulnerable);
        var run = CliRunner.Invoke(tree.Root, "scan", "bad.py", "-o", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(start, File.ReadAllText(tree.PathOf(file)), StringComparison.Ordinal);
    }

    [Fact]
    public void SameFileForTwoFormats_IsAUsageError()
    {
        using var tree = new TempTree().WithFile("bad.py", Vulnerable);
        var run = CliRunner.Invoke(tree.Root, "scan", "bad.py", "-f", "html", "-o", "x.out", "-f", "csv", "-o", "x.out");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("more than one format", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_FromSavedJson_RendersOtherFormats_WithoutScanning()
    {
        using var tree = new TempTree().WithFile("bad.py", Vulnerable);
        Assert.Equal(1, CliRunner.Invoke(tree.Root, "scan", "bad.py", "-o", "scan.json").ExitCode);
        File.Delete(tree.PathOf("bad.py")); // nothing left to scan: the report comes from the JSON alone

        var md = CliRunner.Invoke(tree.Root, "report", "--from", "scan.json", "-f", "markdown");
        Assert.Equal(0, md.ExitCode);
        Assert.Contains("NO-GO", md.Out, StringComparison.Ordinal);
        Assert.Contains("bad.py", md.Out, StringComparison.Ordinal);

        var many = CliRunner.Invoke(tree.Root, "report", "--from", "scan.json", "-f", "html,xlsx,json", "--output-dir", "again");
        Assert.Equal(0, many.ExitCode);
        Assert.Contains("bad.py", File.ReadAllText(tree.PathOf("again/mcp-sentinel.html")), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(tree.PathOf("scan.json")), File.ReadAllText(tree.PathOf("again/mcp-sentinel.json")));
        using var zip = ZipFile.OpenRead(tree.PathOf("again/mcp-sentinel.xlsx"));
        Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
    }

    [Theory]
    [InlineData("{\"schemaVersion\": \"1.0\"}", "$.tool: expected an object")]
    [InlineData("<html>", "not a JSON document")]
    public void Report_FromMalformedJson_IsAUsageError(string content, string message)
    {
        using var tree = new TempTree().WithFile("scan.json", content);
        var run = CliRunner.Invoke(tree.Root, "report", "--from", "scan.json", "-f", "html", "-o", "r.html");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(tree.PathOf("r.html")));
    }

    [Fact]
    public void Report_WithoutFrom_IsAUsageError()
    {
        using var tree = new TempTree();
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "report", "-f", "html").ExitCode);
        Assert.Equal(2, CliRunner.Invoke(tree.Root, "report", "--from", "missing.json").ExitCode);
    }
}
