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
                if (RuleProfile.Enabled)
                {
                    long started = System.Diagnostics.Stopwatch.GetTimestamp();
                    RunRule(file, rule, ruleLines, findings);
                    RuleProfile.Add(rule.Id, System.Diagnostics.Stopwatch.GetElapsedTime(started), ruleLines.Count);
                }
                else
                {
                    RunRule(file, rule, ruleLines, findings);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                diagnostics.Add(new ScanDiagnostic(file.Path, $"rule {rule.Id} timed out on this file; its result for the file is unknown", Incomplete: true));
            }
        }
        return new FileAnalysis(findings, diagnostics);
    }

    /// <summary>
    /// Runs one rule around the lines where its keywords occur. Each hit line h opens the region
    /// [h - window, h + window]; regions that touch are merged, so each stretch of text is searched once per pattern.
    /// A match counts when its lines include a hit line (every match contains one of its rule's keywords) and it lies
    /// within that hit line's region.
    /// </summary>
    private static void RunRule(SourceFile file, CompiledRule rule, List<int> hits, List<Finding> findings)
    {
        var text = file.Text;
        var lines = file.Lines;
        int lastLine = lines.LineCount - 1;
        int w = rule.Window;
        var reportedLines = new HashSet<int>();
        int i = 0;
        while (i < hits.Count)
        {
            int regionFirst = Math.Max(0, hits[i] - w);
            int regionLast = Math.Min(lastLine, hits[i] + w);
            int j = i + 1;
            while (j < hits.Count && hits[j] - w <= regionLast + 1)
            {
                regionLast = Math.Min(lastLine, hits[j] + w);
                j++;
            }
            int regionStart = lines.LineStart(regionFirst);
            int regionEnd = lines.LineEnd(regionLast, text);

            foreach (var pattern in rule.Patterns)
            {
                for (var match = pattern.Match(text, regionStart, regionEnd - regionStart); match.Success; match = match.NextMatch())
                {
                    int startLine = lines.LineOf(match.Index);
                    if (reportedLines.Contains(startLine)) continue;
                    int endLine = lines.LineOf(Math.Max(match.Index, match.Index + match.Length - 1));
                    int hit = FirstHitAtOrAfter(hits, i, j, startLine);
                    if (hit < 0 || hit > endLine) continue; // the match does not contain a keyword line
                    var candidate = match;
                    if (startLine < hit - w || endLine > hit + w)
                    {
                        // the merged region let the match run past its hit line's window: retry within that window only
                        int windowStart = lines.LineStart(Math.Max(0, hit - w));
                        var retry = pattern.Match(text, windowStart, lines.LineEnd(Math.Min(lastLine, hit + w), text) - windowStart);
                        if (!retry.Success) continue;
                        candidate = retry;
                        startLine = lines.LineOf(retry.Index);
                        if (reportedLines.Contains(startLine)) continue;
                    }
                    if (Accept(file, rule, candidate, startLine, Math.Min(lastLine, startLine + w)) is { } finding)
                    {
                        reportedLines.Add(startLine);
                        findings.Add(finding);
                    }
                }
            }
            i = j;
        }
    }

    private static int FirstHitAtOrAfter(List<int> hits, int from, int to, int line)
    {
        int index = hits.BinarySearch(from, to - from, line, null);
        if (index < 0) index = ~index;
        return index < to ? hits[index] : -1;
    }

    private static Finding? Accept(SourceFile file, CompiledRule rule, Match match, int line, int windowLast)
    {
        var text = file.Text;
        var lines = file.Lines;
        if (rule.Kind == RuleKind.Code && file.Comments.IsCommentOrDocstring(match.Index)) return null;

        var secretGroup = match.Groups["secret"];
        var secret = secretGroup.Success ? secretGroup : (rule.Metadata.Category == Categories.HardcodedSecret ? (Group)match : null);
        if (rule.MinEntropy is { } minEntropy)
        {
            var measured = secretGroup.Success ? secretGroup.ValueSpan : match.ValueSpan;
            if (Entropy.Shannon(measured) < minEntropy) return null;
        }
        int lineStart = lines.LineStart(line);
        int lineEnd = lines.LineEnd(line, text);
        if (rule.ExcludePatterns.Count > 0)
        {
            int windowEnd = lines.LineEnd(windowLast, text);
            // for code rules, a guard written in a comment is no guard: exclusions see code only
            var windowText = rule.Kind == RuleKind.Code ? file.Comments.CodeOnly(text, lineStart, windowEnd) : text[lineStart..windowEnd];
            if (rule.ExcludePatterns.Any(p => p.IsMatch(windowText))) return null;
        }
        return CreateFinding(file, rule, match, secret, line, lineStart, lineEnd);
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
