using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using McpSentinel.Core.Model;
using McpSentinel.Reporting.Formatting;

namespace McpSentinel.Reporting;

/// <summary>
/// One self-contained HTML file that works offline: summary with risk score and go/no-go verdict, hand-drawn inline SVG
/// charts, and a findings table that a little inline script makes filterable, sortable, searchable and expandable.
/// Everything is rendered on the server side with HTML encoding (scanned content is hostile), and a Content-Security-Policy
/// allows only the report's own script, by hash: even markup that slipped through could not run a script.
/// Without script the page is still complete (every finding's details shown); in print, controls are hidden and details shown.
/// </summary>
public sealed class HtmlReporter : IReporter
{
    public string Format => "html";
    public string Extension => ".html";

    public static string SeverityColor(Severity s) => s switch
    {
        Severity.Critical => "#7f1d1d",
        Severity.High => "#dc2626",
        Severity.Medium => "#d97706",
        Severity.Low => "#2563eb",
        _ => "#6b7280",
    };

    private static readonly string[] Palette = ["#0f766e", "#7c3aed", "#0369a1", "#be185d", "#4d7c0f", "#a16207", "#475569", "#9333ea"];

    /// <summary>The CSP hash source of the inline script.</summary>
    public static string ScriptHash { get; } = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)));

    public void Write(ScanResult result, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        writer.Write(Render(result));
    }

    public static string Render(ScanResult result)
    {
        var s = result.Summary;
        var verdict = Verdict.Of(result);
        var h = new StringBuilder(64 * 1024);
        string E(string? x) => Html.Encode(x);

        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '")
         .Append(ScriptHash).Append("'; base-uri 'none'; form-action 'none'\">");
        h.Append("<meta name=\"generator\" content=\"mcp-sentinel ").Append(E(result.ToolVersion)).Append("\">");
        h.Append("<title>MCP Sentinel report: ").Append(E(result.Target)).Append("</title>");
        h.Append("<style>").Append(Css).Append("</style></head><body>\n");

        h.Append("<header><h1>MCP Sentinel security report</h1><p class=\"meta\">Target <code>").Append(E(result.Target)).Append("</code> · ")
         .Append(E(result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append(" · ")
         .Append(result.FilesScanned.ToString(CultureInfo.InvariantCulture)).Append(" file(s) scanned")
         .Append(result.FilesSkipped > 0 ? $", {result.FilesSkipped.ToString(CultureInfo.InvariantCulture)} skipped" : "")
         .Append(" · engines: ").Append(E(string.Join(", ", result.Engines))).Append(" · mcp-sentinel ").Append(E(result.ToolVersion)).Append("</p></header>\n<main>\n");

        // Summary
        string verdictClass = verdict switch { VerdictKind.Go => "go", VerdictKind.NoGo => "nogo", _ => "incomplete" };
        h.Append("<section class=\"summary\" aria-label=\"Summary\"><div class=\"card verdict ").Append(verdictClass).Append("\"><h2>Verdict</h2><p class=\"big\">")
         .Append(E(Verdict.Word(verdict))).Append("</p><p>").Append(E(Verdict.Explanation(result))).Append("</p></div>");
        h.Append("<div class=\"card\"><h2>Risk score</h2>").Append(SvgChart.Score(s.RiskScore)).Append("<p class=\"muted\">0 = nothing found; at least the worst finding's risk, raised by each further finding (docs/risk-score.md).</p></div>");
        h.Append("<div class=\"card\"><h2>Findings</h2><ul class=\"counts\">");
        foreach (var (sev, n) in Counts(s))
        {
            h.Append("<li><span class=\"sev sev-").Append(sev.ToWord()).Append("\">").Append(sev.ToWord()).Append("</span> <b>").Append(n.ToString(CultureInfo.InvariantCulture)).Append("</b></li>");
        }
        h.Append("<li class=\"muted\">suppressed <b>").Append(s.Suppressed.ToString(CultureInfo.InvariantCulture)).Append("</b></li><li>total <b>")
         .Append(s.Total.ToString(CultureInfo.InvariantCulture)).Append("</b></li></ul></div></section>\n");

        // Charts
        var byCategory = result.Findings.GroupBy(f => f.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(10)
            .Select((g, i) => new SvgChart.Bar(g.Key, g.Count(), Palette[i % Palette.Length])).ToList();
        var byEngine = result.Findings.GroupBy(f => f.Engine).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select((g, i) => new SvgChart.Bar(g.Key, g.Count(), Palette[(i + 2) % Palette.Length])).ToList();
        var topFiles = result.Findings.GroupBy(RuleTable.FileOf).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(10)
            .Select(g => new SvgChart.Bar(g.Key, g.Count(), SeverityColor(g.Max(f => f.Severity)))).ToList();
        h.Append("<section class=\"charts\" aria-label=\"Charts\">");
        h.Append(SvgChart.Bars("By severity", Counts(s).Select(c => new SvgChart.Bar(c.Severity.ToWord(), c.Count, SeverityColor(c.Severity))).ToList()));
        h.Append(SvgChart.Bars("By category", byCategory));
        h.Append(SvgChart.Bars("By engine", byEngine));
        h.Append(SvgChart.Bars("Top files (colour: worst severity)", topFiles));
        h.Append("</section>\n");

        // Findings
        h.Append("<section aria-labelledby=\"findings-h\"><h2 id=\"findings-h\">Findings</h2>");
        if (result.Findings.Count == 0)
        {
            h.Append("<p>").Append(result.Incomplete ? "No findings in what could be scanned, but the scan was incomplete (see diagnostics)." : "No findings.").Append("</p>");
        }
        else
        {
            h.Append("<div class=\"controls\" role=\"search\"><label>Search <input id=\"q\" type=\"search\" placeholder=\"text in any field\" autocomplete=\"off\"></label>");
            Select(h, "f-sev", "Severity", "sev", Enum.GetValues<Severity>().Reverse().Where(v => result.Findings.Any(f => f.Severity == v)).Select(v => (((int)v).ToString(CultureInfo.InvariantCulture), v.ToWord())));
            Select(h, "f-category", "Category", "category", Distinct(result.Findings.Select(f => f.Category)));
            Select(h, "f-engine", "Engine", "engine", Distinct(result.Findings.Select(f => f.Engine)));
            Select(h, "f-file", "File", "file", Distinct(result.Findings.Select(RuleTable.FileOf)));
            Select(h, "f-rule", "Rule", "rule", Distinct(result.Findings.Select(f => f.RuleId)));
            h.Append("<button type=\"button\" id=\"reset\">Reset</button><button type=\"button\" id=\"expand\">Expand all</button><button type=\"button\" id=\"collapse\">Collapse all</button>");
            h.Append("<span id=\"shown\" aria-live=\"polite\">").Append(result.Findings.Count.ToString(CultureInfo.InvariantCulture)).Append(" finding(s)</span></div>");
            h.Append("<table id=\"findings\"><thead><tr>");
            foreach (var (key, label) in new[] { ("sev", "Severity"), ("risk", "Risk"), ("rule", "Rule"), ("title", "Title"), ("category", "Category"), ("engine", "Engine"), ("loc", "Location") })
            {
                h.Append("<th scope=\"col\" aria-sort=\"none\"><button type=\"button\" class=\"sort\" data-key=\"").Append(key).Append("\">").Append(label).Append("</button></th>");
            }
            h.Append("</tr></thead>\n");
            int index = 0;
            foreach (var f in RiskOrder.Sort(result.Findings)) AppendFinding(h, f, ++index);
            h.Append("</table>");
        }
        h.Append("</section>\n");

        if (result.Diagnostics.Count > 0)
        {
            h.Append("<section aria-labelledby=\"diag-h\"><h2 id=\"diag-h\">Diagnostics (").Append(result.Diagnostics.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2><ul class=\"diag\">");
            foreach (var d in result.Diagnostics.Take(500))
            {
                h.Append("<li><span class=\"").Append(d.Incomplete ? "tag bad\">incomplete" : "tag\">note").Append("</span> <code>").Append(E(d.Path)).Append("</code>: ").Append(E(d.Message)).Append("</li>");
            }
            if (result.Diagnostics.Count > 500) h.Append("<li>… and ").Append((result.Diagnostics.Count - 500).ToString(CultureInfo.InvariantCulture)).Append(" more (see the JSON report)</li>");
            h.Append("</ul></section>\n");
        }

        var rules = RuleTable.For(result);
        if (rules.Count > 0)
        {
            h.Append("<section aria-labelledby=\"rules-h\"><h2 id=\"rules-h\">Rules</h2><table class=\"rules\"><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Severity</th><th scope=\"col\">Title</th><th scope=\"col\">Remediation</th></tr></thead><tbody>");
            foreach (var r in rules)
            {
                h.Append("<tr><td>").Append(Html.Link(r.HelpUri, r.Id)).Append("</td><td><span class=\"sev sev-").Append(r.Severity.ToWord()).Append("\">").Append(r.Severity.ToWord())
                 .Append("</span></td><td>").Append(E(r.Title)).Append("</td><td>").Append(E(r.Remediation)).Append("</td></tr>");
            }
            h.Append("</tbody></table></section>\n");
        }

        h.Append("</main><footer>Generated by mcp-sentinel ").Append(E(result.ToolVersion)).Append(" in ").Append(result.DurationMs.ToString(CultureInfo.InvariantCulture))
         .Append(" ms. Scanned content is shown as inert text.</footer>\n");
        h.Append("<script>").Append(Script).Append("</script>\n</body></html>\n");
        return h.ToString();
    }

    private static IEnumerable<(Severity Severity, int Count)> Counts(ScanSummary s) =>
        [(Severity.Critical, s.Critical), (Severity.High, s.High), (Severity.Medium, s.Medium), (Severity.Low, s.Low), (Severity.Info, s.Info)];

    private static IEnumerable<(string, string)> Distinct(IEnumerable<string> values) =>
        values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(v => (v, v));

    private static void Select(StringBuilder h, string id, string label, string key, IEnumerable<(string Value, string Text)> options)
    {
        h.Append("<label>").Append(label).Append(" <select id=\"").Append(id).Append("\" data-filter=\"").Append(key).Append("\"><option value=\"\">all</option>");
        foreach (var (value, text) in options) h.Append("<option value=\"").Append(Html.Encode(value)).Append("\">").Append(Html.Encode(text)).Append("</option>");
        h.Append("</select></label>");
    }

    private static void AppendFinding(StringBuilder h, Finding f, int index)
    {
        string E(string? x) => Html.Encode(x);
        string file = RuleTable.FileOf(f);
        string detailId = "d" + index.ToString(CultureInfo.InvariantCulture);
        h.Append("<tbody class=\"finding\" data-sev=\"").Append(((int)f.Severity).ToString(CultureInfo.InvariantCulture))
         .Append("\" data-category=\"").Append(E(f.Category)).Append("\" data-engine=\"").Append(E(f.Engine))
         .Append("\" data-file=\"").Append(E(file)).Append("\" data-rule=\"").Append(E(f.RuleId))
         .Append("\" data-title=\"").Append(E(f.Title)).Append("\" data-risk=\"").Append(RiskOrder.Score(f).ToString(CultureInfo.InvariantCulture)).Append("\" data-line=\"").Append(f.Location.StartLine.ToString(CultureInfo.InvariantCulture)).Append("\">");
        h.Append("<tr class=\"row\"><td><button type=\"button\" class=\"toggle\" aria-expanded=\"true\" aria-controls=\"").Append(detailId).Append("\"><span class=\"chev\" aria-hidden=\"true\"></span><span class=\"sev sev-")
         .Append(f.Severity.ToWord()).Append("\">").Append(f.Severity.ToWord()).Append("</span></button></td>");
        h.Append("<td class=\"risk\"><b>").Append(RiskOrder.Score(f).ToString(CultureInfo.InvariantCulture)).Append("</b></td>");
        h.Append("<td><code>").Append(E(f.RuleId)).Append("</code></td><td>").Append(E(f.Title)).Append("</td><td>").Append(E(f.Category)).Append("</td><td>").Append(E(f.Engine))
         .Append("</td><td class=\"loc\"><code>").Append(E(RuleTable.Where(f))).Append("</code></td></tr>");

        h.Append("<tr class=\"detail\" id=\"").Append(detailId).Append("\"><td colspan=\"7\"><div class=\"detail-body\">");
        h.Append("<p class=\"msg\">").Append(E(f.Message)).Append("</p>");
        h.Append("<p class=\"muted\">confidence ").Append(f.Confidence.ToWord());
        if (f.Location.Path is { Length: > 0 })
        {
            h.Append(" · lines ").Append(f.Location.StartLine.ToString(CultureInfo.InvariantCulture)).Append('–').Append(Math.Max(f.Location.StartLine, f.Location.EndLine).ToString(CultureInfo.InvariantCulture))
             .Append(", columns ").Append(f.Location.StartColumn.ToString(CultureInfo.InvariantCulture)).Append('–').Append(f.Location.EndColumn.ToString(CultureInfo.InvariantCulture));
        }
        if (f.Location.LogicalPath is { } logical) h.Append(" · <code>").Append(E(logical)).Append("</code>");
        h.Append("</p>");
        if (f.Evidence.Length > 0)
        {
            h.Append("<h3>Evidence</h3><pre class=\"code\">");
            var lines = f.Evidence.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            int first = Math.Max(1, f.Location.StartLine), last = Math.Max(first, f.Location.EndLine);
            for (int i = 0; i < lines.Length; i++)
            {
                int n = first + i;
                bool hit = n >= first && n <= last;
                h.Append("<span class=\"line").Append(hit ? " hit" : "").Append("\"><span class=\"ln\" aria-hidden=\"true\">").Append(f.Location.Path is null ? "" : n.ToString(CultureInfo.InvariantCulture))
                 .Append("</span>").Append(hit ? "<mark>" : "").Append(E(lines[i])).Append(hit ? "</mark>" : "").Append("</span>\n");
            }
            h.Append("</pre>");
        }
        if (f.Trace is { Count: > 0 } trace)
        {
            h.Append("<h3>Trace</h3><ol class=\"trace\">");
            foreach (var step in trace)
            {
                h.Append("<li><span class=\"muted\">").Append(E(step.Note)).Append("</span> <code>").Append(E(step.Path)).Append(':').Append(step.Line.ToString(CultureInfo.InvariantCulture))
                 .Append("</code><pre class=\"code\">").Append(E(step.Snippet)).Append("</pre></li>");
            }
            h.Append("</ol>");
        }
        h.Append("<h3>Remediation</h3><p>").Append(E(f.Remediation)).Append("</p>");
        AppendRisk(h, f.Risk ?? RiskScore.Assess(f));
        var links = new List<string>();
        if (f.Taxonomy is { } taxonomy)
        {
            AppendTaxonomy(h, taxonomy);
            var mapped = taxonomy.Cwe.Concat(taxonomy.OwaspLlm).Concat(taxonomy.OwaspMcp).Concat(taxonomy.OwaspAgentic).Concat(taxonomy.Attack).Concat(taxonomy.Atlas).ToHashSet(StringComparer.Ordinal);
            links.AddRange(f.Owasp.Where(o => !mapped.Contains(o)).Select(o => Taxonomy.OwaspUrl(o) is { } u ? Html.Link(u, "OWASP " + o) : E("OWASP " + o)));
        }
        else
        {
            links.AddRange(f.Cwe.Select(c => Taxonomy.CweUrl(c) is { } u ? Html.Link(u, c) : E(c)));
            links.AddRange(f.Owasp.Select(o => Taxonomy.OwaspUrl(o) is { } u ? Html.Link(u, "OWASP " + o) : E("OWASP " + o)));
            links.AddRange(f.Mitre.Select(m => Taxonomy.AttackUrl(m) is { } u ? Html.Link(u, "ATT&CK " + m) : E("ATT&CK " + m)));
        }
        links.AddRange(f.References.Select(r => Html.Link(r, r)));
        if (links.Count > 0) h.Append("<p class=\"refs\">").Append(string.Join(" · ", links)).Append("</p>");
        h.Append("<p class=\"muted fp\">fingerprint <code>").Append(E(f.Fingerprint)).Append("</code></p>");
        h.Append("</div></td></tr></tbody>\n");
    }

    private static void AppendRisk(StringBuilder h, FindingRisk r)
    {
        string E(string? x) => Html.Encode(x);
        string N(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);
        h.Append("<h3>Risk ").Append(r.Score.ToString(CultureInfo.InvariantCulture)).Append("/100</h3><ul class=\"factors\">");
        h.Append("<li>severity <b>").Append(r.Severity.ToWord()).Append("</b> (").Append(N(RiskScore.SeverityPoints(r.Severity))).Append(" points)</li>");
        h.Append("<li>confidence <b>").Append(r.Confidence.ToWord()).Append("</b> (×").Append(N(RiskScore.ConfidenceFactor(r.Confidence))).Append(")</li>");
        h.Append("<li>reachability <b>").Append(RiskWords.Of(r.Reachability)).Append("</b> (×").Append(N(RiskScore.ReachabilityFactor(r.Reachability))).Append("): ").Append(E(r.ReachabilityReason)).Append("</li>");
        h.Append("<li>exposure <b>").Append(RiskWords.Of(r.Exposure)).Append("</b> (×").Append(N(RiskScore.ExposureFactor(r.Exposure))).Append("): ").Append(E(r.ExposureReason)).Append("</li>");
        h.Append("<li>known exploitation <b>").Append(RiskWords.Of(r.Exploitation)).Append("</b>");
        if (r.Exploitation != Exploitation.None) h.Append(" (closes ").Append(N(RiskScore.ExploitationBoost(r.Exploitation) * 100)).Append("% of the gap to 100, scaled by severity)");
        if (r.ExploitationSource is { } source) h.Append(": ").Append(Html.Link(source, source));
        h.Append("</li></ul>");
    }

    private static readonly (string Framework, string Label)[] TaxonomyLabels =
    [
        (Core.Intel.TaxonomyCatalog.Cwe, "CWE"), (Core.Intel.TaxonomyCatalog.OwaspLlm, "OWASP LLM Top 10 2025"), (Core.Intel.TaxonomyCatalog.OwaspMcp, "OWASP MCP Top 10"),
        (Core.Intel.TaxonomyCatalog.OwaspAgentic, "OWASP Agentic Top 10 2026"), (Core.Intel.TaxonomyCatalog.Attack, "MITRE ATT&CK"), (Core.Intel.TaxonomyCatalog.Atlas, "MITRE ATLAS"),
    ];

    private static void AppendTaxonomy(StringBuilder h, FindingTaxonomy t)
    {
        h.Append("<h3>Mappings</h3><dl class=\"mappings\">");
        foreach (var (framework, label) in TaxonomyLabels)
        {
            var ids = Core.Intel.TaxonomyCatalog.Get(t, framework);
            h.Append("<dt>").Append(Html.Encode(label)).Append("</dt><dd>");
            if (ids.Count > 0) h.Append(string.Join(", ", ids.Select(id => Taxonomy.UrlOf(id) is { } u ? Html.Link(u, id) : Html.Encode(id))));
            else h.Append("<span class=\"muted\">n/a").Append(t.NotApplicable.TryGetValue(framework, out var why) ? ": " + Html.Encode(why) : "").Append("</span>");
            h.Append("</dd>");
        }
        h.Append("</dl>");
    }

    private const string Css = """
        :root{--fg:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#fff;--panel:#f9fafb;--accent:#1d4ed8}
        *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
        header,main,footer{max-width:1200px;margin:0 auto;padding:0 20px}header{padding-top:18px}h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 10px}h3{font-size:13px;margin:12px 0 4px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
        .meta,.muted{color:var(--muted)}code,pre{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
        .summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:14px}.card{border:1px solid var(--line);border-radius:10px;padding:12px 16px;background:var(--panel)}.card h2{margin:0 0 6px;font-size:14px;color:var(--muted)}
        .verdict .big{font-size:30px;font-weight:700;margin:0}.verdict.go{border-color:#15803d;background:#f0fdf4}.verdict.go .big{color:#15803d}.verdict.nogo{border-color:#b91c1c;background:#fef2f2}.verdict.nogo .big{color:#b91c1c}.verdict.incomplete{border-color:#d97706;background:#fffbeb}.verdict.incomplete .big{color:#b45309}
        .score{font-size:34px;font-weight:700}.lbl{font-size:12px;fill:#374151}.val{font-size:12px;fill:#111827;font-weight:600}
        .counts{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:8px 16px}
        .sev{display:inline-block;min-width:64px;text-align:center;border-radius:4px;padding:1px 6px;font-size:12px;font-weight:600;color:#fff;text-transform:uppercase}
        .sev-critical{background:#7f1d1d}.sev-high{background:#dc2626}.sev-medium{background:#b45309}.sev-low{background:#2563eb}.sev-info{background:#6b7280}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:14px;margin-top:14px}.chart{margin:0;border:1px solid var(--line);border-radius:10px;padding:10px}.chart figcaption{font-weight:600;margin-bottom:4px}
        .controls{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin-bottom:10px}.controls input,.controls select,.controls button,button.sort{font:inherit}
        .controls input{min-width:220px;padding:4px 8px}.controls select{max-width:220px}.controls button{padding:3px 10px}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}thead th{background:var(--panel);position:sticky;top:0}
        button.sort{background:none;border:0;font-weight:600;cursor:pointer;padding:0;color:var(--fg)}th[aria-sort=ascending] button.sort::after{content:" \25B2"}th[aria-sort=descending] button.sort::after{content:" \25BC"}
        button.toggle{background:none;border:0;cursor:pointer;padding:0;display:flex;align-items:center;gap:6px}.chev::before{content:"\25B8";display:inline-block;width:1em}button.toggle[aria-expanded=true] .chev::before{content:"\25BE"}
        button:focus-visible,input:focus-visible,select:focus-visible,a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
        tr.detail td{background:#fcfcfd;border-bottom:2px solid var(--line)}.detail-body{padding:2px 6px 8px}.msg{font-size:14px;margin:4px 0}
        pre.code{background:#0f172a;color:#e2e8f0;border-radius:6px;padding:8px 10px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0}
        pre.code .ln{display:inline-block;min-width:3em;color:#94a3b8;user-select:none}pre.code .hit{display:block;background:#7f1d1d66}pre.code mark{background:none;color:#fde68a}
        .trace{margin:0;padding-left:22px}.refs a{color:var(--accent)}.loc code{word-break:break-all}.tag{font-size:11px;border:1px solid var(--line);border-radius:4px;padding:0 4px}.tag.bad{border-color:#b91c1c;color:#b91c1c}
        .factors{margin:0;padding-left:20px}dl.mappings{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0}dl.mappings dt{color:var(--muted)}dl.mappings dd{margin:0}td.risk{text-align:right}
        .rules td:first-child,tbody.finding td:nth-child(2) code{white-space:nowrap}footer{color:var(--muted);padding:24px 20px 32px}
        @media print{body{font-size:11px}.controls,button.sort::after{display:none}thead th{position:static}tr.detail{display:table-row!important}.chev{display:none}tbody.finding{break-inside:avoid}
          pre.code{background:#fff;color:#000;border:1px solid #999}pre.code .hit{background:#fee2e2}pre.code mark{color:#000;font-weight:700}.charts{grid-template-columns:1fr 1fr}a{color:#000}}
        """;

    private const string Script = """
        (function () {
          'use strict';
          var table = document.getElementById('findings');
          document.documentElement.setAttribute('data-report', 'ready');
          if (!table) return;
          var bodies = Array.prototype.slice.call(table.querySelectorAll('tbody.finding'));
          var search = document.getElementById('q');
          var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
          var shown = document.getElementById('shown');
          function setOpen(body, open) {
            var button = body.querySelector('button.toggle');
            var detail = document.getElementById(button.getAttribute('aria-controls'));
            button.setAttribute('aria-expanded', open ? 'true' : 'false');
            detail.hidden = !open;
          }
          function apply() {
            var text = search.value.trim().toLowerCase();
            var count = 0;
            bodies.forEach(function (body) {
              var ok = selects.every(function (s) { return !s.value || body.getAttribute('data-' + s.getAttribute('data-filter')) === s.value; });
              if (ok && text) ok = body.textContent.toLowerCase().indexOf(text) >= 0;
              body.hidden = !ok;
              if (ok) count++;
            });
            shown.textContent = count + ' of ' + bodies.length + ' finding(s) shown';
          }
          function key(body, k) {
            if (k === 'loc') return [body.getAttribute('data-file'), Number(body.getAttribute('data-line'))];
            if (k === 'sev' || k === 'risk') return [Number(body.getAttribute('data-' + k))];
            return [body.getAttribute('data-' + k) || ''];
          }
          function compare(a, b) {
            for (var i = 0; i < a.length; i++) {
              if (a[i] < b[i]) return -1;
              if (a[i] > b[i]) return 1;
            }
            return 0;
          }
          table.querySelectorAll('button.sort').forEach(function (button) {
            button.addEventListener('click', function () {
              var th = button.parentNode;
              var k = button.getAttribute('data-key');
              var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
              if (th.getAttribute('aria-sort') === 'none' && (k === 'sev' || k === 'risk')) dir = 'descending';
              table.querySelectorAll('thead th').forEach(function (x) { x.setAttribute('aria-sort', 'none'); });
              th.setAttribute('aria-sort', dir);
              var sign = dir === 'ascending' ? 1 : -1;
              bodies.slice().sort(function (a, b) { return sign * compare(key(a, k), key(b, k)) || compare(key(a, 'loc'), key(b, 'loc')); })
                .forEach(function (body) { table.appendChild(body); });
            });
          });
          table.addEventListener('click', function (e) {
            var button = e.target.closest ? e.target.closest('button.toggle') : null;
            if (button) setOpen(button.closest('tbody'), button.getAttribute('aria-expanded') !== 'true');
          });
          search.addEventListener('input', apply);
          selects.forEach(function (s) { s.addEventListener('change', apply); });
          document.getElementById('reset').addEventListener('click', function () {
            search.value = '';
            selects.forEach(function (s) { s.value = ''; });
            apply();
          });
          document.getElementById('expand').addEventListener('click', function () { bodies.forEach(function (b) { setOpen(b, true); }); });
          document.getElementById('collapse').addEventListener('click', function () { bodies.forEach(function (b) { setOpen(b, false); }); });
          window.addEventListener('beforeprint', function () { bodies.forEach(function (b) { setOpen(b, true); }); });
          bodies.forEach(function (b, i) { setOpen(b, i === 0); });
          apply();
        })();
        """;
}
