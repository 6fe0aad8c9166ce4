using System.Globalization;
using McpSentinel.Core.Model;
using McpSentinel.Reporting.Formatting;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace McpSentinel.Reporting;

/// <summary>An Excel workbook (MiniExcel) with three sheets: Summary (key/value), Findings (one row per finding with every
/// contract field, its risk score and factors and its mappings by framework, highest risk first; header row frozen,
/// auto-filter on) and Rules. Text that a spreadsheet would evaluate as a formula
/// (starting with = + - @ tab or CR) gets a leading apostrophe; characters XML cannot carry become U+FFFD.</summary>
public sealed class XlsxReporter : IReporter
{
    public string Format => "xlsx";
    public string Extension => ".xlsx";

    public static string Cell(string? text) => CellText.Neutralise(CellText.XmlSafe(text));

    public void Write(ScanResult result, Stream output)
    {
        var s = result.Summary;
        var verdict = Verdict.Of(result);
        var summary = new List<Dictionary<string, object?>>();
        void Add(string key, object value) => summary.Add(new() { ["Item"] = key, ["Value"] = value is string text ? Cell(text) : value });
        Add("Target", result.Target);
        Add("Started (UTC)", result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Add("Duration (ms)", result.DurationMs);
        Add("Tool version", result.ToolVersion);
        Add("Engines", string.Join(", ", result.Engines));
        Add("Files scanned", result.FilesScanned);
        Add("Files skipped", result.FilesSkipped);
        Add("Scan complete", result.Incomplete ? "no" : "yes");
        Add("Verdict", Verdict.Word(verdict));
        Add("Verdict reason", Verdict.Explanation(result));
        Add("Risk score (0-100)", s.RiskScore);
        Add("Total findings", s.Total);
        Add("Critical", s.Critical);
        Add("High", s.High);
        Add("Medium", s.Medium);
        Add("Low", s.Low);
        Add("Info", s.Info);
        Add("Suppressed", s.Suppressed);
        foreach (var d in result.Diagnostics.Take(1000)) Add(d.Incomplete ? "Diagnostic (incomplete)" : "Diagnostic (note)", d.Path + ": " + d.Message);

        var findings = RiskOrder.Sort(result.Findings).Select(f => new Dictionary<string, object?>
        {
            ["risk"] = RiskOrder.Score(f),
            ["severity"] = f.Severity.ToWord(),
            ["confidence"] = f.Confidence.ToWord(),
            ["ruleId"] = Cell(f.RuleId),
            ["title"] = Cell(f.Title),
            ["category"] = Cell(f.Category),
            ["engine"] = Cell(f.Engine),
            ["path"] = Cell(f.Location.Path),
            ["startLine"] = f.Location.StartLine,
            ["startColumn"] = f.Location.StartColumn,
            ["endLine"] = f.Location.EndLine,
            ["endColumn"] = f.Location.EndColumn,
            ["logicalPath"] = Cell(f.Location.LogicalPath),
            ["message"] = Cell(f.Message),
            ["evidence"] = Cell(f.Evidence),
            ["remediation"] = Cell(f.Remediation),
            ["cwe"] = Cell(string.Join(", ", f.Cwe)),
            ["owasp"] = Cell(string.Join(", ", f.Owasp)),
            ["mitre"] = Cell(string.Join(", ", f.Mitre)),
            ["references"] = Cell(string.Join(" ", f.References)),
            ["reachability"] = RiskWords.Of((f.Risk ?? RiskScore.Assess(f)).Reachability),
            ["exposure"] = RiskWords.Of((f.Risk ?? RiskScore.Assess(f)).Exposure),
            ["exploitation"] = RiskWords.Of((f.Risk ?? RiskScore.Assess(f)).Exploitation),
            ["owaspLlm"] = Cell(string.Join(", ", f.Taxonomy?.OwaspLlm ?? [])),
            ["owaspMcp"] = Cell(string.Join(", ", f.Taxonomy?.OwaspMcp ?? [])),
            ["owaspAgentic"] = Cell(string.Join(", ", f.Taxonomy?.OwaspAgentic ?? [])),
            ["attack"] = Cell(string.Join(", ", f.Taxonomy?.Attack ?? [])),
            ["atlas"] = Cell(string.Join(", ", f.Taxonomy?.Atlas ?? [])),
            ["trace"] = Cell(f.Trace is { Count: > 0 } t ? string.Join(" → ", t.Select(x => $"{x.Path}:{x.Line} {x.Note}: {x.Snippet}")) : ""),
            ["fingerprint"] = Cell(f.Fingerprint),
        }).ToList();
        if (findings.Count == 0) findings.Add(new() { ["severity"] = "", ["ruleId"] = "", ["title"] = "No findings" });

        var rules = RuleTable.For(result).Select(r => new Dictionary<string, object?>
        {
            ["ruleId"] = Cell(r.Id),
            ["title"] = Cell(r.Title),
            ["category"] = Cell(r.Category),
            ["severity"] = r.Severity.ToWord(),
            ["confidence"] = r.Confidence.ToWord(),
            ["findings"] = result.Findings.Count(f => f.RuleId == r.Id),
            ["description"] = Cell(r.Description),
            ["remediation"] = Cell(r.Remediation),
            ["cwe"] = Cell(string.Join(", ", r.Cwe)),
            ["owasp"] = Cell(string.Join(", ", r.Owasp)),
            ["mitre"] = Cell(string.Join(", ", r.Mitre)),
            ["helpUri"] = Cell(r.HelpUri),
        }).ToList();
        if (rules.Count == 0) rules.Add(new() { ["ruleId"] = "", ["title"] = "No rules produced findings" });

        var sheets = new Dictionary<string, object>
        {
            ["Summary"] = summary,
            ["Findings"] = findings,
            ["Rules"] = rules,
        };
        var config = new OpenXmlConfiguration { FreezeRowCount = 1, AutoFilter = true, EnableAutoWidth = true, FastMode = true };
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets, printHeader: true, excelType: ExcelType.XLSX, configuration: config);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }
}
