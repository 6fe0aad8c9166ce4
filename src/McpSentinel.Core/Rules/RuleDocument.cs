using McpSentinel.Core.Yaml;


namespace McpSentinel.Core.Rules;

/// <summary>The YAML shape of a rule file (see docs/rule-format.md). Only a transfer object:
/// <see cref="RuleCompiler"/> turns it into an immutable <see cref="CompiledRule"/>.</summary>
internal sealed class RuleDocument
{
    public static RuleDocument? Read(YamlMap? map)
    {
        if (map is null) return null;
        var doc = new RuleDocument
        {
            Id = map.String("id"),
            Title = map.String("title"),
            Category = map.String("category"),
            Severity = map.String("severity"),
            Confidence = map.String("confidence"),
            Kind = map.String("kind"),
            Languages = map.StringList("languages"),
            Keywords = map.StringList("keywords"),
            Window = map.Int("window"),
            Patterns = map.StringList("patterns"),
            ExcludePatterns = map.StringList("exclude-patterns"),
            Message = map.String("message"),
            Description = map.String("description"),
            Remediation = map.String("remediation"),
            Cwe = map.StringList("cwe"),
            Owasp = map.StringList("owasp"),
            Mitre = map.StringList("mitre"),
            References = map.StringList("references"),
        };
        if (map.Map("entropy") is { } entropy)
        {
            doc.Entropy = new EntropyDocument { Min = entropy.Double("min") ?? 0 };
            entropy.RejectUnknownKeys();
        }
        if (map.Map("tests") is { } tests)
        {
            doc.Tests = new RuleTestsDocument { Match = ReadSamples(tests.MapList("match")), NoMatch = ReadSamples(tests.MapList("no-match")) };
            tests.RejectUnknownKeys();
        }
        map.RejectUnknownKeys();
        return doc;
    }

    private static List<RuleSampleDocument>? ReadSamples(List<YamlMap>? items)
    {
        if (items is null) return null;
        var list = new List<RuleSampleDocument>();
        foreach (var item in items)
        {
            list.Add(new RuleSampleDocument { Lang = item.String("lang"), Code = item.String("code") });
            item.RejectUnknownKeys();
        }
        return list;
    }

    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Category { get; set; }
    public string? Severity { get; set; }
    public string? Confidence { get; set; }
    public string? Kind { get; set; }
    public List<string>? Languages { get; set; }
    public List<string>? Keywords { get; set; }
    public int? Window { get; set; }
    public List<string>? Patterns { get; set; }
    public List<string>? ExcludePatterns { get; set; }
    public EntropyDocument? Entropy { get; set; }
    public string? Message { get; set; }
    public string? Description { get; set; }
    public string? Remediation { get; set; }
    public List<string>? Cwe { get; set; }
    public List<string>? Owasp { get; set; }
    public List<string>? Mitre { get; set; }
    public List<string>? References { get; set; }
    public RuleTestsDocument? Tests { get; set; }
}

internal sealed class EntropyDocument
{
    public double Min { get; set; }
}

internal sealed class RuleTestsDocument
{
    public List<RuleSampleDocument>? Match { get; set; }
    public List<RuleSampleDocument>? NoMatch { get; set; }
}

internal sealed class RuleSampleDocument
{
    public string? Lang { get; set; }
    public string? Code { get; set; }
}
