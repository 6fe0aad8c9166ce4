using McpSentinel.Core.Model;

namespace McpSentinel.Core.Compliance;

/// <summary>Evaluates reported findings against the controls of the requested frameworks.</summary>
public static class ComplianceEvaluator
{
    /// <summary>Categories each engine can report, to know which controls a scan touched.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> EngineCategories = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["static"] = Categories.All.Where(c => c is not (Categories.SupplyChain or Categories.RugPull or Categories.ToolShadowing or Categories.ToxicFlow)).ToArray(),
        ["deps"] = [Categories.SupplyChain],
        ["config"] = [Categories.HardcodedSecret, Categories.SupplyChain, Categories.InsecureConfig, Categories.SensitiveFileAccess],
        ["semantic"] = [Categories.CommandInjection, Categories.CodeInjection, Categories.PathTraversal, Categories.Ssrf, Categories.SqlInjection, Categories.UnsafeDeserialization],
        ["surface"] = [Categories.ToolPoisoning, Categories.PromptInjection, Categories.ToolShadowing, Categories.ToxicFlow, Categories.RugPull, Categories.SensitiveFileAccess, Categories.CredentialExposure],
    };

    /// <summary>Framework ids (as in the catalog) from a comma-separated list; unknown ids are returned separately.</summary>
    public static (IReadOnlyList<string> Known, IReadOnlyList<string> Unknown) Parse(IEnumerable<string> values, ComplianceCatalog catalog)
    {
        var ids = values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Select(v => v.ToLowerInvariant()).Distinct().ToList();
        return (ids.Where(catalog.Frameworks.ContainsKey).ToArray(), ids.Where(i => !catalog.Frameworks.ContainsKey(i)).ToArray());
    }

    public static IReadOnlyList<ComplianceReport> Evaluate(IReadOnlyList<string> frameworks, IReadOnlyList<Finding> findings, IReadOnlyList<string> engines, ComplianceCatalog? catalog = null)
    {
        catalog ??= ComplianceCatalog.Default;
        var detectable = engines.SelectMany(e => EngineCategories.TryGetValue(e, out var c) ? c : []).ToHashSet(StringComparer.Ordinal);
        var reports = new List<ComplianceReport>();
        foreach (var id in frameworks)
        {
            var framework = catalog.Frameworks[id];
            var controls = new List<ControlResult>();
            foreach (var control in framework.Controls)
            {
                if (!control.Categories.Any(detectable.Contains)) continue; // not touched by this scan
                var failing = findings.Where(f => control.Categories.Contains(f.Category, StringComparer.Ordinal)).Select(f => f.Fingerprint).ToArray();
                controls.Add(new ControlResult(control.Id, control.Title, failing.Length > 0 ? "fail" : "pass", control.Categories.Where(detectable.Contains).ToArray(), failing));
            }
            reports.Add(new ComplianceReport(id, framework.Name, controls.Any(c => c.Status == "fail") ? "fail" : "pass", controls));
        }
        return reports;
    }
}
