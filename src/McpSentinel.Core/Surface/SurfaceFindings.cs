using McpSentinel.Core.Model;
using McpSentinel.Core.Text;

namespace McpSentinel.Core.Surface;

/// <summary>Builds surface findings: a logical location, the rule's metadata, evidence made visible and clipped.</summary>
public static class SurfaceFindings
{
    public const string EngineName = "surface";
    private const int MaxEvidence = 240;

    public static Finding Create(Rules.RuleMetadata rule, string logicalPath, string message, string evidence, Severity? severity = null) => new()
    {
        Fingerprint = "",
        RuleId = rule.Id,
        Title = rule.Title,
        Category = rule.Category,
        Severity = severity ?? rule.Severity,
        Confidence = rule.Confidence,
        Engine = EngineName,
        Message = message,
        Remediation = rule.Remediation,
        Location = new Location(null, 1, 1, 1, 1, logicalPath),
        Evidence = Clip(VisibleText.Render(evidence)),
        Cwe = rule.Cwe,
        Owasp = rule.Owasp,
        Mitre = rule.Mitre,
        References = rule.References,
    };

    public static string Clip(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= MaxEvidence ? text : text[..MaxEvidence] + "…";
    }
}
