using System.Buffers;
using System.Collections.Frozen;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Rules;

/// <summary>
/// An immutable set of compiled rules with the keyword index the static engine uses as its prefilter:
/// all keywords of all rules go into one multi-string searcher, so a file is searched once for every
/// anchor at the same time, and a rule's regexes only run on the lines where one of its keywords occurs.
/// </summary>
public sealed class RuleSet
{
    private readonly SearchValues<string>? _keywordSearch;
    private readonly FrozenDictionary<char, KeywordEntry[]> _keywordsByFirstChar;

    public RuleSet(IEnumerable<CompiledRule> rules)
    {
        Rules = rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        ById = Rules.ToFrozenDictionary(r => r.Id, StringComparer.Ordinal);

        var byKeyword = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < Rules.Count; i++)
        {
            foreach (var keyword in Rules[i].Keywords)
            {
                if (!byKeyword.TryGetValue(keyword, out var list)) byKeyword[keyword] = list = [];
                list.Add(i);
            }
        }
        if (byKeyword.Count > 0) _keywordSearch = SearchValues.Create(byKeyword.Keys.ToArray(), StringComparison.OrdinalIgnoreCase);
        _keywordsByFirstChar = byKeyword
            .SelectMany(kv => FirstCharVariants(kv.Key[0]).Select(c => (c, entry: new KeywordEntry(kv.Key, kv.Value.ToArray()))))
            .GroupBy(x => x.c)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.entry).ToArray());
    }

    public static readonly RuleSet Empty = new([]);

    /// <summary>Ids disabled by configuration, for built-in detectors that are not YAML rules (e.g. the config engine's MCP-CONF-*).</summary>
    public IReadOnlySet<string> DisabledDetectorRules { get; init; } = new HashSet<string>();
    /// <summary>Severity overrides from configuration, for built-in detectors that are not YAML rules.</summary>
    public IReadOnlyDictionary<string, Severity> DetectorSeverityOverrides { get; init; } = new Dictionary<string, Severity>();

    /// <summary>The engine rules (detectors) this rule set knows, by id, with severity overrides applied and disabled ones left out.</summary>
    public IReadOnlyDictionary<string, EngineRule> EngineRules { get; init; } = new Dictionary<string, EngineRule>();

    /// <summary>Applies <see cref="DisabledDetectorRules"/> and <see cref="DetectorSeverityOverrides"/> to engine findings:
    /// a finding of a disabled detector rule is dropped, an overridden one takes the new severity. YAML rules are
    /// already removed or overridden when the rule set is built, so their findings pass unchanged.</summary>
    public IEnumerable<Finding> ApplyDetectorSettings(IEnumerable<Finding> findings)
    {
        if (DisabledDetectorRules.Count == 0 && DetectorSeverityOverrides.Count == 0) return findings;
        return findings
            .Where(f => !DisabledDetectorRules.Contains(f.RuleId))
            .Select(f => DetectorSeverityOverrides.TryGetValue(f.RuleId, out var severity) && f.Severity != severity ? f with { Severity = severity } : f);
    }

    /// <summary>Metadata of an engine rule for report rule tables, with the severity override applied; null when unknown here.</summary>
    public RuleMetadata? EngineRuleMetadata(string id, IEnumerable<EngineRule> fallback)
    {
        var metadata = EngineRules.TryGetValue(id, out var known) ? known.Metadata : fallback.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal))?.Metadata;
        return metadata is not null && DetectorSeverityOverrides.TryGetValue(id, out var severity) ? metadata with { Severity = severity } : metadata;
    }

    public IReadOnlyList<CompiledRule> Rules { get; }
    public FrozenDictionary<string, CompiledRule> ById { get; }

    /// <summary>
    /// Finds every keyword occurrence in <paramref name="text"/> and calls <paramref name="onHit"/> with the
    /// rule index and the offset of the occurrence, for rules that apply to <paramref name="language"/>.
    /// </summary>
    public void FindKeywordHits(ReadOnlySpan<char> text, Language language, Action<int, int> onHit)
    {
        if (_keywordSearch is null) return;
        int offset = 0;
        while (offset < text.Length)
        {
            int index = text[offset..].IndexOfAny(_keywordSearch);
            if (index < 0) break;
            int position = offset + index;
            if (_keywordsByFirstChar.TryGetValue(text[position], out var entries))
            {
                var rest = text[position..];
                foreach (var entry in entries)
                {
                    if (!rest.StartsWith(entry.Keyword, StringComparison.OrdinalIgnoreCase)) continue;
                    foreach (var ruleIndex in entry.RuleIndexes)
                    {
                        if (Rules[ruleIndex].AppliesTo(language)) onHit(ruleIndex, position);
                    }
                }
            }
            offset = position + 1;
        }
    }

    private static IEnumerable<char> FirstCharVariants(char c)
    {
        var lower = char.ToLowerInvariant(c);
        var upper = char.ToUpperInvariant(c);
        yield return lower;
        if (upper != lower) yield return upper;
        // Ordinal-ignore-case treats the Kelvin sign and similar as equal to ASCII letters.
        if (lower == 'k') yield return '\u212A';
        if (lower == 's') yield return '\u017F';
    }

    private sealed record KeywordEntry(string Keyword, int[] RuleIndexes);
}
