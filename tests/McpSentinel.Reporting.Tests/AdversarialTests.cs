using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using MiniExcelLibs;
using Xunit;

namespace McpSentinel.Reporting.Tests;

/// <summary>One hostile finding (script breakout, template syntax, a DDE formula, an img tag in the path, a javascript:
/// reference, NUL) rendered in every format: nothing executes, nothing breaks the document, the text survives literally.</summary>
public sealed class AdversarialTests
{
    public static TheoryData<string> Formats() => [.. ReporterCatalog.Formats];

    [Theory]
    [MemberData(nameof(Formats))]
    public void EveryFormat_RendersTheHostileFindingInert(string format)
    {
        var result = SampleResults.Create(HostileSamples.Adversarial());
        using var stream = new MemoryStream();
        ReporterCatalog.Create(format).Write(result, stream);
        var bytes = stream.ToArray();
        Assert.NotEmpty(bytes);
        var text = Encoding.UTF8.GetString(bytes);
        switch (format)
        {
            case "html":
                Assert.Equal(1, CountOf(text, "<script"));
                Assert.DoesNotContain("<img", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("href=\"javascript", text, StringComparison.OrdinalIgnoreCase);
                break;
            case "json" or "sarif":
                Assert.DoesNotContain("<", text, StringComparison.Ordinal); // \u003c everywhere: safe to embed in HTML too
                Assert.Contains("PWNED", text, StringComparison.Ordinal);
                break;
            case "markdown":
                Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("<img", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
                Assert.DoesNotContain("](javascript", text, StringComparison.Ordinal);
                Assert.Contains("&lt;/script&gt;", text, StringComparison.Ordinal);
                break;
            case "csv":
                Assert.All(Csv.Parse(text).SelectMany(r => r), c => Assert.False(c.Length > 0 && c[0] is '=' or '+' or '-' or '@', c));
                break;
            case "junit":
                var doc = XDocument.Parse(text); // well-formed despite NUL and markup
                Assert.Contains(HostileSamples.ScriptBreakout, doc.Descendants("failure").Single().Value, StringComparison.Ordinal);
                Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
                break;
            case "text":
                Assert.Contains(HostileSamples.ScriptBreakout, text, StringComparison.Ordinal); // a terminal shows it as text
                Assert.DoesNotContain("\u0000", text, StringComparison.Ordinal);
                break;
            case "xlsx":
                using (var zip = new ZipArchive(new MemoryStream(bytes)))
                {
                    foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
                    {
                        using var reader = new StreamReader(entry.Open());
                        var xml = reader.ReadToEnd();
                        XDocument.Parse(xml);
                        Assert.DoesNotContain("<script>", xml, StringComparison.Ordinal);
                    }
                }
                var row = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: "Findings").Cast<IDictionary<string, object?>>().Single();
                Assert.All(row.Values.OfType<string>(), c => Assert.False(c.Length > 0 && c[0] is '=' or '+' or '-' or '@', c));
                break;
            case "pdf":
                // PDF has no scripting from page text; the text itself is checked with pdftotext in PdfTextTests
                Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
                Assert.DoesNotContain("/JavaScript", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
                Assert.DoesNotContain("/OpenAction", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
                break;
            default:
                Assert.Fail("no inertness check for format " + format);
                break;
        }
    }

    private static int CountOf(string text, string what)
    {
        int n = 0, at = 0;
        while ((at = text.IndexOf(what, at, StringComparison.OrdinalIgnoreCase)) >= 0) { n++; at += what.Length; }
        return n;
    }
}
