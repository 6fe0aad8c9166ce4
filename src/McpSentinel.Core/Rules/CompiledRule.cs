using System.Text.RegularExpressions;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Rules;

/// <summary>An immutable, ready-to-run static rule (built by <see cref="RuleCompiler"/>).</summary>
public sealed class CompiledRule
{
    internal CompiledRule(
        RuleMetadata metadata,
        RuleKind kind,
        IReadOnlySet<Language>? languages,
        IReadOnlyList<string> keywords,
        int window,
        IReadOnlyList<Regex> patterns,
        IReadOnlyList<Regex> excludePatterns,
        double? minEntropy,
        IReadOnlyList<RuleSample> samples,
        string source)
    {
        Metadata = metadata;
        Kind = kind;
        LanguageSet = languages;
        Keywords = keywords;
        Window = window;
        Patterns = patterns;
        ExcludePatterns = excludePatterns;
        MinEntropy = minEntropy;
        Samples = samples;
        Source = source;
    }

    public RuleMetadata Metadata { get; }
    public string Id => Metadata.Id;
    public RuleKind Kind { get; }
    /// <summary>The languages the rule targets; null means every file kind.</summary>
    public IReadOnlySet<Language>? LanguageSet { get; }
    /// <summary>Literal anchors, matched case-insensitively per line before any regex runs.</summary>
    public IReadOnlyList<string> Keywords { get; }
    /// <summary>Extra lines after a keyword line that a match may span.</summary>
    public int Window { get; }
    public IReadOnlyList<Regex> Patterns { get; }
    public IReadOnlyList<Regex> ExcludePatterns { get; }
    public double? MinEntropy { get; }
    public IReadOnlyList<RuleSample> Samples { get; }
    /// <summary>Where the rule came from (embedded resource name or file path).</summary>
    public string Source { get; }

    /// <summary>The same rule with another severity (configuration <c>severity-overrides</c>).</summary>
    public CompiledRule WithSeverity(Severity severity) => new(
        Metadata with { Severity = severity }, Kind, LanguageSet, Keywords, Window, Patterns, ExcludePatterns, MinEntropy, Samples, Source);

    public bool AppliesTo(Language language) => LanguageSet is null || LanguageSet.Contains(language);
}
