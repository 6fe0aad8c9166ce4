namespace McpSentinel.Core.Model;

/// <summary>
/// The scan risk score (0-100), documented in docs/risk-score.md: each finding contributes
/// severity weight x confidence factor; the sum saturates towards 100, so one critical finding already
/// scores 55 and further findings add less and less.
/// </summary>
public static class RiskScore
{
    public static double FindingWeight(Finding finding)
    {
        double severity = finding.Severity switch
        {
            Severity.Critical => 40,
            Severity.High => 20,
            Severity.Medium => 8,
            Severity.Low => 2,
            _ => 0,
        };
        double confidence = finding.Confidence switch
        {
            Confidence.High => 1.0,
            Confidence.Medium => 0.7,
            _ => 0.4,
        };
        return severity * confidence;
    }

    public static int ForScan(IEnumerable<Finding> findings)
    {
        double sum = findings.Sum(FindingWeight);
        // 100 * (1 - e^(-sum/50)): one high-confidence critical (40) -> 55, two -> 80.
        return (int)Math.Round(100 * (1 - Math.Exp(-sum / 50.0)), MidpointRounding.AwayFromZero);
    }
}
