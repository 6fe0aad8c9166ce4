using System.Globalization;
using System.Text.Json;
using McpSentinel.Core.Model;

namespace McpSentinel.Reporting;

/// <summary>Reads back what <see cref="JsonReporter"/> writes (schemaVersion 1.0) into a <see cref="ScanResult"/>, so a
/// saved report can be rendered in other formats without scanning again. The JSON report does not list suppressed
/// findings or rule descriptions: the result carries the suppressed count only, and rule tables are rebuilt from the
/// findings. Anything that is not a 1.0 report throws <see cref="FormatException"/> with the JSON path at fault.</summary>
public static class JsonReportReader
{
    public static ScanResult Read(Stream input)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(input, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new FormatException("not a JSON document: " + ex.Message, ex);
        }
        using (doc) return Read(doc.RootElement);
    }

    public static ScanResult ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        try { return Read(stream); }
        catch (FormatException ex) { throw new FormatException($"{path}: {ex.Message}", ex); }
    }

    private static ScanResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("$: the report must be a JSON object");
        var version = Str(root, "schemaVersion", "$");
        if (version != JsonReporter.SchemaVersion) throw new FormatException($"$.schemaVersion: '{version}' is not supported (expected {JsonReporter.SchemaVersion})");

        var tool = Obj(root, "tool", "$");
        var scan = Obj(root, "scan", "$");
        var summary = Obj(root, "summary", "$");
        var startedText = Str(scan, "startedAt", "$.scan");
        if (!DateTimeOffset.TryParse(startedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var startedAt))
            throw new FormatException($"$.scan.startedAt: '{startedText}' is not a date");

        var diagnostics = Arr(scan, "diagnostics", "$.scan").Select((d, i) =>
            new ScanDiagnostic(Str(d, "path", $"$.scan.diagnostics[{i}]"), Str(d, "message", $"$.scan.diagnostics[{i}]"), OptBool(d, "incomplete"))).ToList();
        var findings = Arr(root, "findings", "$").Select((f, i) => ReadFinding(f, $"$.findings[{i}]")).ToList();

        return new ScanResult
        {
            ToolVersion = Str(tool, "version", "$.tool"),
            Target = Str(scan, "target", "$.scan"),
            StartedAt = startedAt,
            DurationMs = Long(scan, "durationMs", "$.scan"),
            Engines = Arr(scan, "engines", "$.scan").Select((e, i) => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException($"$.scan.engines[{i}]: expected a string")).ToList(),
            FilesScanned = (int)Long(scan, "filesScanned", "$.scan"),
            FilesSkipped = (int)Long(scan, "filesSkipped", "$.scan"),
            Diagnostics = diagnostics,
            Findings = findings,
            SuppressedFindings = [],
            SuppressedCount = (int)Long(summary, "suppressed", "$.summary"),
        };
    }

    private static Finding ReadFinding(JsonElement f, string at)
    {
        if (f.ValueKind != JsonValueKind.Object) throw new FormatException($"{at}: expected an object");
        var loc = Obj(f, "location", at);
        var severityText = Str(f, "severity", at);
        if (!Levels.TryParseSeverity(severityText, out var severity)) throw new FormatException($"{at}.severity: '{severityText}' is not a severity");
        var confidenceText = Str(f, "confidence", at);
        if (!Levels.TryParseConfidence(confidenceText, out var confidence)) throw new FormatException($"{at}.confidence: '{confidenceText}' is not a confidence");
        List<TraceStep>? trace = null;
        if (f.TryGetProperty("trace", out var t) && t.ValueKind == JsonValueKind.Array)
        {
            trace = t.EnumerateArray().Select((s, i) => new TraceStep(
                Str(s, "path", $"{at}.trace[{i}]"), (int)Long(s, "line", $"{at}.trace[{i}]"), (int)Long(s, "column", $"{at}.trace[{i}]"),
                Str(s, "snippet", $"{at}.trace[{i}]"), Str(s, "note", $"{at}.trace[{i}]"))).ToList();
        }
        var risk = ReadRisk(f, at, severity, confidence);
        return new Finding
        {
            Risk = risk,
            Signals = risk is null ? null : new RiskSignals
            {
                Exposure = risk.Exposure, ExposureReason = risk.ExposureReason, Exploitation = risk.Exploitation, ExploitationSource = risk.ExploitationSource,
            },
            Taxonomy = ReadTaxonomy(f, at),
            Fingerprint = Str(f, "fingerprint", at),
            RuleId = Str(f, "ruleId", at),
            Title = Str(f, "title", at),
            Category = Str(f, "category", at),
            Severity = severity,
            Confidence = confidence,
            Engine = Str(f, "engine", at),
            Message = Str(f, "message", at),
            Remediation = Str(f, "remediation", at),
            Location = new Location(
                OptStr(loc, "path"), (int)Long(loc, "startLine", at + ".location"), (int)Long(loc, "startColumn", at + ".location"),
                (int)Long(loc, "endLine", at + ".location"), (int)Long(loc, "endColumn", at + ".location"), OptStr(loc, "logicalPath")),
            Evidence = Str(f, "evidence", at),
            Cwe = Strings(f, "cwe", at),
            Owasp = Strings(f, "owasp", at),
            Mitre = Strings(f, "mitre", at),
            References = Strings(f, "references", at),
            Trace = trace,
        };
    }

    /// <summary>The optional <c>risk</c> object (reports written before it existed have none: the score is then
    /// recomputed from the finding).</summary>
    private static FindingRisk? ReadRisk(JsonElement f, string at, Severity severity, Confidence confidence)
    {
        if (!f.TryGetProperty("risk", out var r) || r.ValueKind != JsonValueKind.Object) return null;
        at += ".risk";
        var score = Long(r, "score", at);
        if (score > 100) throw new FormatException($"{at}.score: {score} is above 100");
        var factors = Obj(r, "factors", at);
        var reach = Obj(factors, "reachability", at + ".factors");
        var exposure = Obj(factors, "exposure", at + ".factors");
        var exploitation = Obj(factors, "exploitation", at + ".factors");
        var reachability = RiskWords.ParseReachability(Str(reach, "value", at + ".factors.reachability"))
            ?? throw new FormatException($"{at}.factors.reachability.value: not a reachability");
        var exposureLevel = RiskWords.ParseExposure(Str(exposure, "value", at + ".factors.exposure"))
            ?? throw new FormatException($"{at}.factors.exposure.value: not an exposure");
        var exploited = RiskWords.ParseExploitation(Str(exploitation, "value", at + ".factors.exploitation"))
            ?? throw new FormatException($"{at}.factors.exploitation.value: not an exploitation");
        return new FindingRisk((int)score, severity, confidence, reachability, OptStr(reach, "reason") ?? "", exposureLevel, OptStr(exposure, "reason") ?? "",
            exploited, OptStr(exploitation, "source"));
    }

    private static FindingTaxonomy? ReadTaxonomy(JsonElement f, string at)
    {
        if (!f.TryGetProperty("taxonomy", out var t) || t.ValueKind != JsonValueKind.Object) return null;
        at += ".taxonomy";
        List<string> Opt(string name) => t.TryGetProperty(name, out _) ? Strings(t, name, at) : [];
        var notApplicable = new Dictionary<string, string>(StringComparer.Ordinal);
        if (t.TryGetProperty("notApplicable", out var na) && na.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in na.EnumerateObject()) if (p.Value.ValueKind == JsonValueKind.String) notApplicable[p.Name] = p.Value.GetString()!;
        }
        return new FindingTaxonomy
        {
            Cwe = Opt("cwe"), OwaspLlm = Opt("owaspLlm"), OwaspMcp = Opt("owaspMcp"), OwaspAgentic = Opt("owaspAgentic"),
            Attack = Opt("attack"), Atlas = Opt("atlas"), NotApplicable = notApplicable,
        };
    }

    private static JsonElement Obj(JsonElement e, string name, string at) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : throw new FormatException($"{at}.{name}: expected an object");

    private static IEnumerable<JsonElement> Arr(JsonElement e, string name, string at) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : throw new FormatException($"{at}.{name}: expected an array");

    private static string Str(JsonElement e, string name, string at) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"{at}.{name}: expected a string");

    private static string? OptStr(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool OptBool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static long Long(JsonElement e, string name, string at) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0 && n <= int.MaxValue
            ? n : throw new FormatException($"{at}.{name}: expected a non-negative whole number");

    private static List<string> Strings(JsonElement e, string name, string at) =>
        Arr(e, name, at).Select((v, i) => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"{at}.{name}[{i}]: expected a string")).ToList();
}
