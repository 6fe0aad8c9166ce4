using System.Text.Json;
using System.Text.Json.Nodes;
using McpSentinel.Core.Surface;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSentinel.Live;

/// <summary>
/// Reads the surface of a connected server with the raw paged list calls (the convenience overloads drop items
/// they cannot parse and follow cursors forever): tools, prompts, resources and resource templates, each capped in
/// pages and items, every string capped in length. Never calls a tool, never reads a resource or prompt body.
/// </summary>
public static class SurfaceCollector
{
    private const int MaxLimitNotes = 20;

    public static async Task<ServerSurface> CollectAsync(McpClient client, string name, LauncherIdentity launcher, LiveLimits limits, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var caps = client.ServerCapabilities;
        string Cap(string? text, string where) => Truncate(text, where, limits, notes)!;

        var tools = caps.Tools is null ? [] : await PageAsync("tools", limits, notes,
            (cursor, ct) => client.ListToolsAsync(new ListToolsRequestParams { Cursor = cursor }, ct), r => r.Tools, r => r.NextCursor, cancellationToken,
            tolerant: (cursor, ct) => TolerantToolsPageAsync(client, cursor, notes, ct));
        var prompts = caps.Prompts is null ? [] : await PageAsync("prompts", limits, notes,
            (cursor, ct) => client.ListPromptsAsync(new ListPromptsRequestParams { Cursor = cursor }, ct), r => r.Prompts, r => r.NextCursor, cancellationToken);
        var resources = caps.Resources is null ? [] : await PageAsync("resources", limits, notes,
            (cursor, ct) => client.ListResourcesAsync(new ListResourcesRequestParams { Cursor = cursor }, ct), r => r.Resources, r => r.NextCursor, cancellationToken);
        var templates = caps.Resources is null ? [] : await PageAsync("resource templates", limits, notes,
            (cursor, ct) => client.ListResourceTemplatesAsync(new ListResourceTemplatesRequestParams { Cursor = cursor }, ct), r => r.ResourceTemplates, r => r.NextCursor, cancellationToken);

        return new ServerSurface
        {
            Name = name,
            Launcher = launcher,
            ServerName = Truncate(client.ServerInfo?.Name, "serverInfo.name", limits, notes),
            ServerVersion = Truncate(client.ServerInfo?.Version, "serverInfo.version", limits, notes),
            ProtocolVersion = client.NegotiatedProtocolVersion,
            Instructions = Truncate(client.ServerInstructions, "instructions", limits, notes),
            Tools = tools.Where(t => t is not null).Select(t => new ToolSurface
            {
                Name = Cap(t.Name ?? "", "tool name"),
                Title = Truncate(t.Title, $"tool {t.Name} title", limits, notes),
                Description = Truncate(t.Description, $"tool {t.Name} description", limits, notes),
                InputSchema = Schema(t.InputSchema, $"tool {t.Name} inputSchema", limits, notes),
                OutputSchema = t.OutputSchema is { } output ? Schema(output, $"tool {t.Name} outputSchema", limits, notes) : null,
                Annotations = t.Annotations is not { } a ? null : new ToolAnnotationsSurface
                {
                    Title = Truncate(a.Title, $"tool {t.Name} annotations.title", limits, notes),
                    ReadOnlyHint = a.ReadOnlyHint,
                    DestructiveHint = a.DestructiveHint,
                    IdempotentHint = a.IdempotentHint,
                    OpenWorldHint = a.OpenWorldHint,
                },
            }).ToArray(),
            Prompts = prompts.Where(p => p is not null).Select(p => new PromptSurface
            {
                Name = Cap(p.Name ?? "", "prompt name"),
                Title = Truncate(p.Title, $"prompt {p.Name} title", limits, notes),
                Description = Truncate(p.Description, $"prompt {p.Name} description", limits, notes),
                Arguments = (p.Arguments ?? []).Where(a => a is not null).Take(limits.MaxItems).Select(a => new PromptArgumentSurface(
                    Cap(a.Name ?? "", "prompt argument name"), Truncate(a.Title, $"prompt {p.Name} argument title", limits, notes),
                    Truncate(a.Description, $"prompt {p.Name} argument {a.Name} description", limits, notes), a.Required)).ToArray(),
            }).ToArray(),
            Resources = resources.Where(r => r is not null).Select(r => new ResourceSurface
            {
                Uri = Cap(r.Uri ?? "", "resource uri"),
                Name = Truncate(r.Name, $"resource {r.Uri} name", limits, notes),
                Title = Truncate(r.Title, $"resource {r.Uri} title", limits, notes),
                Description = Truncate(r.Description, $"resource {r.Uri} description", limits, notes),
                MimeType = Truncate(r.MimeType, "resource mimeType", limits, notes),
            }).ToArray(),
            ResourceTemplates = templates.Where(r => r is not null).Select(r => new ResourceTemplateSurface
            {
                UriTemplate = Cap(r.UriTemplate ?? "", "resource template uri"),
                Name = Truncate(r.Name, $"resource template {r.UriTemplate} name", limits, notes),
                Title = Truncate(r.Title, $"resource template {r.UriTemplate} title", limits, notes),
                Description = Truncate(r.Description, $"resource template {r.UriTemplate} description", limits, notes),
                MimeType = Truncate(r.MimeType, "resource template mimeType", limits, notes),
            }).ToArray(),
            Limits = notes.Count > MaxLimitNotes ? [.. notes.Take(MaxLimitNotes), $"… and {notes.Count - MaxLimitNotes} more"] : notes,
        };
    }

    private static async Task<List<T>> PageAsync<TResult, T>(string kind, LiveLimits limits, List<string> notes,
        Func<string?, CancellationToken, ValueTask<TResult>> call, Func<TResult, IList<T>?> items, Func<TResult, string?> next, CancellationToken cancellationToken,
        Func<string?, CancellationToken, ValueTask<TResult>>? tolerant = null)
    {
        var all = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (int page = 0; ; page++)
        {
            if (page >= limits.MaxPages)
            {
                notes.Add($"{kind}: page cap ({limits.MaxPages}) reached while the server still offered more pages");
                return all;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(limits.Timeout);
            TResult result;
            try
            {
                try
                {
                    result = await call(cursor, timeout.Token).ConfigureAwait(false);
                }
                catch (JsonException) when (tolerant is not null)
                {
                    // one malformed item fails the typed page: read the page again as raw JSON, item by item
                    result = await tolerant(cursor, timeout.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{kind}/list: no answer within {limits.Timeout.TotalSeconds:0} s");
            }
            foreach (var item in items(result) ?? [])
            {
                if (all.Count >= limits.MaxItems)
                {
                    notes.Add($"{kind}: item cap ({limits.MaxItems}) reached");
                    return all;
                }
                all.Add(item);
            }
            cursor = next(result);
            if (string.IsNullOrEmpty(cursor)) return all;
            if (!seen.Add(cursor))
            {
                notes.Add($"{kind}: the server repeated a cursor; listing stopped (page cap)");
                return all;
            }
        }
    }

    /// <summary>Reads one tools/list page as raw JSON and converts each tool on its own: a tool with malformed annotations
    /// keeps everything else (the annotations are dropped and noted); a tool that cannot be read at all is noted as not
    /// analysed, which makes the scan incomplete.</summary>
    private static async ValueTask<ListToolsResult> TolerantToolsPageAsync(McpClient client, string? cursor, List<string> notes, CancellationToken cancellationToken)
    {
        var request = new JsonRpcRequest { Method = RequestMethods.ToolsList, Params = cursor is null ? new JsonObject() : new JsonObject { ["cursor"] = cursor } };
        var response = await client.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
        var result = new ListToolsResult { Tools = [] };
        if (response.Result is not JsonObject page) return result;
        if (page["nextCursor"] is JsonValue next && next.GetValueKind() == JsonValueKind.String) result.NextCursor = next.GetValue<string>();
        if (page["tools"] is not JsonArray tools) return result;
        int index = 0;
        foreach (var node in tools)
        {
            index++;
            if (node is not JsonObject tool) continue;
            var name = tool["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : $"#{index}";
            if (TryTool(tool) is { } parsed)
            {
                result.Tools.Add(parsed);
                continue;
            }
            var withoutAnnotations = (JsonObject)tool.DeepClone();
            withoutAnnotations.Remove("annotations");
            if (TryTool(withoutAnnotations) is { } stripped)
            {
                notes.Add($"tool {Short(name)}: malformed annotations ignored");
                result.Tools.Add(stripped);
                continue;
            }
            notes.Add($"tool {Short(name)}: malformed definition, not analysed (cap)");
        }
        return result;
    }

    private static Tool? TryTool(JsonObject node)
    {
        try
        {
            return node.Deserialize<Tool>(ModelContextProtocol.McpJsonUtilities.DefaultOptions);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return null;
        }
    }

    private static string? Truncate(string? text, string where, LiveLimits limits, List<string> notes)
    {
        if (text is null || text.Length <= limits.MaxStringLength) return text;
        notes.Add($"{Short(where)}: truncated from {text.Length} to {limits.MaxStringLength} characters");
        return text[..limits.MaxStringLength];
    }

    private static JsonNode? Schema(JsonElement element, string where, LiveLimits limits, List<string> notes)
    {
        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return null;
        var raw = element.GetRawText();
        if (raw.Length > limits.MaxSchemaLength)
        {
            notes.Add($"{Short(where)}: schema of {raw.Length} characters dropped (cap {limits.MaxSchemaLength})");
            return null;
        }
        var node = JsonNode.Parse(raw, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        return node is null ? null : TruncateStrings(node, where, limits, notes);
    }

    private static JsonNode TruncateStrings(JsonNode node, string where, LiveLimits limits, List<string> notes)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToArray())
                {
                    if (obj[key] is { } child) obj[key] = TruncateStrings(child.DeepClone(), where, limits, notes);
                }
                return obj;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child) array[i] = TruncateStrings(child.DeepClone(), where, limits, notes);
                }
                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                return text.Length > limits.MaxStringLength ? JsonValue.Create(Truncate(text, where, limits, notes))! : value;
            default:
                return node;
        }
    }

    private static string Short(string where) => where.Length > 120 ? where[..120] + "…" : where;
}
