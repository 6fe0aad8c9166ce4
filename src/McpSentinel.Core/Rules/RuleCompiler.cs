using System.Text.RegularExpressions;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Rules;

/// <summary>Validates a <see cref="RuleDocument"/> and compiles it into an immutable <see cref="CompiledRule"/>.</summary>
internal static class RuleCompiler
{
    /// <summary>Every rule regex runs with this match timeout (they also only ever see a few lines at a time).</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private static readonly Regex IdPattern = new("^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]{3}$", RegexOptions.CultureInvariant, MatchTimeout);

    public const int MaxWindow = 10;

    public static Regex CreateRegex(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant, MatchTimeout);

    public static CompiledRule? Compile(RuleDocument doc, string source, List<RuleError> errors)
    {
        var id = doc.Id?.Trim();
        int before = errors.Count;
        void Error(string message) => errors.Add(new RuleError(source, id, message));

        if (string.IsNullOrEmpty(id)) Error("missing 'id'");
        else if (!IdPattern.IsMatch(id)) Error($"id '{id}' must look like MCP-CMD-001 (upper-case words, a three-digit number)");
        if (string.IsNullOrWhiteSpace(doc.Title)) Error("missing 'title'");
        if (string.IsNullOrWhiteSpace(doc.Category)) Error("missing 'category'");
        else if (!Categories.IsKnown(doc.Category.Trim())) Error($"unknown category '{doc.Category}' (see docs/rule-format.md)");
        if (!Levels.TryParseSeverity(doc.Severity, out var severity)) Error($"severity must be critical, high, medium, low or info (got '{doc.Severity}')");
        if (!Levels.TryParseConfidence(doc.Confidence, out var confidence)) Error($"confidence must be high, medium or low (got '{doc.Confidence}')");

        RuleKind kind = RuleKind.Code;
        switch (doc.Kind?.Trim().ToLowerInvariant())
        {
            case "code": kind = RuleKind.Code; break;
            case "text": kind = RuleKind.Text; break;
            default: Error($"kind must be 'code' or 'text' (got '{doc.Kind}')"); break;
        }

        HashSet<Language>? languages = null;
        var languageWords = new List<string>();
        if (doc.Languages is null || doc.Languages.Count == 0) Error("missing 'languages' (use [any] for every file kind)");
        else if (doc.Languages.Any(l => string.Equals(l, "any", StringComparison.OrdinalIgnoreCase)))
        {
            if (doc.Languages.Count > 1) Error("'any' cannot be combined with other languages");
            languageWords.Add("any");
        }
        else
        {
            languages = [];
            foreach (var word in doc.Languages)
            {
                if (Languages.TryParse(word, out var language)) { languages.Add(language); languageWords.Add(language.ToWord()); }
                else Error($"unknown language '{word}'");
            }
        }

        var keywords = (doc.Keywords ?? []).Where(k => !string.IsNullOrEmpty(k)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (keywords.Count == 0) Error("missing 'keywords': every rule needs literal anchors for the prefilter");
        foreach (var keyword in keywords)
        {
            bool ascii = keyword.All(char.IsAscii);
            if (ascii && keyword.Trim().Length < 3) Error($"keyword '{keyword}' is too short to be a useful anchor (3 characters at least)");
            if (keyword.Contains('\n')) Error($"keyword '{keyword}' spans lines; keywords are matched within one line");
        }

        int window = doc.Window ?? 0;
        if (window is < 0 or > MaxWindow) Error($"window must be between 0 and {MaxWindow}");

        var patterns = doc.Patterns ?? [];
        if (patterns.Count == 0) Error("missing 'patterns'");
        var compiled = new List<Regex>();
        foreach (var pattern in patterns.Concat(doc.ExcludePatterns ?? []))
        {
            try { compiled.Add(CreateRegex(pattern)); }
            catch (ArgumentException ex) { Error($"regex does not compile: {pattern}: {ex.Message}"); }
        }

        if (doc.Entropy is { } entropy && entropy.Min is <= 0 or > 8) Error("entropy.min must be between 0 and 8 bits per character");
        if (string.IsNullOrWhiteSpace(doc.Message)) Error("missing 'message'");
        if (string.IsNullOrWhiteSpace(doc.Description)) Error("missing 'description'");
        if (string.IsNullOrWhiteSpace(doc.Remediation)) Error("missing 'remediation'");
        if (doc.Cwe is null || doc.Cwe.Count == 0) Error("missing 'cwe'");
        else foreach (var cwe in doc.Cwe.Where(c => !Regex.IsMatch(c, "^CWE-[0-9]+$", RegexOptions.None, MatchTimeout))) Error($"'{cwe}' is not a CWE id like CWE-78");

        var samples = new List<RuleSample>();
        Language defaultLanguage = languages is { Count: > 0 } ? ParseFirst(doc.Languages!) : Language.Text;
        void AddSamples(List<RuleSampleDocument>? list, bool mustMatch)
        {
            foreach (var sample in list ?? [])
            {
                var language = defaultLanguage;
                if (sample.Lang is not null && !Languages.TryParse(sample.Lang, out language)) Error($"test sample has unknown lang '{sample.Lang}'");
                if (string.IsNullOrEmpty(sample.Code)) Error("test sample has no 'code'");
                else samples.Add(new RuleSample(language, sample.Code, mustMatch));
            }
        }
        AddSamples(doc.Tests?.Match, true);
        AddSamples(doc.Tests?.NoMatch, false);
        if (!samples.Any(s => s.MustMatch)) Error("tests.match needs at least one sample the rule must flag");
        if (!samples.Any(s => !s.MustMatch)) Error("tests.no-match needs at least one look-alike the rule must not flag");

        if (errors.Count > before) return null;

        var metadata = new RuleMetadata
        {
            Id = id!,
            Title = doc.Title!.Trim(),
            Category = doc.Category!.Trim(),
            Severity = severity,
            Confidence = confidence,
            Message = doc.Message!.Trim(),
            Description = doc.Description!.Trim(),
            Remediation = doc.Remediation!.Trim(),
            Cwe = doc.Cwe!.Select(c => c.Trim()).ToArray(),
            Owasp = (doc.Owasp ?? []).Select(o => o.Trim()).ToArray(),
            Mitre = (doc.Mitre ?? []).Select(o => o.Trim()).ToArray(),
            References = (doc.References ?? []).Select(o => o.Trim()).ToArray(),
            Languages = languageWords,
        };
        int patternCount = patterns.Count;
        return new CompiledRule(
            metadata, kind, languages, keywords, window,
            compiled.Take(patternCount).ToArray(), compiled.Skip(patternCount).ToArray(),
            doc.Entropy?.Min, samples, source);
    }

    private static Language ParseFirst(List<string> words)
    {
        Languages.TryParse(words[0], out var language);
        return language;
    }
}
