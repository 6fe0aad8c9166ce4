using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;

namespace McpSentinel.Reporting.Tests;

internal static class SampleResults
{
    public const string Secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

    public static Finding Finding(string ruleId, Severity severity, string path, int line, string evidence, IReadOnlyList<TraceStep>? trace = null, string? logical = null) => new()
    {
        Fingerprint = "fp-" + ruleId + "-" + line,
        RuleId = ruleId,
        Title = "Title of " + ruleId,
        Category = Categories.CommandInjection,
        Severity = severity,
        Confidence = Confidence.Medium,
        Engine = "static",
        Message = "Message of " + ruleId,
        Remediation = "Fix it.",
        Location = new Location(logical is null ? path : null, line, 5, line, 20, logical),
        Evidence = evidence,
        Cwe = ["CWE-78"],
        Owasp = ["LLM05:2025"],
        Mitre = ["T1059"],
        References = ["https://cwe.mitre.org/data/definitions/78.html"],
        Trace = trace,
    };

    public static ScanResult Create(params Finding[] findings) => new()
    {
        ToolVersion = "0.1.0",
        Target = "/tmp/project",
        RootPath = "/tmp/project",
        StartedAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero),
        DurationMs = 42,
        Engines = ["static"],
        FilesScanned = 3,
        FilesSkipped = 1,
        Diagnostics = [new ScanDiagnostic("big.json", "skipped: over the limit", false)],
        Findings = findings,
        SuppressedFindings = [],
        Rules = findings.Select(f => f.RuleId).Distinct().Select(id => new RuleMetadata
        {
            Id = id, Title = "Title of " + id, Category = Categories.CommandInjection, Severity = Severity.High, Confidence = Confidence.Medium,
            Message = "m", Description = "Description of " + id, Remediation = "Fix it.", Cwe = ["CWE-78"], Owasp = ["LLM05:2025"],
        }).ToArray(),
    };

    public static string Render(IReporter reporter, ScanResult result)
    {
        using var stream = new MemoryStream();
        reporter.Write(result, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
