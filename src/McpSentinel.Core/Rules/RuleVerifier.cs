using McpSentinel.Core.Scanning;

namespace McpSentinel.Core.Rules;

/// <summary>Runs every rule's self-tests through the real static engine: each <c>match</c> sample must yield a finding of
/// the rule, each <c>no-match</c> sample none. Also reports duplicate ids.</summary>
public static class RuleVerifier
{
    public static IReadOnlyList<RuleError> Verify(IReadOnlyList<CompiledRule> rules)
    {
        var errors = new List<RuleError>();
        foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new RuleError(string.Join(", ", duplicate.Select(r => r.Source)), duplicate.Key, "duplicate rule id"));
        }
        foreach (var rule in rules)
        {
            var engine = new StaticEngine(new RuleSet([rule]));
            int index = 0;
            foreach (var sample in rule.Samples)
            {
                index++;
                FileAnalysis analysis;
                try
                {
                    analysis = engine.Analyze(new SourceFile("sample", sample.Language, sample.Code), CancellationToken.None);
                }
                catch (Exception ex)
                {
                    errors.Add(new RuleError(rule.Source, rule.Id, $"sample #{index} crashed the engine: {ex.Message}"));
                    continue;
                }
                foreach (var diagnostic in analysis.Diagnostics)
                {
                    errors.Add(new RuleError(rule.Source, rule.Id, $"sample #{index}: {diagnostic.Message}"));
                }
                bool matched = analysis.Findings.Any(f => f.RuleId == rule.Id);
                if (sample.MustMatch && !matched)
                {
                    errors.Add(new RuleError(rule.Source, rule.Id, $"match sample #{index} ({sample.Language.ToString().ToLowerInvariant()}) was not flagged: {Preview(sample.Code)}"));
                }
                else if (!sample.MustMatch && matched)
                {
                    errors.Add(new RuleError(rule.Source, rule.Id, $"no-match sample #{index} ({sample.Language.ToString().ToLowerInvariant()}) was flagged: {Preview(sample.Code)}"));
                }
            }
        }
        return errors;
    }

    private static string Preview(string code)
    {
        var oneLine = string.Join(" ⏎ ", code.Trim().Split('\n').Select(l => l.Trim()));
        return oneLine.Length > 140 ? oneLine[..140] + "…" : oneLine;
    }
}
