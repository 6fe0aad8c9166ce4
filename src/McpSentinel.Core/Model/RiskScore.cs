namespace McpSentinel.Core.Model;

/// <summary>
/// Risk scores, documented in docs/risk-score.md. A finding scores 0-100 from five factors:
/// <code>
/// base  = severityPoints × confidence × reachability × exposure            (0..100)
/// score = base + (100 − base) × exploitationBoost × severityPoints / 100    (0..100)
/// </code>
/// and a scan scores <c>100 × (1 − Π (1 − sᵢ/100 × 0.7^i))</c> over its findings' scores sorted from highest
/// (i = 0, 1, …): the worst finding counts fully, the next at 70 %, the next at 49 %… Every function here is pure,
/// monotonic (non-decreasing) in each factor and bounded to 0..100.
/// </summary>
public static class RiskScore
{
    public static double SeverityPoints(Severity severity) => severity switch
    {
        Severity.Critical => 100,
        Severity.High => 75,
        Severity.Medium => 50,
        Severity.Low => 25,
        _ => 0,
    };

    public static double ConfidenceFactor(Confidence confidence) => confidence switch
    {
        Confidence.High => 1.0,
        Confidence.Medium => 0.85,
        _ => 0.65,
    };

    public static double ReachabilityFactor(Reachability reachability) => reachability switch
    {
        Reachability.Reachable => 1.0,
        Reachability.Unknown => 0.85,
        _ => 0.5,
    };

    public static double ExposureFactor(Exposure exposure) => exposure switch
    {
        Exposure.RemoteUnauthenticated => 1.0,
        Exposure.Remote => 0.9,
        Exposure.Unknown => 0.85,
        _ => 0.7,
    };

    /// <summary>The share of the gap to 100 that known exploitation closes (scaled by severity).</summary>
    public static double ExploitationBoost(Exploitation exploitation) => exploitation switch
    {
        Exploitation.Malicious => 0.6,
        Exploitation.KnownExploited => 0.5,
        _ => 0,
    };

    /// <summary>The 0-100 score of one finding from its factors (unrounded).</summary>
    public static double Compute(Severity severity, Confidence confidence, Reachability reachability, Exposure exposure, Exploitation exploitation)
    {
        double points = SeverityPoints(severity);
        double baseScore = points * ConfidenceFactor(confidence) * ReachabilityFactor(reachability) * ExposureFactor(exposure);
        double score = baseScore + (100 - baseScore) * ExploitationBoost(exploitation) * points / 100;
        return Math.Clamp(score, 0, 100);
    }

    /// <summary>The 0-100 score of one finding from its factors, rounded half away from zero.</summary>
    public static int ForFinding(Severity severity, Confidence confidence, Reachability reachability, Exposure exposure, Exploitation exploitation) =>
        Round(Compute(severity, confidence, reachability, exposure, exploitation));

    /// <summary>Derives a finding's factors and score. Reachability comes from the finding (trace, engine, category,
    /// path); exposure and exploitation from what the engine reported (<see cref="Finding.Signals"/>), else unknown / none.</summary>
    public static FindingRisk Assess(Finding finding)
    {
        var (reachability, why) = ReachabilityOf(finding);
        var signals = finding.Signals;
        var exposure = signals?.Exposure ?? Exposure.Unknown;
        var exposureWhy = signals?.Exposure is null
            ? "how the server is run is not known from these inputs"
            : signals.ExposureReason ?? exposure.ToString();
        var exploitation = signals?.Exploitation ?? Exploitation.None;
        if (exploitation == Exploitation.Malicious && reachability != Reachability.TestCode)
        {
            (reachability, why) = (Reachability.Reachable, "a malicious release runs its payload when it is installed or loaded");
        }
        int score = ForFinding(finding.Severity, finding.Confidence, reachability, exposure, exploitation);
        return new FindingRisk(score, finding.Severity, finding.Confidence, reachability, why, exposure, exposureWhy, exploitation, signals?.ExploitationSource);
    }

    /// <summary>The finding with <see cref="Finding.Risk"/> set.</summary>
    public static Finding Apply(Finding finding) => finding with { Risk = Assess(finding) };

    private static (Reachability, string) ReachabilityOf(Finding f)
    {
        var path = f.Location.Path;
        if (path is not null && TestPaths.IsTestOrExample(path)) return (Reachability.TestCode, "test, example or fixture code");
        if (f.Trace is { Count: > 0 }) return (Reachability.Reachable, "a data-flow trace from a tool or HTTP parameter reaches it");
        return f.Engine switch
        {
            "surface" or "live" => (Reachability.Reachable, "the model reads this server surface"),
            "config" => (Reachability.Reachable, "the client configuration applies it on every start"),
            "deps" => (Reachability.Unknown, "whether the vulnerable code of the dependency is called is not known"),
            _ when f.Category == Categories.HardcodedSecret => (Reachability.Reachable, "a secret in a shipped file is readable by anyone who has the file"),
            _ => (Reachability.Unknown, "a pattern match: no trace says whether a tool call reaches it"),
        };
    }

    /// <summary>How much less each further finding of a scan counts than the one before it.</summary>
    public const double ScanDecay = 0.7;

    /// <summary>The score of a scan: 0 with no findings; otherwise at least the worst finding's score, each further
    /// finding (in decreasing score order) closing a shrinking share of the remaining gap.</summary>
    public static int ForScan(IEnumerable<Finding> findings) =>
        ForScores(findings.Select(f => (double)(f.Risk ?? Assess(f)).Score));

    public static int ForScores(IEnumerable<double> scores)
    {
        double remaining = 1;
        double weight = 1;
        foreach (var s in scores.OrderByDescending(s => s))
        {
            remaining *= 1 - Math.Clamp(s, 0, 100) / 100 * weight;
            weight *= ScanDecay;
            if (weight < 1e-9) break;
        }
        return Round(100 * (1 - remaining));
    }

    private static int Round(double value) => (int)Math.Clamp(Math.Round(value, MidpointRounding.AwayFromZero), 0, 100);
}
