using System.Text.Json;
using System.Text.Json.Serialization;
using McpSentinel.Core.Model;

namespace McpSentinel.Core.Suppression;

/// <summary>A baseline: the fingerprints of accepted, pre-existing findings. <c>scan --baseline</c> reports only new ones.</summary>
public sealed record Baseline(
    [property: JsonPropertyName("schemaVersion")] string SchemaVersion,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("findings")] IReadOnlyList<BaselineEntry> Findings)
{
    public const string CurrentSchemaVersion = "1.0";

    public static Baseline From(IEnumerable<Finding> findings, DateTimeOffset createdAt, string toolVersion) => new(
        CurrentSchemaVersion,
        createdAt,
        "mcp-sentinel " + toolVersion,
        findings.Select(f => new BaselineEntry(f.Fingerprint, f.RuleId, f.Location.Path ?? f.Location.LogicalPath ?? "")).ToArray());

    public HashSet<string> Fingerprints() => Findings.Select(f => f.Fingerprint).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public string ToJson() => JsonSerializer.Serialize(this, BaselineJsonContext.Default.Baseline);

    /// <summary>Reads a baseline file; throws <see cref="FormatException"/> with a clear reason when it is not one.</summary>
    public static Baseline Parse(string json, string source)
    {
        try
        {
            var baseline = JsonSerializer.Deserialize(json, BaselineJsonContext.Default.Baseline);
            if (baseline?.Findings is null || baseline.SchemaVersion is null) throw new FormatException($"{source}: not an mcp-sentinel baseline (no schemaVersion/findings)");
            if (baseline.SchemaVersion != CurrentSchemaVersion) throw new FormatException($"{source}: baseline schemaVersion {baseline.SchemaVersion} is not supported (expected {CurrentSchemaVersion})");
            return baseline;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: invalid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message}", ex);
        }
    }
}

public sealed record BaselineEntry(
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("ruleId")] string RuleId,
    [property: JsonPropertyName("path")] string Path);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Baseline))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
