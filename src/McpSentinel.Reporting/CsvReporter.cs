using System.Globalization;
using System.Text;
using McpSentinel.Core.Model;
using McpSentinel.Reporting.Formatting;

namespace McpSentinel.Reporting;

/// <summary>RFC 4180 CSV, one row per reported finding (highest risk first) with every contract field, the risk score
/// and factors, and the mappings by framework. CRLF line ends; fields with a comma,
/// quote or line break are quoted; text that a spreadsheet would run as a formula gets a leading apostrophe; control
/// characters other than tab and line breaks become U+FFFD.</summary>
public sealed class CsvReporter : IReporter
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "fingerprint", "ruleId", "title", "category", "severity", "confidence", "engine", "path", "startLine", "startColumn",
        "endLine", "endColumn", "logicalPath", "message", "evidence", "remediation", "cwe", "owasp", "mitre", "references",
        "riskScore", "reachability", "exposure", "exploitation", "owaspLlm", "owaspMcp", "owaspAgentic", "attack", "atlas",
    ];

    public string Format => "csv";
    public string Extension => ".csv";

    public void Write(ScanResult result, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        WriteRow(writer, Columns);
        foreach (var f in RiskOrder.Sort(result.Findings))
        {
            var risk = f.Risk ?? RiskScore.Assess(f);
            var t = f.Taxonomy ?? new FindingTaxonomy();
            WriteRow(writer,
            [
                f.Fingerprint, f.RuleId, f.Title, f.Category, f.Severity.ToWord(), f.Confidence.ToWord(), f.Engine,
                f.Location.Path ?? "", Number(f.Location.StartLine), Number(f.Location.StartColumn), Number(f.Location.EndLine),
                Number(f.Location.EndColumn), f.Location.LogicalPath ?? "", f.Message, f.Evidence, f.Remediation,
                string.Join(";", f.Cwe), string.Join(";", f.Owasp), string.Join(";", f.Mitre), string.Join(" ", f.References),
                Number(risk.Score), RiskWords.Of(risk.Reachability), RiskWords.Of(risk.Exposure), RiskWords.Of(risk.Exploitation),
                string.Join(";", t.OwaspLlm), string.Join(";", t.OwaspMcp), string.Join(";", t.OwaspAgentic), string.Join(";", t.Attack), string.Join(";", t.Atlas),
            ]);
        }
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static void WriteRow(StreamWriter writer, IReadOnlyList<string> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) writer.Write(',');
            writer.Write(Field(fields[i]));
        }
        writer.Write("\r\n");
    }

    /// <summary>One RFC 4180 field, formula-neutralised (numbers are written by the caller and never start with a sign).</summary>
    public static string Field(string value)
    {
        var text = CellText.Neutralise(CellText.XmlSafe(value)); // no NUL or other C0 control in a cell
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
