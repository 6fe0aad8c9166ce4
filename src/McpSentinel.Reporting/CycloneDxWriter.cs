using System.Text.Encodings.Web;
using System.Text.Json;
using McpSentinel.Core.Deps;

namespace McpSentinel.Reporting;

/// <summary>Writes a CycloneDX 1.6 JSON bill of materials (https://cyclonedx.org/docs/1.6/json/): one
/// <c>library</c> component per package (<c>container</c> per image) with its purl, and a <c>vulnerabilities</c> entry per known advisory that
/// affects an exact version. Pinning, MCP relevance and the declaring files are <c>properties</c>.</summary>
public static class CycloneDxWriter
{
    public static void Write(Stream output, IReadOnlyList<BomComponent> components, string toolVersion, string subject, DateTimeOffset timestamp, Guid serial)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
        json.WriteString("bomFormat", "CycloneDX");
        json.WriteString("specVersion", "1.6");
        json.WriteString("serialNumber", "urn:uuid:" + serial.ToString("D"));
        json.WriteNumber("version", 1);

        json.WriteStartObject("metadata");
        json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartObject("tools");
        json.WriteStartArray("components");
        json.WriteStartObject();
        json.WriteString("type", "application");
        json.WriteString("name", "mcp-sentinel");
        json.WriteString("version", toolVersion);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("component");
        json.WriteString("type", "application");
        json.WriteString("bom-ref", "root");
        json.WriteString("name", subject);
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("components");
        foreach (var c in components)
        {
            json.WriteStartObject();
            json.WriteString("type", c.Ecosystem == Core.Intel.Ecosystems.Oci ? "container" : "library");
            json.WriteString("bom-ref", BomRef(c));
            var slash = c.Ecosystem == "npm" && c.Name.StartsWith('@') ? c.Name.IndexOf('/', StringComparison.Ordinal) : -1;
            if (slash > 0)
            {
                json.WriteString("group", c.Name[..slash]);
                json.WriteString("name", c.Name[(slash + 1)..]);
            }
            else
            {
                json.WriteString("name", c.Name);
            }
            if (c.Version is not null) json.WriteString("version", c.Version);
            json.WriteString("scope", c.Direct ? "required" : "optional");
            json.WriteString("purl", c.Purl);
            json.WriteStartArray("properties");
            Property(json, "mcp-sentinel:ecosystem", c.Ecosystem);
            Property(json, "mcp-sentinel:version-pinning", c.Pinned ? "pinned" : "floating");
            Property(json, "mcp-sentinel:direct", c.Direct ? "true" : "false");
            Property(json, "mcp-sentinel:mcp-related", c.McpRelated ? "true" : "false");
            if (c.Launcher is not null) Property(json, "mcp-sentinel:launcher", c.Launcher);
            foreach (var s in c.Sources) Property(json, "mcp-sentinel:declared-in", s);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("dependencies");
        json.WriteStartObject();
        json.WriteString("ref", "root");
        json.WriteStartArray("dependsOn");
        foreach (var c in components.Where(c => c.Direct)) json.WriteStringValue(BomRef(c));
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteStartArray("vulnerabilities");
        foreach (var group in components.SelectMany(c => c.Advisories.Select(a => (Component: c, Advisory: a))).GroupBy(x => x.Advisory.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var a = group.First().Advisory;
            json.WriteStartObject();
            json.WriteString("bom-ref", "vuln:" + a.Id);
            json.WriteString("id", a.DisplayId);
            json.WriteStartObject("source");
            json.WriteString("name", a.Id.StartsWith("GHSA-", StringComparison.Ordinal) ? "GitHub Advisories" : a.Id.StartsWith("CVE-", StringComparison.Ordinal) ? "NVD" : "mcp-sentinel");
            if (a.References.FirstOrDefault() is { } url) json.WriteString("url", url);
            json.WriteEndObject();
            if (a.Aliases.Count > 0 || a.DisplayId != a.Id)
            {
                json.WriteStartArray("references");
                foreach (var alias in a.Aliases.Append(a.Id).Where(x => x != a.DisplayId).Distinct())
                {
                    json.WriteStartObject();
                    json.WriteString("id", alias);
                    json.WriteStartObject("source");
                    json.WriteString("name", alias.StartsWith("GHSA-", StringComparison.Ordinal) ? "GitHub Advisories" : alias.StartsWith("CVE-", StringComparison.Ordinal) ? "NVD" : "other");
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteStartArray("ratings");
            json.WriteStartObject();
            if (a.Cvss?.Score is { } score) json.WriteNumber("score", score);
            json.WriteString("severity", a.Severity);
            if (a.Cvss is { } cvss) json.WriteString("method", cvss.Version switch { "4.0" => "CVSSv4", "3.0" => "CVSSv3", "2.0" => "CVSSv2", _ => "CVSSv31" });
            if (a.Cvss?.Vector is { } vector) json.WriteString("vector", vector);
            json.WriteEndObject();
            json.WriteEndArray();
            if (a.Cwe.Count > 0)
            {
                json.WriteStartArray("cwes");
                foreach (var cwe in a.Cwe) if (int.TryParse(cwe.Replace("CWE-", "", StringComparison.Ordinal), out var n)) json.WriteNumberValue(n);
                json.WriteEndArray();
            }
            json.WriteString("description", a.Summary);
            json.WriteStartArray("affects");
            foreach (var (c, _) in group)
            {
                json.WriteStartObject();
                json.WriteString("ref", BomRef(c));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string BomRef(BomComponent c) => c.Pinned ? c.Purl : c.Purl + "#" + (c.Version ?? "*");

    private static void Property(Utf8JsonWriter json, string name, string value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
