using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpSentinel.Core.Suppression;

namespace McpSentinel.Core.Surface;

/// <summary>
/// <c>mcp-sentinel.lock.json</c>: canonical SHA-256 hashes of each server's whole surface and launcher identity, plus
/// per-item hashes, parameter names and the poisoning rules the text matched at pin time, so that a later scan can
/// say what changed and how much it matters without the old text.
/// </summary>
public sealed record SurfaceLock
{
    public const string KindValue = "mcp-sentinel-lock";
    public string Kind { get; init; } = KindValue;
    public string SchemaVersion { get; init; } = "1.0";
    public DateTimeOffset PinnedAt { get; init; }
    public SortedDictionary<string, ServerPin> Servers { get; init; } = new(StringComparer.Ordinal);

    public string ToJson() => JsonSerializer.Serialize(this, SurfaceSnapshot.JsonOptions);

    public static (SurfaceLock? Lock, string? Error) Parse(string json)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<SurfaceLock>(json, SurfaceSnapshot.JsonOptions);
            if (parsed is null || parsed.Kind != KindValue) return (null, "not an mcp-sentinel lock file (no \"kind\": \"" + KindValue + "\")");
            if (!parsed.SchemaVersion.StartsWith("1.", StringComparison.Ordinal)) return (null, $"unsupported lock schemaVersion '{parsed.SchemaVersion}'");
            if (parsed.Servers.Values.Any(s => s is null)) return (null, "a server entry is empty");
            return (parsed, null);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            return (null, "malformed lock file: " + ex.Message);
        }
    }

    public static SurfaceLock Create(IEnumerable<ServerSurface> servers, SurfaceEngine engine, DateTimeOffset now)
    {
        var result = new SurfaceLock { PinnedAt = now };
        foreach (var server in servers) result.Servers[server.Name] = ServerPin.Of(server, engine);
        return result;
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Hash(JsonNode? node) => Hash(Canonical(node));

    /// <summary>Canonical JSON: object keys sorted ordinally, no insignificant whitespace.</summary>
    public static string Canonical(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder builder)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                bool first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) builder.Append(',');
                    first = false;
                    builder.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(value, builder);
                }
                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0) builder.Append(',');
                    Write(array[i], builder);
                }
                builder.Append(']');
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }

    internal static string Normalized(string? text) => Fingerprints.Normalize(text ?? "");
}

/// <summary>The pin of one server.</summary>
public sealed record ServerPin
{
    public required string Launcher { get; init; }
    public string? LauncherDisplay { get; init; }
    public required string Surface { get; init; }
    public ItemPin? Instructions { get; init; }
    public SortedDictionary<string, ItemPin> Tools { get; init; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, ItemPin> Prompts { get; init; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, ItemPin> Resources { get; init; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, ItemPin> ResourceTemplates { get; init; } = new(StringComparer.Ordinal);

    public static ServerPin Of(ServerSurface server, SurfaceEngine engine)
    {
        var launcher = new JsonObject
        {
            ["transport"] = server.Launcher.Transport,
            ["command"] = server.Launcher.Command,
            ["arguments"] = new JsonArray(server.Launcher.Arguments.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            ["url"] = server.Launcher.Url,
        };
        var pin = new ServerPin
        {
            Launcher = SurfaceLock.Hash(launcher),
            LauncherDisplay = server.Launcher.Display,
            Surface = SurfaceLock.Hash(JsonSerializer.SerializeToNode(server with { Name = "", Launcher = server.Launcher with { Arguments = [] }, Limits = [] }, SurfaceSnapshot.JsonOptions)),
            Instructions = server.Instructions is null ? null : ItemPin.ForText(server.Instructions, null, [], engine),
        };
        foreach (var tool in server.Tools)
        {
            pin.Tools[tool.Name] = new ItemPin
            {
                Hash = SurfaceLock.Hash(JsonSerializer.SerializeToNode(tool, SurfaceSnapshot.JsonOptions)),
                Text = SurfaceLock.Hash((tool.Title ?? "") + "\n" + (tool.Description ?? "")),
                NormalizedText = SurfaceLock.Hash(SurfaceLock.Normalized(tool.Title) + "\n" + SurfaceLock.Normalized(tool.Description)),
                Schema = SurfaceLock.Hash(new JsonObject { ["input"] = tool.InputSchema?.DeepClone(), ["output"] = tool.OutputSchema?.DeepClone() }),
                Annotations = SurfaceLock.Hash(JsonSerializer.SerializeToNode(tool.Annotations, SurfaceSnapshot.JsonOptions)),
                Parameters = SurfaceStrings.Parameters(tool).Select(p => p.Name).Order(StringComparer.Ordinal).ToArray(),
                Wording = Wording(engine, tool.Description),
            };
        }
        foreach (var prompt in server.Prompts) pin.Prompts[prompt.Name] = ItemPin.ForText(prompt.Description, prompt.Title, prompt.Arguments.Select(a => a.Name), engine, JsonSerializer.SerializeToNode(prompt, SurfaceSnapshot.JsonOptions));
        foreach (var resource in server.Resources) pin.Resources[resource.Uri] = ItemPin.ForText(resource.Description, resource.Title, [], engine, JsonSerializer.SerializeToNode(resource, SurfaceSnapshot.JsonOptions));
        foreach (var template in server.ResourceTemplates) pin.ResourceTemplates[template.UriTemplate] = ItemPin.ForText(template.Description, template.Title, [], engine, JsonSerializer.SerializeToNode(template, SurfaceSnapshot.JsonOptions));
        return pin;
    }

    internal static string[] Wording(SurfaceEngine engine, string? text) =>
        string.IsNullOrEmpty(text) ? [] : engine.RunTextRules("", text).Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal).ToArray();
}

/// <summary>The pin of one tool, prompt, resource or the instructions.</summary>
public sealed record ItemPin
{
    public required string Hash { get; init; }
    public string? Text { get; init; }
    public string? NormalizedText { get; init; }
    public string? Schema { get; init; }
    public string? Annotations { get; init; }
    public IReadOnlyList<string> Parameters { get; init; } = [];
    /// <summary>Ids of the poisoning/hidden-Unicode rules the text matched when it was pinned.</summary>
    public IReadOnlyList<string> Wording { get; init; } = [];

    internal static ItemPin ForText(string? description, string? title, IEnumerable<string> parameters, SurfaceEngine engine, JsonNode? whole = null) => new()
    {
        Hash = whole is null ? SurfaceLock.Hash(description ?? "") : SurfaceLock.Hash(whole),
        Text = SurfaceLock.Hash((title ?? "") + "\n" + (description ?? "")),
        NormalizedText = SurfaceLock.Hash(SurfaceLock.Normalized(title) + "\n" + SurfaceLock.Normalized(description)),
        Parameters = parameters.Order(StringComparer.Ordinal).ToArray(),
        Wording = ServerPin.Wording(engine, description),
    };
}
