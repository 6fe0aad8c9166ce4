using System.Globalization;
using System.Text.Json;

namespace McpSentinel.Core.Intel;

/// <summary>Reads OSV records (https://ossf.github.io/osv-schema/) into <see cref="Advisory"/> entries, one per
/// affected package of an ecosystem we read. GIT ranges, other ecosystems and withdrawn records are skipped.
/// Severity comes from <c>database_specific.severity</c> (GitHub's LOW/MODERATE/HIGH/CRITICAL) or from a CVSS
/// base score in <c>severity[].score</c> when it is numeric; otherwise "medium". <c>MAL-</c> records are malicious
/// packages (critical).</summary>
public static class OsvReader
{
    /// <summary>Reads one OSV JSON document (an object, or an array of objects). Throws <see cref="JsonException"/>
    /// on malformed JSON.</summary>
    public static List<Advisory> Read(string json, string source)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, MaxDepth = 64 });
        var result = new List<Advisory>();
        if (doc.RootElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in doc.RootElement.EnumerateArray()) ReadRecord(item, source, result);
        }
        else if (doc.RootElement.ValueKind == JsonValueKind.Object)
        {
            ReadRecord(doc.RootElement, source, result);
        }
        else
        {
            throw new JsonException("an OSV record is a JSON object");
        }
        return result;
    }

    private static void ReadRecord(JsonElement record, string source, List<Advisory> result)
    {
        if (record.ValueKind != JsonValueKind.Object) return;
        var id = Str(record, "id");
        if (id is null || record.TryGetProperty("withdrawn", out _)) return;
        var aliases = Strings(record, "aliases");
        bool malicious = id.StartsWith("MAL-", StringComparison.Ordinal) || aliases.Any(a => a.StartsWith("MAL-", StringComparison.Ordinal));
        string severity = malicious ? "critical" : "medium";
        CvssScore? cvss = null;
        var cwe = new List<string>();
        if (record.TryGetProperty("database_specific", out var dbs) && dbs.ValueKind == JsonValueKind.Object)
        {
            if (!malicious && Str(dbs, "severity") is { } s) severity = MapSeverity(s) ?? severity;
            cwe.AddRange(Strings(dbs, "cwe_ids"));
        }
        if (record.TryGetProperty("severity", out var sevs) && sevs.ValueKind == JsonValueKind.Array)
        {
            foreach (var sev in sevs.EnumerateArray())
            {
                var type = Str(sev, "type") ?? "";
                var score = Str(sev, "score");
                if (score is null || !type.StartsWith("CVSS", StringComparison.Ordinal)) continue;
                double? numeric = double.TryParse(score, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
                var version = type switch { "CVSS_V4" => "4.0", "CVSS_V3" => score.StartsWith("CVSS:3.0", StringComparison.Ordinal) ? "3.0" : "3.1", _ => "2.0" };
                cvss ??= new CvssScore(version, numeric, numeric is null ? score : null);
                if (numeric is { } value && severity == "medium" && !malicious) severity = FromScore(value);
            }
        }
        var references = new List<string>();
        if (record.TryGetProperty("references", out var refs) && refs.ValueKind == JsonValueKind.Array)
        {
            references.AddRange(refs.EnumerateArray().Select(r => Str(r, "url")).OfType<string>());
        }
        var summary = Str(record, "summary") ?? FirstLine(Str(record, "details")) ?? id;
        if (!record.TryGetProperty("affected", out var affected) || affected.ValueKind != JsonValueKind.Array) return;
        foreach (var a in affected.EnumerateArray())
        {
            if (!a.TryGetProperty("package", out var pkg) || pkg.ValueKind != JsonValueKind.Object) continue;
            var ecosystem = Ecosystems.Canonical(Str(pkg, "ecosystem")?.Split(':')[0]);
            var name = Str(pkg, "name");
            if (ecosystem is null || string.IsNullOrWhiteSpace(name)) continue;
            var ranges = new List<AffectedRange>();
            if (a.TryGetProperty("ranges", out var rs) && rs.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in rs.EnumerateArray())
                {
                    if (Str(r, "type") is not ("SEMVER" or "ECOSYSTEM")) continue;
                    if (!r.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array) continue;
                    string? introduced = null;
                    bool open = false;
                    foreach (var e in events.EnumerateArray())
                    {
                        if (Str(e, "introduced") is { } i) { if (open) ranges.Add(new AffectedRange { Introduced = introduced }); introduced = i; open = true; }
                        else if (Str(e, "fixed") is { } f && open) { ranges.Add(new AffectedRange { Introduced = introduced, Fixed = f }); open = false; }
                        else if (Str(e, "last_affected") is { } l && open) { ranges.Add(new AffectedRange { Introduced = introduced, LastAffected = l }); open = false; }
                    }
                    if (open) ranges.Add(new AffectedRange { Introduced = introduced });
                }
            }
            var versions = Strings(a, "versions");
            if (ranges.Count == 0 && versions.Count == 0) continue;
            result.Add(new Advisory
            {
                Id = id,
                Aliases = aliases,
                Kind = malicious ? Advisory.KindMalicious : Advisory.KindVulnerability,
                Ecosystem = ecosystem,
                Package = name.Trim(),
                Ranges = ranges,
                Versions = versions,
                Severity = severity,
                Cvss = cvss,
                Cwe = cwe,
                Summary = summary.Length > 400 ? summary[..400] + "…" : summary,
                Published = Str(record, "published"),
                Modified = Str(record, "modified"),
                References = references,
                Source = source,
            });
        }
    }

    private static string? MapSeverity(string s) => s.Trim().ToUpperInvariant() switch
    {
        "CRITICAL" => "critical",
        "HIGH" => "high",
        "MODERATE" or "MEDIUM" => "medium",
        "LOW" => "low",
        _ => null,
    };

    private static string FromScore(double score) => score switch
    {
        >= 9.0 => "critical",
        >= 7.0 => "high",
        >= 4.0 => "medium",
        > 0 => "low",
        _ => "info",
    };

    private static string? FirstLine(string? text) => text?.Split('\n', 2)[0].Trim() is { Length: > 0 } line ? line : null;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Strings(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
}
