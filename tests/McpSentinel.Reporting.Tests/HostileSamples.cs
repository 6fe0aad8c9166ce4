using McpSentinel.Core.Model;

namespace McpSentinel.Reporting.Tests;

/// <summary>Results whose scanned content attacks the report formats: script breakout, template syntax, spreadsheet
/// formulas, markdown/HTML injection, control characters.</summary>
internal static class HostileSamples
{
    public const string ScriptBreakout = "</script><script>document.title='PWNED';console.error('PWNED')</script>";
    public const string Template = "{{7*7}} ${7*7} {%print 1%}";
    public const string Formula = "=cmd|' /C calc'!A0";
    public const string ImgTag = "<img src=x onerror=alert(1)>";

    public static Finding Adversarial() => new()
    {
        Fingerprint = "fp-hostile",
        RuleId = "MCP-XSS-999",
        Title = Formula,
        Category = Categories.Xss,
        Severity = Severity.High,
        Confidence = Confidence.High,
        Engine = "static",
        Message = Template + " " + ImgTag + " [click](javascript:alert(1)) **bold** | pipe",
        Remediation = "+SUM(1,2) @cmd -2+3",
        Location = new Location("src/" + ImgTag + ".js", 7, 1, 7, 40),
        Evidence = ScriptBreakout + " \u0000\u0007 " + Formula,
        Cwe = ["CWE-79"],
        Owasp = ["LLM05:2025"],
        Mitre = ["T1059.007"],
        References = ["javascript:alert(1)", "https://example.test/ref?a=1&b=\"2\""],
        Trace = [new TraceStep("src/x.js", 1, 1, ScriptBreakout, "source: " + Template), new TraceStep("src/x.js", 7, 1, "@SUM(A1)", "sink")],
    };

    /// <summary>The deterministic result behind the golden files: three files, a surface finding with a logical path,
    /// a trace, the hostile finding, an incomplete diagnostic and suppressed findings.</summary>
    public static ScanResult Golden()
    {
        var trace = new List<TraceStep> { new("server.py", 10, 5, "def run(cmd: str):", "source: tool argument cmd"), new("server.py", 12, 9, "subprocess.run(cmd, shell=True)", "sink: shell") };
        var findings = new[]
        {
            SampleResults.Finding("MCP-CMD-001", Severity.Critical, "server.py", 12, "subprocess.run(cmd, shell=True)", trace),
            SampleResults.Finding("MCP-SEC-001", Severity.Medium, "config/settings.py", 3, "TOKEN = \"ghp_****…(40)\""),
            SampleResults.Finding("MCP-TP-001", Severity.Low, "", 1, "ignore previous instructions", logical: "server:demo/tool:run/description"),
            Adversarial(),
        }.Select(f => McpSentinel.Core.Scanning.FindingAggregator.Enrich(f)).ToArray(); // taxonomy and risk, as a scan sets them
        var result = SampleResults.Create(findings);
        return result with
        {
            Diagnostics = [new ScanDiagnostic("big.json", "skipped: over the limit", false), new ScanDiagnostic("locked.py", "cannot read file: permission denied", true)],
            SuppressedFindings = [SampleResults.Finding("MCP-CMD-002", Severity.Low, "old.py", 1, "os.system(x)")],
        };
    }
}
