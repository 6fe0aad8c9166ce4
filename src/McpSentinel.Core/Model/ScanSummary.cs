namespace McpSentinel.Core.Model;

public sealed record ScanSummary(
    int Total, int Critical, int High, int Medium, int Low, int Info, int Suppressed, int RiskScore)
{
    public static ScanSummary From(IReadOnlyCollection<Finding> findings, int suppressed) => new(
        findings.Count,
        findings.Count(f => f.Severity == Severity.Critical),
        findings.Count(f => f.Severity == Severity.High),
        findings.Count(f => f.Severity == Severity.Medium),
        findings.Count(f => f.Severity == Severity.Low),
        findings.Count(f => f.Severity == Severity.Info),
        suppressed,
        Model.RiskScore.ForScan(findings));
}
