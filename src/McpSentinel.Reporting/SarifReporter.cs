using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;

namespace McpSentinel.Reporting;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. Every rule carries short and full descriptions,
/// help (text and markdown), helpUri, <c>security-severity</c> and tags; every result carries a level,
/// <c>partialFingerprints</c>, and a physical location (files) or logical locations (server surface).
/// </summary>
public sealed class SarifReporter : IReporter
{
    public const string FingerprintKey = "mcpSentinelFingerprint/v1";

    public string Format => "sarif";
    public string Extension => ".sarif";

    public void Write(ScanResult result, Stream output)
    {
        var rules = result.Rules.ToList();
        foreach (var id in result.Findings.Select(f => f.RuleId).Distinct().Where(id => rules.All(r => r.Id != id)))
        {
            var f = result.Findings.First(x => x.RuleId == id);
            rules.Add(new RuleMetadata
            {
                Id = f.RuleId, Title = f.Title, Category = f.Category, Severity = f.Severity, Confidence = f.Confidence,
                Message = f.Message, Description = f.Message, Remediation = f.Remediation, Cwe = f.Cwe, Owasp = f.Owasp, Mitre = f.Mitre,
                References = f.References,
            });
        }
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);

        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default });
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "mcp-sentinel");
        json.WriteString("version", result.ToolVersion);
        json.WriteString("semanticVersion", result.ToolVersion);
        json.WriteString("informationUri", "https://github.com/mcp-sentinel/mcp-sentinel");
        json.WriteStartArray("rules");
        foreach (var rule in rules) WriteRule(json, rule);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        if (result.RootPath is not null)
        {
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject("SRCROOT");
            json.WriteString("uri", new Uri(result.RootPath.TrimEnd('/') + "/").AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", !result.Incomplete);
        json.WriteString("startTimeUtc", result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("endTimeUtc", result.StartedAt.AddMilliseconds(result.DurationMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var d in result.Diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("level", d.Incomplete ? "error" : "note");
            json.WriteStartObject("message");
            json.WriteString("text", d.Path + ": " + d.Message);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray("results");
        foreach (var finding in result.Findings) WriteResult(json, finding, ruleIndex[finding.RuleId], result.RootPath is not null);
        json.WriteEndArray();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>GitHub maps security-severity to critical (&gt;= 9.0), high (7.0-8.9), medium (4.0-6.9), low (0.1-3.9).</summary>
    public static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "0.5",
    };

    private static void WriteRule(Utf8JsonWriter json, RuleMetadata rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalName(rule.Title));
        WriteText(json, "shortDescription", rule.Title);
        WriteText(json, "fullDescription", rule.Description);
        json.WriteStartObject("help");
        json.WriteString("text", rule.Remediation);
        json.WriteString("markdown", $"**{rule.Title}**\n\n{rule.Description}\n\n**Remediation:** {rule.Remediation}");
        json.WriteEndObject();
        json.WriteString("helpUri", rule.HelpUri);
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.Severity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        json.WriteStringValue("security");
        json.WriteStringValue(rule.Category);
        foreach (var cwe in rule.Cwe) json.WriteStringValue("external/cwe/" + cwe.ToLowerInvariant());
        foreach (var owasp in rule.Owasp) json.WriteStringValue("external/owasp/" + owasp);
        foreach (var mitre in rule.Mitre) json.WriteStringValue("external/mitre/" + mitre);
        json.WriteEndArray();
        json.WriteString("security-severity", SecuritySeverity(rule.Severity));
        json.WriteString("precision", rule.Confidence switch { Confidence.High => "high", Confidence.Medium => "medium", _ => "low" });
        json.WriteString("problem.severity", rule.Severity >= Severity.High ? "error" : rule.Severity == Severity.Medium ? "warning" : "recommendation");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding f, int ruleIndex, bool hasRoot)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", f.RuleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(f.Severity));
        WriteText(json, "message", f.Message);
        json.WriteStartArray("locations");
        json.WriteStartObject();
        if (f.Location.Path is not null)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", EscapePath(f.Location.Path));
            if (hasRoot) json.WriteString("uriBaseId", "SRCROOT");
            json.WriteEndObject();
            WriteRegion(json, f.Location.StartLine, f.Location.StartColumn, f.Location.EndLine, f.Location.EndColumn, f.Evidence);
            json.WriteEndObject();
        }
        if (f.Location.LogicalPath is not null || f.Location.Path is null)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("fullyQualifiedName", f.Location.LogicalPath ?? f.RuleId);
            json.WriteString("kind", "resource");
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndArray();

        if (f.Trace is { Count: > 0 } trace)
        {
            json.WriteStartArray("codeFlows");
            json.WriteStartObject();
            json.WriteStartArray("threadFlows");
            json.WriteStartObject();
            json.WriteStartArray("locations");
            foreach (var step in trace)
            {
                json.WriteStartObject();
                json.WriteStartObject("location");
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", EscapePath(step.Path));
                if (hasRoot) json.WriteString("uriBaseId", "SRCROOT");
                json.WriteEndObject();
                WriteRegion(json, step.Line, step.Column, step.Line, step.Column + 1, step.Snippet);
                json.WriteEndObject();
                WriteText(json, "message", step.Note);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, f.Fingerprint);
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("category", f.Category);
        json.WriteString("severity", f.Severity.ToWord());
        json.WriteString("confidence", f.Confidence.ToWord());
        json.WriteString("engine", f.Engine);
        json.WriteString("security-severity", SecuritySeverity(f.Severity));
        var risk = f.Risk ?? RiskScore.Assess(f);
        json.WriteNumber("risk-score", risk.Score);
        json.WriteStartObject("risk");
        json.WriteNumber("score", risk.Score);
        json.WriteString("reachability", RiskWords.Of(risk.Reachability));
        json.WriteString("exposure", RiskWords.Of(risk.Exposure));
        json.WriteString("exploitation", RiskWords.Of(risk.Exploitation));
        if (risk.ExploitationSource is not null) json.WriteString("exploitationSource", risk.ExploitationSource);
        json.WriteEndObject();
        if (f.Taxonomy is { } taxonomy)
        {
            json.WriteStartArray("tags");
            foreach (var framework in Core.Intel.TaxonomyCatalog.Frameworks)
            {
                foreach (var id in Core.Intel.TaxonomyCatalog.Get(taxonomy, framework)) json.WriteStringValue(Tag(framework, id));
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The tag of a taxonomy id: <c>external/cwe/cwe-78</c>, <c>external/owasp/LLM01:2025</c>,
    /// <c>external/mitre/T1059</c> (ATT&amp;CK and ATLAS alike).</summary>
    private static string Tag(string framework, string id) => framework switch
    {
        Core.Intel.TaxonomyCatalog.Cwe => "external/cwe/" + id.ToLowerInvariant(),
        Core.Intel.TaxonomyCatalog.Attack or Core.Intel.TaxonomyCatalog.Atlas => "external/mitre/" + id,
        _ => "external/owasp/" + id,
    };

    private static void WriteRegion(Utf8JsonWriter json, int startLine, int startColumn, int endLine, int endColumn, string snippet)
    {
        json.WriteStartObject("region");
        json.WriteNumber("startLine", Math.Max(1, startLine));
        json.WriteNumber("startColumn", Math.Max(1, startColumn));
        json.WriteNumber("endLine", Math.Max(startLine, endLine));
        json.WriteNumber("endColumn", Math.Max(1, endColumn));
        json.WriteStartObject("snippet");
        json.WriteString("text", snippet);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string EscapePath(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string PascalName(string title)
    {
        var words = title.Split([' ', '-', '_', '/', '(', ')', '.', ',', ':', '\'', '"', '=', '`', '<', '>', '+', '&'], StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]).Where(w => w.All(char.IsLetterOrDigit)));
    }
}
