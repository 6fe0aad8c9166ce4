using System.Text.RegularExpressions;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Text;

namespace McpSentinel.Core.Scanning;

/// <summary>
/// The static rule engine: one pass of the keyword prefilter over the file, then each hit rule's regexes on the
/// lines (plus the rule's window) where its keywords occur. Code rules skip matches that start in comments and
/// docstrings; secret values are masked in the evidence.
/// </summary>
public sealed class StaticEngine : IFileEngine
{
    public const string EngineName = "static";
    private const int MaxEvidenceLength = 240;

    private readonly RuleSet _rules;

    public StaticEngine(RuleSet rules) => _rules = rules;

    public string Name => EngineName;

    public FileAnalysis Analyze(SourceFile file, CancellationToken cancellationToken)
    {
        var text = file.Text;
        List<int>?[]? hitLines = null;
        LineIndex? lines = null;
        _rules.FindKeywordHits(text, file.Language, (ruleIndex, offset) =>
        {
            hitLines ??= new List<int>?[_rules.Rules.Count];
            lines ??= file.Lines;
            int line = lines.LineOf(offset);
            var list = hitLines[ruleIndex] ??= [];
            if (list.Count == 0 || list[^1] != line) list.Add(line);
        });
        if (hitLines is null) return FileAnalysis.None;

        var findings = new List<Finding>();
        var diagnostics = new List<ScanDiagnostic>();
        for (int r = 0; r < hitLines.Length; r++)
        {
            var ruleLines = hitLines[r];
            if (ruleLines is null) continue;
            cancellationToken.ThrowIfCancellationRequested();
            var rule = _rules.Rules[r];
            try
            {
                RunRule(file, rule, ruleLines, findings);
            }
            catch (RegexMatchTimeoutException)
            {
                diagnostics.Add(new ScanDiagnostic(file.Path, $"rule {rule.Id} timed out on this file; its result for the file is unknown", Incomplete: true));
            }
        }
        return new FileAnalysis(findings, diagnostics);
    }

    private static void RunRule(SourceFile file, CompiledRule rule, List<int> ruleLines, List<Finding> findings)
    {
        var text = file.Text;
        var lines = file.Lines;
        int lastReportedStart = -1;
        foreach (var line in ruleLines)
        {
            int lineStart = lines.LineStart(line);
            int lineEnd = lines.LineEnd(line, text);
            int windowLastLine = Math.Min(lines.LineCount - 1, line + rule.Window);
            int windowEnd = lines.LineEnd(windowLastLine, text);
            string? windowText = null;

            foreach (var pattern in rule.Patterns)
            {
                var match = pattern.Match(text, lineStart, windowEnd - lineStart);
                for (; match.Success; match = match.NextMatch())
                {
                    int start = match.Index;
                    if (start > lineEnd) break;
                    if (start <= lastReportedStart) continue;
                    if (rule.Kind == RuleKind.Code && file.Comments.IsCommentOrDocstring(start)) continue;

                    var secretGroup = match.Groups["secret"];
                    var secret = secretGroup.Success ? secretGroup : (rule.Metadata.Category == Categories.HardcodedSecret ? (Group)match : null);
                    if (rule.MinEntropy is { } minEntropy)
                    {
                        var measured = secretGroup.Success ? secretGroup.ValueSpan : match.ValueSpan;
                        if (Entropy.Shannon(measured) < minEntropy) continue;
                    }
                    if (rule.ExcludePatterns.Count > 0)
                    {
                        windowText ??= text[lineStart..windowEnd];
                        if (rule.ExcludePatterns.Any(p => p.IsMatch(windowText))) continue;
                    }

                    lastReportedStart = start;
                    findings.Add(CreateFinding(file, rule, match, secret, line, lineStart, lineEnd));
                    break; // one finding per rule per line is enough
                }
            }
        }
    }

    private static Finding CreateFinding(SourceFile file, CompiledRule rule, Match match, Group? secret, int line, int lineStart, int lineEnd)
    {
        var text = file.Text;
        var lines = file.Lines;
        var (startLine, startColumn) = lines.Position(match.Index);
        int endOffset = Math.Max(match.Index, match.Index + match.Length - 1);
        var (endLine, endColumn) = lines.Position(Math.Min(endOffset, Math.Max(0, text.Length - 1)));
        endColumn++;

        // Evidence: the line of the match, with the secret (if any) masked, hidden characters made visible.
        string lineText = text[lineStart..lineEnd];
        int relativeStart = match.Index - lineStart;
        if (secret is not null && secret.Index >= lineStart && secret.Index < lineEnd)
        {
            int secretStart = secret.Index - lineStart;
            int secretLength = Math.Min(secret.Length, lineText.Length - secretStart);
            lineText = string.Concat(lineText.AsSpan(0, secretStart), SecretMask.Mask(secret.ValueSpan), lineText.AsSpan(secretStart + secretLength));
        }
        string evidence = Clip(lineText, relativeStart);
        evidence = VisibleText.Render(evidence);

        var meta = rule.Metadata;
        return new Finding
        {
            Fingerprint = "",
            RuleId = meta.Id,
            Title = meta.Title,
            Category = meta.Category,
            Severity = meta.Severity,
            Confidence = meta.Confidence,
            Engine = EngineName,
            Message = meta.Message,
            Remediation = meta.Remediation,
            Location = new Location(file.Path, startLine, startColumn, endLine, endColumn),
            Evidence = evidence,
            Cwe = meta.Cwe,
            Owasp = meta.Owasp,
            Mitre = meta.Mitre,
            References = meta.References,
        };
    }

    private static string Clip(string lineText, int around)
    {
        var trimmed = lineText.Trim();
        if (trimmed.Length <= MaxEvidenceLength) return trimmed;
        int leading = lineText.Length - lineText.TrimStart().Length;
        int center = Math.Clamp(around - leading, 0, trimmed.Length);
        int start = Math.Clamp(center - MaxEvidenceLength / 3, 0, trimmed.Length - MaxEvidenceLength);
        var clipped = trimmed.Substring(start, MaxEvidenceLength);
        return (start > 0 ? "…" : "") + clipped + (start + MaxEvidenceLength < trimmed.Length ? "…" : "");
    }
}
