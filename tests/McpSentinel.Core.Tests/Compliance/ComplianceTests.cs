using McpSentinel.Core.Compliance;
using McpSentinel.Core.Model;
using Xunit;

namespace McpSentinel.Core.Tests.Compliance;

public sealed class ComplianceTests
{
    private static readonly ComplianceCatalog Catalog = ComplianceCatalog.Default;

    [Fact]
    public void MappingTables_CoverEveryCategory_WithWellFormedIds()
    {
        foreach (var category in Categories.All) Assert.True(Catalog.Categories.ContainsKey(category), $"no mapping for {category}");
        foreach (var (category, m) in Catalog.Categories)
        {
            Assert.True(Categories.IsKnown(category), category);
            Assert.All(m.OwaspLlm, id => Assert.Matches(@"^LLM(0[1-9]|10):2025$", id));
            Assert.All(m.OwaspMcp, id => Assert.Matches(@"^MCP(0[1-9]|10):2025$", id));
            Assert.All(m.Attack, id => Assert.Matches(@"^T\d{4}(\.\d{3})?$", id));
            Assert.All(m.Atlas, id => Assert.Matches(@"^AML\.T\d{4}(\.\d{3})?$", id));
        }
        Assert.Equal(["LLM03:2025"], Catalog.Categories[Categories.SupplyChain].OwaspLlm);
        Assert.Contains("MCP04:2025", Catalog.Categories[Categories.SupplyChain].OwaspMcp);
    }

    [Fact]
    public void Frameworks_AreTheFiveAdvertised_AndMapOnlyKnownCategories()
    {
        Assert.Equal(["hipaa", "iso-27001", "nist-800-53", "pci-dss", "soc2"], Catalog.Frameworks.Keys.Order(StringComparer.Ordinal));
        foreach (var (_, framework) in Catalog.Frameworks)
        {
            Assert.NotEmpty(framework.Controls);
            Assert.Equal(framework.Controls.Count, framework.Controls.Select(c => c.Id).Distinct().Count());
            Assert.All(framework.Controls, c => Assert.All(c.Categories, cat => Assert.True(Categories.IsKnown(cat), $"{c.Id}: {cat}")));
        }
    }

    private static Finding F(string category, string fingerprint) => new()
    {
        Fingerprint = fingerprint, RuleId = "X", Title = "t", Category = category, Severity = Severity.High, Confidence = Confidence.High,
        Engine = "deps", Message = "m", Remediation = "r", Location = new Location("a", 1, 1, 1, 1), Evidence = "",
    };

    [Fact]
    public void Evaluate_FailsOnlyTheControlsAFindingMapsTo()
    {
        var reports = ComplianceEvaluator.Evaluate(["pci-dss"], [F(Categories.SupplyChain, "fp1")], ["static", "deps"]);
        var pci = Assert.Single(reports);
        Assert.Equal("fail", pci.Status);
        var c631 = Assert.Single(pci.Controls, c => c.Id == "6.3.1");
        Assert.Equal("fail", c631.Status);
        Assert.Equal(["fp1"], c631.Findings);
        var c862 = Assert.Single(pci.Controls, c => c.Id == "8.6.2");
        Assert.Equal("pass", c862.Status);
        Assert.Empty(c862.Findings);
    }

    [Fact]
    public void Evaluate_ControlsNoEngineCouldTest_AreNotTouched_AndNoFindingsMeansPass()
    {
        var reports = ComplianceEvaluator.Evaluate(["pci-dss", "soc2"], [], ["deps"]);
        Assert.All(reports, r => Assert.Equal("pass", r.Status));
        var pci = reports[0];
        Assert.DoesNotContain(pci.Controls, c => c.Id == "8.6.2"); // secrets: only the static engine reports them
        Assert.Contains(pci.Controls, c => c.Id == "6.3.2");
    }

    [Fact]
    public void Evaluate_ConfigOrSurfaceOnlyScans_TouchTheirControls()
    {
        var config = Assert.Single(ComplianceEvaluator.Evaluate(["pci-dss"], [], ["config"]));
        Assert.Contains(config.Controls, c => c.Id == "8.6.2"); // secrets in client configurations
        Assert.Contains(config.Controls, c => c.Id == "2.2.1"); // insecure settings
        var surface = Assert.Single(ComplianceEvaluator.Evaluate(["soc2"], [F(Categories.ToolPoisoning, "fp")], ["surface"]));
        Assert.Equal("fail", Assert.Single(surface.Controls, c => c.Id == "CC6.6").Status);
        Assert.All(ComplianceEvaluator.EngineCategories.Values.SelectMany(c => c), c => Assert.True(Categories.IsKnown(c)));
    }

    [Fact]
    public void Parse_SplitsCommas_AndSeparatesUnknownIds()
    {
        var (known, unknown) = ComplianceEvaluator.Parse(["soc2,PCI-DSS", "gdpr"], Catalog);
        Assert.Equal(["soc2", "pci-dss"], known);
        Assert.Equal(["gdpr"], unknown);
    }
}
