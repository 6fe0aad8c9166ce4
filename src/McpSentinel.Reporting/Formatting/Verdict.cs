using McpSentinel.Core.Model;

namespace McpSentinel.Reporting.Formatting;

/// <summary>The go/no-go call shown at the top of human reports: no finding at or above high is a go; an incomplete
/// scan is never a go (something could not be looked at).</summary>
public enum VerdictKind
{
    Go,
    NoGo,
    Incomplete,
}

public static class Verdict
{
    public const Severity Threshold = Severity.High;

    public static VerdictKind Of(ScanResult result)
    {
        if (result.Findings.Any(f => f.Severity >= Threshold)) return VerdictKind.NoGo;
        return result.Incomplete ? VerdictKind.Incomplete : VerdictKind.Go;
    }

    public static string Word(VerdictKind kind) => kind switch
    {
        VerdictKind.Go => "GO",
        VerdictKind.NoGo => "NO-GO",
        _ => "NO-GO (incomplete scan)",
    };

    public static string Explanation(ScanResult result)
    {
        var s = result.Summary;
        return Of(result) switch
        {
            VerdictKind.NoGo => $"{s.Critical + s.High} finding(s) at high severity or above must be fixed or triaged before release.",
            VerdictKind.Incomplete => "No finding at high severity or above, but the scan was incomplete: some targets could not be analysed (see diagnostics).",
            _ => s.Total == 0 ? "No findings." : $"No finding at high severity or above ({s.Total} lower-severity finding(s) to review).",
        };
    }
}
