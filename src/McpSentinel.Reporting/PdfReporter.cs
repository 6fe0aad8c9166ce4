using System.Globalization;
using McpSentinel.Core.Model;
using McpSentinel.Reporting.Formatting;
using McpSentinel.Reporting.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace McpSentinel.Reporting;

/// <summary>
/// A PDF for people who read reports on paper or forward them: cover, executive summary (risk score, verdict, counts,
/// top risks in plain words, a severity bar chart), an overview table and the findings grouped by severity with evidence,
/// trace and remediation, diagnostics, and an appendix of rules. Drawn with PDFsharp (MIT) in embedded DejaVu fonts:
/// text is selectable, long tables repeat their header on each page, and no system font is needed.
/// </summary>
public sealed class PdfReporter : IReporter
{
    public string Format => "pdf";
    public string Extension => ".pdf";

    public void Write(ScanResult result, Stream output)
    {
        DejaVuFontResolver.EnsureInstalled();
        using var doc = new PdfDocument();
        doc.Info.Title = "MCP Sentinel security report";
        doc.Info.Subject = PdfPageWriter.Clean(result.Target);
        doc.Info.Creator = "mcp-sentinel " + result.ToolVersion;
        doc.Info.CreationDate = result.StartedAt.UtcDateTime;
        using (var w = new PdfPageWriter(doc))
        {
            Cover(w, result);
            Summary(w, result);
            Findings(w, result);
            Appendix(w, result);
        }
        Footers(doc, result);
        using var buffer = new MemoryStream();
        doc.Save(buffer, closeStream: false);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static XColor Color(Severity s) => XColor.FromArgb(Convert.ToInt32(HtmlReporter.SeverityColor(s)[1..], 16) | unchecked((int)0xFF000000));

    private static XBrush VerdictBrush(VerdictKind v) => new XSolidBrush(v switch
    {
        VerdictKind.Go => XColor.FromArgb(21, 128, 61),
        VerdictKind.NoGo => XColor.FromArgb(185, 28, 28),
        _ => XColor.FromArgb(180, 83, 9),
    });

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static void Cover(PdfPageWriter w, ScanResult result)
    {
        w.NewPage();
        w.Space(140);
        w.Paragraph("MCP Sentinel", w.H2, new XSolidBrush(XColor.FromArgb(107, 114, 128)), after: 2);
        w.Paragraph("Security report", w.Title, after: 24);
        w.Paragraph("Target: " + result.Target, w.Body);
        w.Paragraph("Scanned: " + result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) + $" · {N(result.FilesScanned)} file(s) · engines: {string.Join(", ", result.Engines)}", w.Body);
        w.Paragraph("Tool: mcp-sentinel " + result.ToolVersion, w.Body, after: 36);
        var verdict = Verdict.Of(result);
        w.Paragraph("Verdict: " + Verdict.Word(verdict), w.H1, VerdictBrush(verdict), after: 6);
        w.Paragraph(Verdict.Explanation(result), w.Body, after: 12);
        w.Paragraph($"Risk score: {N(result.Summary.RiskScore)} / 100", w.H2);
    }

    private static void Summary(PdfPageWriter w, ScanResult result)
    {
        var s = result.Summary;
        w.NewPage();
        w.Heading("Executive summary", w.H1);
        var verdict = Verdict.Of(result);
        w.Paragraph($"Verdict: {Verdict.Word(verdict)}. Risk score {N(s.RiskScore)} out of 100.", w.Bold, VerdictBrush(verdict));
        w.Paragraph(Verdict.Explanation(result), w.Body);
        w.Paragraph($"{N(s.Total)} finding(s): {N(s.Critical)} critical, {N(s.High)} high, {N(s.Medium)} medium, {N(s.Low)} low, {N(s.Info)} info; {N(s.Suppressed)} suppressed. " +
                    $"{N(result.FilesScanned)} file(s) scanned, {N(result.FilesSkipped)} skipped, in {result.DurationMs.ToString(CultureInfo.InvariantCulture)} ms.", w.Body, after: 10);

        w.Heading("Findings by severity", w.H2);
        SeverityChart(w, s);

        w.Heading("Top risks", w.H2);
        var top = result.Findings.GroupBy(f => f.RuleId)
            .OrderByDescending(g => g.Max(f => f.Severity)).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5).ToList();
        if (top.Count == 0) w.Paragraph(result.Incomplete ? "Nothing was found in what could be scanned, but the scan was incomplete." : "Nothing was found.", w.Body);
        int i = 0;
        foreach (var g in top)
        {
            var f = g.First();
            var files = g.Select(RuleTable.FileOf).Distinct(StringComparer.Ordinal).ToList();
            string where = files.Count == 1 ? files[0] : $"{N(files.Count)} files ({string.Join(", ", files.Take(3))}{(files.Count > 3 ? ", …" : "")})";
            w.Paragraph($"{N(++i)}. {f.Severity.ToWord().ToUpperInvariant()}: {f.Title} — {N(g.Count())} occurrence(s) in {where}.", w.Bold, after: 1);
            w.Paragraph($"Why it matters: {f.Message}", w.Body, indent: 14, after: 1);
            w.Paragraph($"What to do: {f.Remediation}", w.Body, indent: 14, after: 6);
        }

        var incomplete = result.Diagnostics.Where(d => d.Incomplete).ToList();
        if (incomplete.Count > 0)
        {
            w.Heading("The scan was incomplete", w.H2);
            foreach (var d in incomplete.Take(20)) w.Paragraph($"{d.Path}: {d.Message}", w.Small, after: 1);
            if (incomplete.Count > 20) w.Paragraph($"… and {N(incomplete.Count - 20)} more.", w.Small);
        }
    }

    private static void SeverityChart(PdfPageWriter w, ScanSummary s)
    {
        (Severity Sev, int Count)[] bars = [(Severity.Critical, s.Critical), (Severity.High, s.High), (Severity.Medium, s.Medium), (Severity.Low, s.Low), (Severity.Info, s.Info)];
        const double row = 20, label = 70;
        w.Need(row * bars.Length + 10);
        int max = Math.Max(1, bars.Max(b => b.Count));
        double space = w.Width - label - 40;
        foreach (var (sev, count) in bars)
        {
            var x = PdfPageWriter.Margin;
            w.Gfx.DrawString(sev.ToWord(), w.Body, XBrushes.Black, new XRect(x, w.Y + 3, label - 8, row), XStringFormats.TopLeft);
            double width = count == 0 ? 0 : Math.Max(2, space * count / max);
            w.Gfx.DrawRectangle(new XSolidBrush(Color(sev)), x + label, w.Y + 3, width, row - 7);
            w.Gfx.DrawString(N(count), w.Bold, XBrushes.Black, new XRect(x + label + width + 5, w.Y + 3, 40, row), XStringFormats.TopLeft);
            w.Y += row;
        }
        w.Space(10);
    }

    private static void Findings(PdfPageWriter w, ScanResult result)
    {
        w.NewPage();
        w.Heading("Findings", w.H1);
        if (result.Findings.Count == 0)
        {
            w.Paragraph("No findings.", w.Body);
            return;
        }
        var ordered = result.Findings.OrderByDescending(f => f.Severity).ThenByDescending(RiskOrder.Score).ThenBy(f => RuleTable.FileOf(f), StringComparer.Ordinal).ThenBy(f => f.Location.StartLine).ToList();
        w.Paragraph("Overview, most severe first and highest risk first within a severity; details follow.", w.Small, after: 4);
        int n = 0;
        w.Table(["#", "Severity", "Risk", "Rule", "Title", "Location"], [4, 8, 5, 17, 34, 32],
            ordered.Select(f => (IReadOnlyList<string>)[N(++n), f.Severity.ToWord(), N(RiskOrder.Score(f)), f.RuleId, f.Title, RuleTable.Where(f)]));

        n = 0;
        foreach (var group in ordered.GroupBy(f => f.Severity))
        {
            w.Need(120);
            w.Heading($"{group.Key.ToWord().ToUpperInvariant()} ({N(group.Count())})", w.H2);
            foreach (var f in group)
            {
                w.Need(90);
                var y = w.Y;
                w.Gfx.DrawRectangle(new XSolidBrush(Color(f.Severity)), PdfPageWriter.Margin, y + 1, 3, 11);
                w.Paragraph($"{N(++n)}. {f.RuleId} — {f.Title}", w.Bold, indent: 8, after: 1);
                w.Paragraph($"{RuleTable.Where(f)} · {f.Category} · confidence {f.Confidence.ToWord()} · {f.Engine}", w.Small, new XSolidBrush(XColor.FromArgb(75, 85, 99)), indent: 8, after: 2);
                w.Paragraph(f.Message, w.Body, indent: 8, after: 2);
                w.Paragraph(RiskWords.Describe(f.Risk ?? RiskScore.Assess(f)), w.Small, new XSolidBrush(XColor.FromArgb(75, 85, 99)), indent: 8, after: 2);
                if (f.Evidence.Length > 0)
                {
                    w.Paragraph("Evidence" + (f.Location.Path is { Length: > 0 } ? $" (line {N(f.Location.StartLine)})" : ""), w.SmallBold, indent: 8, after: 1);
                    w.CodeBlock(f.Evidence, indent: 8, highlight: true);
                }
                if (f.Trace is { Count: > 0 } trace)
                {
                    w.Paragraph("Trace", w.SmallBold, indent: 8, after: 1);
                    foreach (var step in trace)
                    {
                        w.Paragraph($"{step.Note} — {step.Path}:{N(step.Line)}", w.Small, indent: 14, after: 0);
                        w.CodeBlock(step.Snippet, indent: 14);
                    }
                }
                w.Paragraph("Remediation: " + f.Remediation, w.Body, indent: 8, after: 1);
                var refs = f.Cwe.Concat(f.Owasp.Select(o => "OWASP " + o)).Concat(f.Mitre.Select(m => "ATT&CK " + m)).ToList();
                if (refs.Count > 0) w.Paragraph(string.Join(" · ", refs), w.Small, indent: 8, after: 1);
                w.Paragraph("Fingerprint: " + f.Fingerprint, w.Small, new XSolidBrush(XColor.FromArgb(107, 114, 128)), indent: 8, after: 10);
            }
        }

        var notes = result.Diagnostics;
        if (notes.Count > 0)
        {
            w.Need(80);
            w.Heading($"Diagnostics ({N(notes.Count)})", w.H2);
            w.Table(["Kind", "Path", "Message"], [12, 38, 50],
                notes.Take(300).Select(d => (IReadOnlyList<string>)[d.Incomplete ? "incomplete" : "note", d.Path, d.Message]));
            if (notes.Count > 300) w.Paragraph($"… and {N(notes.Count - 300)} more (see the JSON report).", w.Small);
        }
    }

    private static void Appendix(PdfPageWriter w, ScanResult result)
    {
        var rules = RuleTable.For(result);
        if (rules.Count == 0) return;
        w.NewPage();
        w.Heading("Appendix: rules", w.H1);
        w.Paragraph("Every rule that produced a finding. Full documentation: " + Core.Rules.RuleMetadata.DocsBaseUrl + "<ID>.md", w.Small, after: 6);
        w.Table(["Rule", "Severity", "Category", "Title and description", "Remediation", "CWE"], [13, 8, 12, 30, 28, 9],
            rules.Select(r => (IReadOnlyList<string>)[r.Id, r.Severity.ToWord(), r.Category, r.Title + (r.Description != r.Title ? "\n" + r.Description : ""), r.Remediation, string.Join(", ", r.Cwe)]));
    }

    private static void Footers(PdfDocument doc, ScanResult result)
    {
        var font = new XFont(DejaVuFontResolver.Sans, 7.5, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
        for (int i = 0; i < doc.PageCount; i++)
        {
            var page = doc.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var y = page.Height.Point - PdfPageWriter.Margin + 10;
            var text = PdfPageWriter.Clean("MCP Sentinel · " + (result.Target.Length > 80 ? "…" + result.Target[^79..] : result.Target));
            gfx.DrawString(text, font, XBrushes.Gray, new XRect(PdfPageWriter.Margin, y, page.Width.Point - 2 * PdfPageWriter.Margin, 12), XStringFormats.TopLeft);
            gfx.DrawString($"page {N(i + 1)} of {N(doc.PageCount)}", font, XBrushes.Gray, new XRect(PdfPageWriter.Margin, y, page.Width.Point - 2 * PdfPageWriter.Margin, 12), XStringFormats.TopRight);
        }
    }
}
