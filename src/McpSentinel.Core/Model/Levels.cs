using System.Diagnostics.CodeAnalysis;

namespace McpSentinel.Core.Model;

/// <summary>Parsing and formatting of <see cref="Severity"/> and <see cref="Confidence"/> as the lower-case contract words.</summary>
public static class Levels
{
    public static string ToWord(this Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.High => "high",
        Severity.Medium => "medium",
        Severity.Low => "low",
        _ => "info",
    };

    public static string ToWord(this Confidence confidence) => confidence switch
    {
        Confidence.High => "high",
        Confidence.Medium => "medium",
        _ => "low",
    };

    public static bool TryParseSeverity(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "critical": severity = Severity.Critical; return true;
            case "high": severity = Severity.High; return true;
            case "medium": severity = Severity.Medium; return true;
            case "low": severity = Severity.Low; return true;
            case "info": severity = Severity.Info; return true;
            default: severity = Severity.Info; return false;
        }
    }

    public static bool TryParseConfidence(string? text, out Confidence confidence)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "high": confidence = Confidence.High; return true;
            case "medium": confidence = Confidence.Medium; return true;
            case "low": confidence = Confidence.Low; return true;
            default: confidence = Confidence.Low; return false;
        }
    }

    /// <summary>Parses a severity threshold; "none" means no threshold (never fail).</summary>
    public static bool TryParseThreshold(string? text, [NotNullWhen(true)] out Severity? severity)
    {
        if (string.Equals(text?.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            severity = (Severity)int.MaxValue;
            return true;
        }
        if (TryParseSeverity(text, out var s))
        {
            severity = s;
            return true;
        }
        severity = null;
        return false;
    }
}
