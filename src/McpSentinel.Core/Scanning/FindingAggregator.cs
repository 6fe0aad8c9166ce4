using McpSentinel.Core.Intel;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;
using McpSentinel.Core.Suppression;

namespace McpSentinel.Core.Scanning;

/// <summary>
/// Turns raw engine findings into the reported list: masks any secret left in evidence, merges findings of one
/// category on the same spot (keeping the most confident), assigns fingerprints, applies the suppression file and
/// the baseline, filters by minimum severity/confidence and sorts by path, line, rule.
/// </summary>
public sealed class FindingAggregator
{
    private readonly StaticEngine? _secretEngine;

    public FindingAggregator(RuleSet rules)
    {
        var secretRules = rules.Rules.Where(r => r.Metadata.Category == Categories.HardcodedSecret && r.LanguageSet is null).ToArray();
        _secretEngine = secretRules.Length == 0 ? null : new StaticEngine(new RuleSet(secretRules));
    }

    public (IReadOnlyList<Finding> Reported, IReadOnlyList<Finding> Suppressed) Aggregate(
        IEnumerable<Finding> raw, IEnumerable<Finding> inlineSuppressed, ScanOptions options, DateOnly today,
        IReadOnlyDictionary<string, RiskSignals>? serverExposure = null)
    {
        var masked = raw.Select(MaskEvidence).ToList();
        var merged = Merge(masked);
        var fingerprinted = Fingerprints.Assign(merged.Concat(inlineSuppressed.Select(MaskEvidence)))
            .Select(f => Enrich(f, serverExposure)).ToList();
        var inlineSet = new HashSet<Finding>(ReferenceEqualityComparer.Instance);

        var reported = new List<Finding>();
        var suppressed = new List<Finding>();
        var inlineKeys = inlineSuppressed.Select(Key).ToHashSet();
        foreach (var finding in fingerprinted)
        {
            bool isSuppressed = inlineKeys.Contains(Key(finding))
                || (options.BaselineFingerprints?.Contains(finding.Fingerprint) ?? false)
                || options.Suppressions.Any(s => s.Matches(finding, today));
            if (isSuppressed)
            {
                suppressed.Add(finding);
                continue;
            }
            if (finding.Severity < options.MinSeverity || finding.Confidence < options.MinConfidence) continue;
            reported.Add(finding);
        }
        return (Sort(reported), Sort(suppressed));
    }

    /// <summary>Adds the taxonomy (mapping table), the exposure of the live/snapshot server a surface finding belongs to
    /// (keyed by <c>server:NAME</c>), and the risk score.</summary>
    public static Finding Enrich(Finding finding, IReadOnlyDictionary<string, RiskSignals>? serverExposure = null)
    {
        var f = TaxonomyCatalog.Default.Enrich(finding);
        if (serverExposure is { Count: > 0 } && f.Location.LogicalPath is { } logical)
        {
            int slash = logical.IndexOf('/');
            var server = slash < 0 ? logical : logical[..slash];
            if (serverExposure.TryGetValue(server, out var exposure)) f = ExposureClassifier.WithExposure(f, exposure);
        }
        return RiskScore.Apply(f);
    }

    private static (string, string?, int, int, string) Key(Finding f) =>
        (f.RuleId, f.Location.Path, f.Location.StartLine, f.Location.StartColumn, f.Engine);

    public static IReadOnlyList<Finding> Sort(IEnumerable<Finding> findings) => findings
        .OrderBy(f => f.Location.Path ?? f.Location.LogicalPath ?? "", StringComparer.Ordinal)
        .ThenBy(f => f.Location.LogicalPath ?? "", StringComparer.Ordinal)
        .ThenBy(f => f.Location.StartLine)
        .ThenBy(f => f.RuleId, StringComparer.Ordinal)
        .ThenBy(f => f.Location.StartColumn)
        .ToArray();

    /// <summary>Masks every secret a secret rule recognises in the evidence (belt and braces: rules of other categories
    /// may quote a line that also holds a credential).</summary>
    public Finding MaskEvidence(Finding finding)
    {
        if (_secretEngine is null) return finding;
        var evidence = MaskText(finding.Evidence);
        // Trace snippets quote source lines too (semantic findings): mask them the same way.
        var trace = finding.Trace?.Select(step => MaskText(step.Snippet) is var s && s != step.Snippet ? step with { Snippet = s } : step).ToArray();
        bool traceChanged = trace is not null && !trace.SequenceEqual(finding.Trace!);
        if (evidence == finding.Evidence && !traceChanged) return finding;
        return finding with { Evidence = evidence, Trace = traceChanged ? trace : finding.Trace };
    }

    private string MaskText(string text)
    {
        if (_secretEngine is null || text.Length == 0) return text;
        for (int pass = 0; pass < 8; pass++)
        {
            var analysis = _secretEngine.Analyze(new SourceFile("", Language.Text, text), CancellationToken.None);
            var changed = analysis.Findings.Select(f => f.Evidence).FirstOrDefault(e => e != text);
            if (changed is null) break;
            text = changed;
        }
        return text;
    }

    private static List<Finding> Merge(List<Finding> findings)
    {
        var result = new List<Finding>(findings.Count);
        foreach (var group in findings.GroupBy(f => (f.Location.Path, f.Location.LogicalPath, f.Location.StartLine, f.Category)))
        {
            var kept = new List<Finding>();
            foreach (var finding in group.OrderByDescending(f => f.Confidence).ThenByDescending(f => f.Severity).ThenByDescending(f => f.Trace?.Count ?? 0).ThenBy(f => f.RuleId, StringComparer.Ordinal))
            {
                if (kept.Any(k => Overlaps(k.Location, finding.Location))) continue;
                kept.Add(finding);
            }
            result.AddRange(kept);
        }
        return result;
    }

    private static bool Overlaps(Location a, Location b)
    {
        int aEnd = a.EndLine == a.StartLine ? a.EndColumn : int.MaxValue;
        int bEnd = b.EndLine == b.StartLine ? b.EndColumn : int.MaxValue;
        return a.StartColumn <= bEnd && b.StartColumn <= aEnd;
    }
}
