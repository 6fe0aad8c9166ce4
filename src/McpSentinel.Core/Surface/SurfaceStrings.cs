using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpSentinel.Core.Surface;

/// <summary>Walks a server surface and yields every string a model may read: names, titles, descriptions,
/// schema property names/descriptions/titles, enum values and defaults (nested schemas included), prompt
/// arguments, resource URIs and templates, and the server's instructions.</summary>
public static class SurfaceStrings
{
    private const int MaxSchemaDepth = 32;

    public static string ServerPath(ServerSurface server) => "server:" + server.Name;
    public static string ToolPath(ServerSurface server, string tool) => $"server:{server.Name}/tool:{tool}";

    public static IEnumerable<SurfaceString> Of(ServerSurface server)
    {
        var root = ServerPath(server);
        if (!string.IsNullOrEmpty(server.Instructions)) yield return new(server.Name, root + "/instructions", SurfaceField.Instructions, server.Instructions);
        foreach (var tool in server.Tools)
        {
            var path = ToolPath(server, tool.Name);
            yield return new(server.Name, path + "/name", SurfaceField.Name, tool.Name, tool.Name);
            if (tool.Title is { Length: > 0 }) yield return new(server.Name, path + "/title", SurfaceField.Title, tool.Title, tool.Name);
            if (tool.Annotations?.Title is { Length: > 0 } at) yield return new(server.Name, path + "/annotations/title", SurfaceField.Title, at, tool.Name);
            if (tool.Description is { Length: > 0 }) yield return new(server.Name, path + "/description", SurfaceField.Description, tool.Description, tool.Name);
            foreach (var s in Schema(server.Name, tool.Name, path + "/inputSchema", tool.InputSchema, 0)) yield return s;
            foreach (var s in Schema(server.Name, tool.Name, path + "/outputSchema", tool.OutputSchema, 0)) yield return s;
        }
        foreach (var prompt in server.Prompts)
        {
            var path = $"{root}/prompt:{prompt.Name}";
            yield return new(server.Name, path + "/name", SurfaceField.Name, prompt.Name);
            if (prompt.Title is { Length: > 0 }) yield return new(server.Name, path + "/title", SurfaceField.Title, prompt.Title);
            if (prompt.Description is { Length: > 0 }) yield return new(server.Name, path + "/description", SurfaceField.Description, prompt.Description);
            foreach (var arg in prompt.Arguments)
            {
                var argPath = $"{path}/argument:{arg.Name}";
                yield return new(server.Name, argPath + "/name", SurfaceField.ParameterName, arg.Name);
                if (arg.Title is { Length: > 0 }) yield return new(server.Name, argPath + "/title", SurfaceField.Title, arg.Title);
                if (arg.Description is { Length: > 0 }) yield return new(server.Name, argPath + "/description", SurfaceField.ParameterDescription, arg.Description);
            }
        }
        foreach (var resource in server.Resources)
        {
            var path = $"{root}/resource:{resource.Uri}";
            yield return new(server.Name, path + "/uri", SurfaceField.Uri, resource.Uri);
            if (resource.Name is { Length: > 0 }) yield return new(server.Name, path + "/name", SurfaceField.Name, resource.Name);
            if (resource.Title is { Length: > 0 }) yield return new(server.Name, path + "/title", SurfaceField.Title, resource.Title);
            if (resource.Description is { Length: > 0 }) yield return new(server.Name, path + "/description", SurfaceField.Description, resource.Description);
        }
        foreach (var template in server.ResourceTemplates)
        {
            var path = $"{root}/resourceTemplate:{template.UriTemplate}";
            yield return new(server.Name, path + "/uriTemplate", SurfaceField.Uri, template.UriTemplate);
            if (template.Name is { Length: > 0 }) yield return new(server.Name, path + "/name", SurfaceField.Name, template.Name);
            if (template.Title is { Length: > 0 }) yield return new(server.Name, path + "/title", SurfaceField.Title, template.Title);
            if (template.Description is { Length: > 0 }) yield return new(server.Name, path + "/description", SurfaceField.Description, template.Description);
        }
    }

    /// <summary>The top-level parameters of a tool's input schema: name and description.</summary>
    public static IEnumerable<(string Name, string? Description)> Parameters(ToolSurface tool)
    {
        if (tool.InputSchema is not JsonObject schema || schema["properties"] is not JsonObject properties) yield break;
        foreach (var (name, value) in properties)
        {
            yield return (name, value is JsonObject p && p["description"] is JsonValue d && d.TryGetValue<string>(out var text) ? text : null);
        }
    }

    private static IEnumerable<SurfaceString> Schema(string server, string tool, string path, JsonNode? node, int depth)
    {
        if (node is not JsonObject schema || depth > MaxSchemaDepth) yield break;
        if (Str(schema["description"]) is { Length: > 0 } description) yield return new(server, path + "/description", SurfaceField.ParameterDescription, description, tool);
        if (Str(schema["title"]) is { Length: > 0 } title) yield return new(server, path + "/title", SurfaceField.Title, title, tool);
        if (schema["enum"] is JsonArray values)
        {
            foreach (var v in values)
            {
                if (Str(v) is { Length: > 0 } text) yield return new(server, path + "/enum", SurfaceField.EnumValue, text, tool);
            }
        }
        if (Str(schema["default"]) is { Length: > 0 } def) yield return new(server, path + "/default", SurfaceField.DefaultValue, def, tool);
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in properties)
            {
                var propertyPath = $"{path}/{name}";
                yield return new(server, propertyPath + "/name", SurfaceField.ParameterName, name, tool);
                foreach (var s in Schema(server, tool, propertyPath, value, depth + 1)) yield return s;
            }
        }
        if (schema["items"] is JsonObject items)
        {
            foreach (var s in Schema(server, tool, path + "/items", items, depth + 1)) yield return s;
        }
        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema[combinator] is not JsonArray options) continue;
            int i = 0;
            foreach (var option in options)
            {
                foreach (var s in Schema(server, tool, $"{path}/{combinator}[{i++}]", option, depth + 1)) yield return s;
            }
        }
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
