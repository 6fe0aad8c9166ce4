using System.Text.Json;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;

namespace McpSentinel.Core.Intel;

/// <summary>
/// The threat-taxonomy table kept as data (<c>Intel/Data/mappings.json</c>, embedded): per finding category its CWE
/// default, OWASP Top 10 for LLM Applications 2025, OWASP MCP Top 10, OWASP Top 10 for Agentic Applications 2026, MITRE
/// ATT&amp;CK and MITRE ATLAS entries (or why a framework has none), plus per-rule additions. A finding's taxonomy is its
/// rule's own entries, the rule's additions and its category's entries; a rule id the table does not list (a new
/// rule) still gets its category's. Pure and immutable.
/// </summary>
public sealed class TaxonomyCatalog
{
    public const string Cwe = "cwe";
    public const string OwaspLlm = "owaspLlm";
    public const string OwaspMcp = "owaspMcp";
    public const string OwaspAgentic = "owaspAgentic";
    public const string Attack = "attack";
    public const string Atlas = "atlas";

    /// <summary>The frameworks of the table, in report order.</summary>
    public static readonly IReadOnlyList<string> Frameworks = [Cwe, OwaspLlm, OwaspMcp, OwaspAgentic, Attack, Atlas];

    /// <summary>One row of the table: entries per framework and, for a framework left empty, why.</summary>
    public sealed record Entry
    {
        public IReadOnlyList<string> Cwe { get; init; } = [];
        public IReadOnlyList<string> OwaspLlm { get; init; } = [];
        public IReadOnlyList<string> OwaspMcp { get; init; } = [];
        public IReadOnlyList<string> OwaspAgentic { get; init; } = [];
        public IReadOnlyList<string> Attack { get; init; } = [];
        public IReadOnlyList<string> Atlas { get; init; } = [];
        public Dictionary<string, string> NotApplicable { get; init; } = [];

        public IReadOnlyList<string> Get(string framework) => framework switch
        {
            TaxonomyCatalog.Cwe => Cwe,
            TaxonomyCatalog.OwaspLlm => OwaspLlm,
            TaxonomyCatalog.OwaspMcp => OwaspMcp,
            TaxonomyCatalog.OwaspAgentic => OwaspAgentic,
            TaxonomyCatalog.Attack => Attack,
            TaxonomyCatalog.Atlas => Atlas,
            _ => [],
        };
    }

    public sealed record Source(string Name, string Url, string? List = null);

    private sealed record DataFile(Dictionary<string, Source> Sources, Dictionary<string, Entry> Categories, Dictionary<string, Entry> Rules);

    public TaxonomyCatalog(IReadOnlyDictionary<string, Entry> categories, IReadOnlyDictionary<string, Entry> rules, IReadOnlyDictionary<string, Source> sources)
    {
        Categories = categories;
        Rules = rules;
        Sources = sources;
    }

    public IReadOnlyDictionary<string, Entry> Categories { get; }
    /// <summary>Per-rule additions, by exact rule id.</summary>
    public IReadOnlyDictionary<string, Entry> Rules { get; }
    public IReadOnlyDictionary<string, Source> Sources { get; }

    private static readonly Lazy<TaxonomyCatalog> Bundled = new(() =>
    {
        using var stream = typeof(TaxonomyCatalog).Assembly.GetManifestResourceStream("intel/mappings.json")
            ?? throw new InvalidOperationException("the bundled mapping tables are missing from this build");
        var file = JsonSerializer.Deserialize<DataFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("the bundled mapping tables are empty");
        return new TaxonomyCatalog(file.Categories, file.Rules ?? [], file.Sources ?? []);
    });

    public static TaxonomyCatalog Default => Bundled.Value;

    /// <summary>The taxonomy of a rule in a category, given the rule's own CWE, OWASP and MITRE lists. The rule's own
    /// OWASP ids are sorted into LLM / MCP / ASI by prefix and its MITRE ids into ATT&amp;CK (T…) / ATLAS (AML.…); ids of
    /// other lists (e.g. the OWASP web Top 10) stay in the finding's own fields only. The CWE of the category is used only
    /// when neither the rule nor the table names one.</summary>
    public FindingTaxonomy Resolve(string ruleId, string category, IReadOnlyList<string> ownCwe, IReadOnlyList<string> ownOwasp, IReadOnlyList<string> ownMitre)
    {
        var byCategory = Categories.GetValueOrDefault(category) ?? Categories.GetValueOrDefault(Model.Categories.Other) ?? new Entry();
        var byRule = Rules.GetValueOrDefault(ruleId);
        IReadOnlyList<string> Merge(string framework, IEnumerable<string> own)
        {
            var list = own.Concat(byRule?.Get(framework) ?? []).ToList();
            if (framework != Cwe || list.Count == 0) list.AddRange(byCategory.Get(framework));
            return list.Distinct(StringComparer.Ordinal).ToArray();
        }
        var result = new FindingTaxonomy
        {
            Cwe = Merge(Cwe, ownCwe),
            OwaspLlm = Merge(OwaspLlm, ownOwasp.Where(o => o.StartsWith("LLM", StringComparison.Ordinal))),
            OwaspMcp = Merge(OwaspMcp, ownOwasp.Where(o => o.StartsWith("MCP", StringComparison.Ordinal))),
            OwaspAgentic = Merge(OwaspAgentic, ownOwasp.Where(o => o.StartsWith("ASI", StringComparison.Ordinal))),
            Attack = Merge(Attack, ownMitre.Where(m => m.StartsWith('T'))),
            Atlas = Merge(Atlas, ownMitre.Where(m => m.StartsWith("AML.", StringComparison.Ordinal))),
        };
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var framework in Frameworks)
        {
            if (Get(result, framework).Count > 0) continue;
            var reason = byRule?.NotApplicable.GetValueOrDefault(framework) ?? byCategory.NotApplicable.GetValueOrDefault(framework);
            if (reason is not null) reasons[framework] = reason;
        }
        return result with { NotApplicable = reasons };
    }

    /// <summary>A finding with its taxonomy set and its contract fields (<c>cwe</c>, <c>owasp</c>, <c>mitre</c>) extended
    /// with the table's entries.</summary>
    public Finding Enrich(Finding finding)
    {
        var t = Resolve(finding.RuleId, finding.Category, finding.Cwe, finding.Owasp, finding.Mitre);
        return finding with
        {
            Taxonomy = t,
            Cwe = t.Cwe,
            Owasp = Union(finding.Owasp, t.OwaspLlm.Concat(t.OwaspMcp).Concat(t.OwaspAgentic)),
            Mitre = Union(finding.Mitre, t.Attack.Concat(t.Atlas)),
        };
    }

    /// <summary>Rule metadata with the same extension (rule tables, SARIF rule tags).</summary>
    public RuleMetadata Enrich(RuleMetadata rule)
    {
        var t = Resolve(rule.Id, rule.Category, rule.Cwe, rule.Owasp, rule.Mitre);
        return rule with
        {
            Cwe = t.Cwe,
            Owasp = Union(rule.Owasp, t.OwaspLlm.Concat(t.OwaspMcp).Concat(t.OwaspAgentic)),
            Mitre = Union(rule.Mitre, t.Attack.Concat(t.Atlas)),
        };
    }

    public static IReadOnlyList<string> Get(FindingTaxonomy taxonomy, string framework) => framework switch
    {
        Cwe => taxonomy.Cwe,
        OwaspLlm => taxonomy.OwaspLlm,
        OwaspMcp => taxonomy.OwaspMcp,
        OwaspAgentic => taxonomy.OwaspAgentic,
        Attack => taxonomy.Attack,
        Atlas => taxonomy.Atlas,
        _ => [],
    };

    private static string[] Union(IEnumerable<string> a, IEnumerable<string> b) => a.Concat(b).Distinct(StringComparer.Ordinal).ToArray();
}
