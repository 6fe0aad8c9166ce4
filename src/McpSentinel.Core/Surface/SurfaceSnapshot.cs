using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace McpSentinel.Core.Surface;

/// <summary>A recorded surface of one or more servers, so CI can scan without launching anything.
/// Recognised by <c>"kind": "mcp-sentinel-snapshot"</c>; <c>schemaVersion</c> is bumped on breaking changes.</summary>
public sealed record SurfaceSnapshot
{
    public const string KindValue = "mcp-sentinel-snapshot";
    public const string CurrentSchemaVersion = "1.0";

    public string Kind { get; init; } = KindValue;
    public string SchemaVersion { get; init; } = CurrentSchemaVersion;
    public string? ToolVersion { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public IReadOnlyList<ServerSurface> Servers { get; init; } = [];

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 128,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Is this file a snapshot? Only a JSON object whose "kind" is the snapshot kind is (cheap: reads the head).</summary>
    public static bool LooksLikeSnapshot(string path)
    {
        try
        {
            if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return false;
            using var stream = File.OpenRead(path);
            var head = new byte[4096];
            int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var text = System.Text.Encoding.UTF8.GetString(head, 0, read);
            return text.TrimStart().StartsWith('{') && text.Contains("\"" + KindValue + "\"", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Parses a snapshot; a malformed or unsupported one is an error message, never an exception.</summary>
    public static (SurfaceSnapshot? Snapshot, string? Error) Parse(string json)
    {
        try
        {
            var node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
            if (node is not JsonObject obj || obj["kind"]?.GetValue<string>() != KindValue) return (null, "not an mcp-sentinel snapshot (no \"kind\": \"" + KindValue + "\")");
            var version = obj["schemaVersion"]?.GetValue<string>();
            if (version is null || !version.StartsWith("1.", StringComparison.Ordinal)) return (null, $"unsupported snapshot schemaVersion '{version}' (this version reads 1.x)");
            var snapshot = obj.Deserialize<SurfaceSnapshot>(JsonOptions);
            if (snapshot is null) return (null, "empty snapshot");
            foreach (var server in snapshot.Servers)
            {
                if (string.IsNullOrEmpty(server?.Name) || server.Launcher is null) return (null, "a server in the snapshot has no name or launcher");
                if (server.Tools.Any(t => t is null || t.Name is null) || server.Prompts.Any(p => p is null || p.Name is null)
                    || server.Resources.Any(r => r is null || r.Uri is null) || server.ResourceTemplates.Any(r => r is null || r.UriTemplate is null))
                    return (null, $"server '{server.Name}' has an entry without a name or URI");
            }
            return (snapshot, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            return (null, "malformed snapshot: " + ex.Message);
        }
    }
}
