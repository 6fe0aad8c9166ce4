using McpSentinel.Core.Model;

namespace McpSentinel.Core.Rules;

/// <summary>Builds the rule set of a scan: the embedded pack plus users' rule directories, minus disabled rules,
/// with severity overrides applied. Any rule error, or an id defined twice, fails the whole load.</summary>
public static class RuleCatalog
{
    private static readonly Lazy<RuleLoadResult> Builtin = new(RuleLoader.LoadBuiltin);

    public static RuleLoadResult BuiltinRules => Builtin.Value;

    public static (RuleSet? Rules, IReadOnlyList<RuleError> Errors) Build(
        IEnumerable<string> ruleDirectories,
        IEnumerable<string> disabledRules,
        IReadOnlyDictionary<string, Severity> severityOverrides,
        bool includeBuiltin = true,
        IEnumerable<EngineRule>? engineRules = null)
    {
        var rules = new List<CompiledRule>();
        var errors = new List<RuleError>();
        if (includeBuiltin)
        {
            rules.AddRange(Builtin.Value.Rules);
            errors.AddRange(Builtin.Value.Errors);
        }
        foreach (var dir in ruleDirectories)
        {
            var loaded = RuleLoader.LoadDirectory(dir);
            rules.AddRange(loaded.Rules);
            errors.AddRange(loaded.Errors);
        }
        foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new RuleError(string.Join(" and ", duplicate.Select(r => r.Source)), duplicate.Key, "rule id defined more than once"));
        }
        // engine rules (detectors): Core's own plus those a host adds (the semantic engine's MCP-TAINT-*)
        var detectors = EngineRuleCatalog.Core.Concat(engineRules ?? []).DistinctBy(r => r.Id, StringComparer.OrdinalIgnoreCase).ToArray();
        var known = rules.Select(r => r.Id).Concat(detectors.Select(r => r.Id)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var id in disabledRules.Concat(severityOverrides.Keys).Where(id => !known.Contains(id)))
        {
            errors.Add(new RuleError("configuration", id, "no such rule (in disable-rules or severity-overrides)"));
        }
        if (errors.Count > 0) return (null, errors);

        var disabled = disabledRules.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var selected = rules
            .Where(r => !disabled.Contains(r.Id))
            .Select(r => severityOverrides.TryGetValue(r.Id, out var s) ? r.WithSeverity(s) : r);
        var detectorIds = detectors.Select(r => r.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (new RuleSet(selected)
        {
            EngineRules = detectors.Where(r => !disabled.Contains(r.Id))
                .Select(r => severityOverrides.TryGetValue(r.Id, out var s) ? r with { Metadata = r.Metadata with { Severity = s } } : r)
                .ToDictionary(r => r.Id, StringComparer.Ordinal),
            DisabledDetectorRules = disabled.Where(detectorIds.Contains).ToHashSet(StringComparer.OrdinalIgnoreCase),
            DetectorSeverityOverrides = severityOverrides.Where(kv => detectorIds.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase),
        }, errors);
    }
}
