using System.IO.Compression;
using System.Text;
using McpSentinel.Core.Model;
using MiniExcelLibs;
using Xunit;

namespace McpSentinel.Reporting.Tests;

public sealed class BinaryFormatTests
{
    private static byte[] Bytes(IReporter reporter, ScanResult result)
    {
        using var stream = new MemoryStream();
        reporter.Write(result, stream);
        return stream.ToArray();
    }

    [Fact]
    public void Xlsx_HasThreeSheets_FindingsWithEveryField_FrozenHeaderAndAutoFilter()
    {
        var result = HostileSamples.Golden();
        var bytes = Bytes(new XlsxReporter(), result);
        using var stream = new MemoryStream(bytes);
        Assert.Equal(["Summary", "Findings", "Rules"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var rows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Findings").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(result.Findings.Count, rows.Count);
        foreach (var column in new[] { "fingerprint", "ruleId", "title", "category", "severity", "confidence", "engine", "message", "remediation", "path", "startLine", "startColumn", "endLine", "endColumn", "logicalPath", "evidence", "cwe", "owasp", "mitre", "references", "trace" })
        {
            Assert.True(rows[0].ContainsKey(column), "missing column " + column);
        }
        var cmd = rows.Single(r => (string?)r["ruleId"] == "MCP-CMD-001");
        Assert.Equal("server.py", cmd["path"]);
        Assert.Equal(12d, Convert.ToDouble(cmd["startLine"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("sink: shell", (string?)cmd["trace"], StringComparison.Ordinal);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var sheetXml = SheetXml(zip, "Findings");
        Assert.Contains("<x:pane", sheetXml, StringComparison.Ordinal);
        Assert.Contains("ySplit=\"1\"", sheetXml, StringComparison.Ordinal);
        Assert.Contains("<x:autoFilter", sheetXml, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_NeutralisesFormulas_AndWritesNoFormulaCell()
    {
        var bytes = Bytes(new XlsxReporter(), SampleResults.Create(HostileSamples.Adversarial()));
        using var stream = new MemoryStream(bytes);
        var row = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Findings").Cast<IDictionary<string, object?>>().Single();
        Assert.Equal("'" + HostileSamples.Formula, row["title"]);
        Assert.Equal("'+SUM(1,2) @cmd -2+3", row["remediation"]);
        Assert.StartsWith(HostileSamples.ScriptBreakout, (string?)row["evidence"], StringComparison.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            var xml = reader.ReadToEnd();
            Assert.DoesNotContain("<x:f>", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
        }
    }

    private static string SheetXml(ZipArchive zip, string sheet)
    {
        using var wbReader = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open());
        var workbook = wbReader.ReadToEnd();
        int index = workbook.IndexOf($"name=\"{sheet}\"", StringComparison.Ordinal);
        Assert.True(index >= 0, "sheet not in workbook: " + sheet);
        var sheets = System.Text.RegularExpressions.Regex.Matches(workbook, "<x:sheet [^>]*name=\"([^\"]+)\"", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(5)).Select(m => m.Groups[1].Value).ToList();
        int n = sheets.IndexOf(sheet) + 1;
        using var reader = new StreamReader(zip.GetEntry($"xl/worksheets/sheet{n}.xml")!.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public void Pdf_IsAPdf_WithEmbeddedDejaVuFonts()
    {
        var bytes = Bytes(new PdfReporter(), HostileSamples.Golden());
        var text = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
        Assert.Contains("/FontFile2", text, StringComparison.Ordinal); // TrueType program embedded
        Assert.Contains("+DejaVu#20Sans/", text, StringComparison.Ordinal);
        Assert.Contains("+DejaVu#20Sans#20Mono/", text, StringComparison.Ordinal);
        Assert.Contains("/ToUnicode", text, StringComparison.Ordinal); // text is extractable (selectable)
        Assert.EndsWith("%%EOF", text.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_EmptyResult_StillRenders()
    {
        var bytes = Bytes(new PdfReporter(), SampleResults.Create());
        Assert.True(bytes.Length > 1000);
    }
}
