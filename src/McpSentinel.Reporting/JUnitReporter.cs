using System.Globalization;
using System.Text;
using System.Xml;
using McpSentinel.Core.Model;
using McpSentinel.Reporting.Formatting;

namespace McpSentinel.Reporting;

/// <summary>JUnit XML for CI test tabs: one test suite per file, one test case per rule and file, one
/// <c>&lt;failure&gt;</c> per finding; a first suite, <c>mcp-sentinel</c>, holds one case that errors when the
/// scan was incomplete (the diagnostics are its text).</summary>
public sealed class JUnitReporter : IReporter
{
    public string Format => "junit";
    public string Extension => ".junit.xml";

    public void Write(ScanResult result, Stream output)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n", CheckCharacters = true };
        using var xml = XmlWriter.Create(output, settings);
        var files = result.Findings.GroupBy(RuleTable.FileOf).ToList();
        double seconds = result.DurationMs / 1000.0;

        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "mcp-sentinel");
        xml.WriteAttributeString("tests", Count(1 + files.Sum(g => g.Select(f => f.RuleId).Distinct().Count())));
        xml.WriteAttributeString("failures", Count(result.Findings.Count));
        xml.WriteAttributeString("errors", Count(result.Incomplete ? 1 : 0));
        xml.WriteAttributeString("time", seconds.ToString("0.###", CultureInfo.InvariantCulture));

        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", "mcp-sentinel");
        xml.WriteAttributeString("tests", "1");
        xml.WriteAttributeString("failures", "0");
        xml.WriteAttributeString("errors", Count(result.Incomplete ? 1 : 0));
        xml.WriteAttributeString("time", seconds.ToString("0.###", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("timestamp", result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteStartElement("properties");
        Property(xml, "target", result.Target);
        Property(xml, "version", result.ToolVersion);
        Property(xml, "riskScore", Count(result.Summary.RiskScore));
        Property(xml, "verdict", Verdict.Word(Verdict.Of(result)));
        xml.WriteEndElement();
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", "mcp-sentinel");
        xml.WriteAttributeString("name", "scan completed");
        if (result.Incomplete)
        {
            xml.WriteStartElement("error");
            xml.WriteAttributeString("type", "incomplete-scan");
            xml.WriteAttributeString("message", "the scan was incomplete");
            xml.WriteString(CellText.XmlSafe(string.Join("\n", result.Diagnostics.Where(d => d.Incomplete).Select(d => d.Path + ": " + d.Message))));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();

        foreach (var file in files)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", CellText.XmlSafe(file.Key));
            xml.WriteAttributeString("tests", Count(file.Select(f => f.RuleId).Distinct().Count()));
            xml.WriteAttributeString("failures", Count(file.Count()));
            xml.WriteAttributeString("errors", "0");
            foreach (var rule in file.GroupBy(f => f.RuleId))
            {
                var first = rule.First();
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("classname", CellText.XmlSafe(file.Key));
                xml.WriteAttributeString("name", CellText.XmlSafe($"{rule.Key}: {first.Title}"));
                foreach (var f in rule)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("type", f.Severity.ToWord());
                    xml.WriteAttributeString("message", CellText.XmlSafe($"{RuleTable.Where(f)}: {f.Message}"));
                    xml.WriteString(CellText.XmlSafe(
                        $"{f.Severity.ToWord()} · {f.Category} · confidence {f.Confidence.ToWord()} · {f.Engine}\n" +
                        $"location: {RuleTable.Where(f)}\n" +
                        $"evidence: {f.Evidence}\n" +
                        $"remediation: {f.Remediation}\n" +
                        (f.Cwe.Count > 0 ? $"cwe: {string.Join(", ", f.Cwe)}\n" : "") +
                        $"fingerprint: {f.Fingerprint}"));
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", CellText.XmlSafe(value));
        xml.WriteEndElement();
    }
}
