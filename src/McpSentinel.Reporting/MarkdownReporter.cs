using System.Globalization;
using System.Text;
using McpSentinel.Core.Model;
using McpSentinel.Reporting.Formatting;

namespace McpSentinel.Reporting;

/// <summary>GitHub-flavoured Markdown for pull-request comments and CI step summaries: verdict and counts, then one
/// collapsed <c>&lt;details&gt;</c> per file (worst files first). Stays under <see cref="MaxLength"/> characters (GitHub's
/// limit for a comment); what does not fit is counted in a closing note. Every piece of scanned text is escaped so it
/// renders literally: no markup, no HTML, no template syntax survives.</summary>
public sealed class MarkdownReporter : IReporter
{
    public const int MaxLength = 65_536;
    private const int EvidenceLimit = 300;

    public MarkdownReporter(int maxLength = MaxLength) => Limit = maxLength;

    public int Limit { get; }
    public string Format => "markdown";
    public string Extension => ".md";

    public void Write(ScanResult result, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        writer.Write(Render(result));
    }

    public string Render(ScanResult result)
    {
        var s = result.Summary;
        var head = new StringBuilder();
        var verdict = Verdict.Of(result);
        string icon = verdict == VerdictKind.Go ? "✅" : verdict == VerdictKind.NoGo ? "❌" : "⚠️";
        head.Append("## ").Append(icon).Append(" MCP Sentinel: ").Append(Verdict.Word(verdict)).Append("\n\n");
        head.Append(Verdict.Explanation(result)).Append("\n\n"); // our own words, no scanned text
        head.Append("| risk score | critical | high | medium | low | info | suppressed | files scanned |\n");
        head.Append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        head.Append(CultureInfo.InvariantCulture, $"| **{s.RiskScore}**/100 | {s.Critical} | {s.High} | {s.Medium} | {s.Low} | {s.Info} | {s.Suppressed} | {result.FilesScanned} |\n\n");
        if (result.Incomplete)
        {
            head.Append("**The scan was incomplete:**\n\n");
            foreach (var d in result.Diagnostics.Where(d => d.Incomplete).Take(10)) head.Append("- ").Append(Escape(d.Path)).Append(": ").Append(Escape(d.Message)).Append('\n');
            head.Append('\n');
        }

        var footer = $"\n<sub>mcp-sentinel {Escape(result.ToolVersion)} · engines: {Escape(string.Join(", ", result.Engines))} · {result.DurationMs.ToString(CultureInfo.InvariantCulture)} ms</sub>\n";
        var files = result.Findings.GroupBy(RuleTable.FileOf)
            .OrderByDescending(g => g.Max(RiskOrder.Score)).ThenByDescending(g => g.Max(f => f.Severity)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();

        var body = new StringBuilder();
        int shownFiles = 0, shownFindings = 0;
        const int noteReserve = 400;
        foreach (var file in files)
        {
            var section = FileSection(file.Key, file.ToList());
            if (head.Length + body.Length + section.Length + footer.Length + noteReserve > Limit) break;
            body.Append(section);
            shownFiles++;
            shownFindings += file.Count();
        }
        if (shownFiles < files.Count)
        {
            body.Append(CultureInfo.InvariantCulture,
                $"\n> **Cut to fit {Limit:N0} characters:** {result.Findings.Count - shownFindings} finding(s) in {files.Count - shownFiles} more file(s) are not shown (lowest risk first). See the full HTML, JSON or SARIF report.\n");
        }
        return head.Append(body).Append(footer).ToString();
    }

    private static string FileSection(string file, List<Finding> findings)
    {
        var sb = new StringBuilder();
        var worst = findings.Max(f => f.Severity);
        sb.Append("<details><summary><b>").Append(Escape(file)).Append("</b> — ")
          .Append(findings.Count.ToString(CultureInfo.InvariantCulture)).Append(" finding(s), worst: ").Append(worst.ToWord())
          .Append(", top risk ").Append(findings.Max(RiskOrder.Score).ToString(CultureInfo.InvariantCulture)).Append("</summary>\n\n");
        foreach (var f in findings.OrderByDescending(RiskOrder.Score).ThenByDescending(f => f.Severity).ThenBy(f => f.Location.StartLine))
        {
            var risk = f.Risk ?? RiskScore.Assess(f);
            string where = f.Location.Path is { Length: > 0 } ? "line " + f.Location.StartLine.ToString(CultureInfo.InvariantCulture) : Escape(f.Location.LogicalPath ?? "");
            sb.Append("- **").Append(f.Severity.ToWord().ToUpperInvariant()).Append("** risk ").Append(risk.Score.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(where)
              .Append(" · <code>").Append(Escape(f.RuleId)).Append("</code> ").Append(Escape(f.Title));
            if (f.Cwe.Count > 0) sb.Append(" (").Append(Escape(string.Join(", ", f.Cwe))).Append(')');
            sb.Append("<br>").Append(Escape(f.Message));
            sb.Append("<br>Risk: ").Append(Escape($"{RiskWords.Of(risk.Reachability)}, exposure {RiskWords.Of(risk.Exposure)}" + (risk.Exploitation == Exploitation.None ? "" : ", " + RiskWords.Of(risk.Exploitation))));
            if (f.Taxonomy is { } t)
            {
                var ids = t.OwaspLlm.Concat(t.OwaspMcp).Concat(t.OwaspAgentic).Concat(t.Attack).Concat(t.Atlas).ToList();
                if (ids.Count > 0) sb.Append(" · Maps to: ").Append(Escape(string.Join(", ", ids)));
            }
            if (f.Evidence.Length > 0)
            {
                var evidence = f.Evidence.Length > EvidenceLimit ? f.Evidence[..EvidenceLimit] + "…" : f.Evidence;
                sb.Append("<br><code>").Append(Escape(evidence)).Append("</code>");
            }
            sb.Append("<br>Fix: ").Append(Escape(f.Remediation)).Append('\n');
        }
        sb.Append("\n</details>\n");
        return sb.ToString();
    }

    /// <summary>Renders any text literally inside GitHub Markdown and HTML: HTML-significant characters become entities,
    /// Markdown and template punctuation becomes numeric character references, line breaks become spaces.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\r' or '\n': sb.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '!' or '|' or '~' or '$' or '\'' or ':' or '@':
                    sb.Append("&#").Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
                    break;
                default:
                    sb.Append(char.IsControl(c) ? '\uFFFD' : c);
                    break;
            }
        }
        return sb.ToString();
    }
}
