using System.Text.Encodings.Web;
using System.Text.Json;
using McpSentinel.Core.Model;

namespace McpSentinel.Reporting;

/// <summary>The JSON report, exactly the public contract (schemaVersion 1.0, ARCHITECTURE.md §4.2).</summary>
public sealed class JsonReporter : IReporter
{
    public const string SchemaVersion = "1.0";

    public string Format => "json";
    public string Extension => ".json";

    public void Write(ScanResult result, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default });
        json.WriteStartObject();
        json.WriteString("schemaVersion", SchemaVersion);

        json.WriteStartObject("tool");
        json.WriteString("name", "mcp-sentinel");
        json.WriteString("version", result.ToolVersion);
        json.WriteEndObject();

        json.WriteStartObject("scan");
        json.WriteString("target", result.Target);
        json.WriteString("startedAt", result.StartedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteNumber("durationMs", result.DurationMs);
        json.WriteStartArray("engines");
        foreach (var engine in result.Engines) json.WriteStringValue(engine);
        json.WriteEndArray();
        json.WriteNumber("filesScanned", result.FilesScanned);
        json.WriteNumber("filesSkipped", result.FilesSkipped);
        json.WriteBoolean("incomplete", result.Incomplete);
        json.WriteStartArray("diagnostics");
        foreach (var d in result.Diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("path", d.Path);
            json.WriteString("message", d.Message);
            json.WriteBoolean("incomplete", d.Incomplete);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (result.LiveCoverage is { } live)
        {
            json.WriteStartObject("live");
            json.WriteNumber("found", live.Found);
            json.WriteNumber("started", live.Started);
            json.WriteStartArray("failed");
            foreach (var f in live.Failed)
            {
                json.WriteStartObject();
                json.WriteString("server", f.Server);
                json.WriteString("reason", f.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("skipped");
            foreach (var f in live.Skipped)
            {
                json.WriteStartObject();
                json.WriteString("server", f.Server);
                json.WriteString("reason", f.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("servers");
            foreach (var s in live.Servers)
            {
                json.WriteStartObject();
                json.WriteString("server", s.Server);
                json.WriteString("status", s.Status);
                json.WriteString("target", s.Target);
                if (s.Source is not null) json.WriteString("source", s.Source);
                if (s.Reason is not null) json.WriteString("reason", s.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndObject();

        var summary = result.Summary;
        json.WriteStartObject("summary");
        json.WriteNumber("total", summary.Total);
        json.WriteNumber("critical", summary.Critical);
        json.WriteNumber("high", summary.High);
        json.WriteNumber("medium", summary.Medium);
        json.WriteNumber("low", summary.Low);
        json.WriteNumber("info", summary.Info);
        json.WriteNumber("suppressed", summary.Suppressed);
        json.WriteNumber("riskScore", summary.RiskScore);
        json.WriteEndObject();

        json.WriteStartArray("findings");
        foreach (var finding in result.Findings) WriteFinding(json, finding);
        json.WriteEndArray();
        if (result.Compliance.Count > 0) WriteCompliance(json, result.Compliance);
        json.WriteEndObject();
    }

    /// <summary>The <c>compliance</c> section (only with <c>scan --compliance</c>): per framework, each control the
    /// scan touched, the fingerprints of the findings against it, and pass/fail.</summary>
    private static void WriteCompliance(Utf8JsonWriter json, IReadOnlyList<Core.Compliance.ComplianceReport> reports)
    {
        json.WriteStartArray("compliance");
        foreach (var r in reports)
        {
            json.WriteStartObject();
            json.WriteString("framework", r.Id);
            json.WriteString("name", r.Name);
            json.WriteString("status", r.Status);
            json.WriteNumber("controlsFailing", r.Controls.Count(c => c.Status == "fail"));
            json.WriteNumber("controlsTouched", r.Controls.Count);
            json.WriteStartArray("controls");
            foreach (var c in r.Controls)
            {
                json.WriteStartObject();
                json.WriteString("id", c.Id);
                json.WriteString("title", c.Title);
                json.WriteString("status", c.Status);
                json.WriteStartArray("categories");
                foreach (var category in c.Categories) json.WriteStringValue(category);
                json.WriteEndArray();
                json.WriteStartArray("findings");
                foreach (var fingerprint in c.Findings) json.WriteStringValue(fingerprint);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding f)
    {
        json.WriteStartObject();
        json.WriteString("fingerprint", f.Fingerprint);
        json.WriteString("ruleId", f.RuleId);
        json.WriteString("title", f.Title);
        json.WriteString("category", f.Category);
        json.WriteString("severity", f.Severity.ToWord());
        json.WriteString("confidence", f.Confidence.ToWord());
        json.WriteString("engine", f.Engine);
        json.WriteString("message", f.Message);
        json.WriteString("remediation", f.Remediation);
        json.WriteStartObject("location");
        if (f.Location.Path is not null) json.WriteString("path", f.Location.Path);
        json.WriteNumber("startLine", f.Location.StartLine);
        json.WriteNumber("startColumn", f.Location.StartColumn);
        json.WriteNumber("endLine", f.Location.EndLine);
        json.WriteNumber("endColumn", f.Location.EndColumn);
        if (f.Location.LogicalPath is not null) json.WriteString("logicalPath", f.Location.LogicalPath);
        json.WriteEndObject();
        json.WriteString("evidence", f.Evidence);
        WriteList(json, "cwe", f.Cwe);
        WriteList(json, "owasp", f.Owasp);
        WriteList(json, "mitre", f.Mitre);
        WriteList(json, "references", f.References);
        if (f.Taxonomy is { } taxonomy) WriteTaxonomy(json, taxonomy);
        if (f.Risk is { } risk) WriteRisk(json, risk);
        if (f.Trace is { Count: > 0 } trace)
        {
            json.WriteStartArray("trace");
            foreach (var step in trace)
            {
                json.WriteStartObject();
                json.WriteString("path", step.Path);
                json.WriteNumber("line", step.Line);
                json.WriteNumber("column", step.Column);
                json.WriteString("snippet", step.Snippet);
                json.WriteString("note", step.Note);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary><c>taxonomy</c>: the finding's entries per framework (cwe, owaspLlm, owaspMcp, owaspAgentic, attack,
    /// atlas) and, for an empty framework, why (<c>notApplicable</c>).</summary>
    private static void WriteTaxonomy(Utf8JsonWriter json, FindingTaxonomy t)
    {
        json.WriteStartObject("taxonomy");
        foreach (var framework in Core.Intel.TaxonomyCatalog.Frameworks) WriteList(json, framework, Core.Intel.TaxonomyCatalog.Get(t, framework));
        if (t.NotApplicable.Count > 0)
        {
            json.WriteStartObject("notApplicable");
            foreach (var (framework, reason) in t.NotApplicable.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(framework, reason);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary><c>risk</c>: the 0-100 score and each factor's value, multiplier and reason (docs/risk-score.md).</summary>
    private static void WriteRisk(Utf8JsonWriter json, FindingRisk r)
    {
        json.WriteStartObject("risk");
        json.WriteNumber("score", r.Score);
        json.WriteStartObject("factors");
        json.WriteStartObject("severity");
        json.WriteString("value", r.Severity.ToWord());
        json.WriteNumber("points", RiskScore.SeverityPoints(r.Severity));
        json.WriteEndObject();
        json.WriteStartObject("confidence");
        json.WriteString("value", r.Confidence.ToWord());
        json.WriteNumber("factor", RiskScore.ConfidenceFactor(r.Confidence));
        json.WriteEndObject();
        json.WriteStartObject("reachability");
        json.WriteString("value", RiskWords.Of(r.Reachability));
        json.WriteNumber("factor", RiskScore.ReachabilityFactor(r.Reachability));
        json.WriteString("reason", r.ReachabilityReason);
        json.WriteEndObject();
        json.WriteStartObject("exposure");
        json.WriteString("value", RiskWords.Of(r.Exposure));
        json.WriteNumber("factor", RiskScore.ExposureFactor(r.Exposure));
        json.WriteString("reason", r.ExposureReason);
        json.WriteEndObject();
        json.WriteStartObject("exploitation");
        json.WriteString("value", RiskWords.Of(r.Exploitation));
        json.WriteNumber("boost", RiskScore.ExploitationBoost(r.Exploitation));
        if (r.ExploitationSource is not null) json.WriteString("source", r.ExploitationSource);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }
}
