using System.Text.Json.Nodes;

namespace McpSentinel.Core.Surface;

/// <summary>Everything one MCP server advertises: identity, instructions, tools, prompts, resources and templates.
/// Collected live (McpSentinel.Live) or read from a snapshot; analysed offline by <see cref="SurfaceEngine"/>.</summary>
public sealed record ServerSurface
{
    /// <summary>The name the scan gives the server (from --name, the snapshot, or the server's own name).</summary>
    public required string Name { get; init; }
    public required LauncherIdentity Launcher { get; init; }
    public string? ServerName { get; init; }
    public string? ServerVersion { get; init; }
    public string? ProtocolVersion { get; init; }
    public string? Instructions { get; init; }
    public IReadOnlyList<ToolSurface> Tools { get; init; } = [];
    public IReadOnlyList<PromptSurface> Prompts { get; init; } = [];
    public IReadOnlyList<ResourceSurface> Resources { get; init; } = [];
    public IReadOnlyList<ResourceTemplateSurface> ResourceTemplates { get; init; } = [];
    /// <summary>Limits the collector hit (page cap, item cap, truncated strings): the surface may be partial.</summary>
    public IReadOnlyList<string> Limits { get; init; } = [];
}

/// <summary>How a server is reached. Secret-looking argument values are masked; header and environment values are
/// never kept (only their names).</summary>
public sealed record LauncherIdentity
{
    /// <summary><c>stdio</c>, <c>http</c> or <c>in-process</c>.</summary>
    public required string Transport { get; init; }
    public string? Command { get; init; }
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public string? Url { get; init; }
    public IReadOnlyList<string> EnvironmentNames { get; init; } = [];
    public IReadOnlyList<string> HeaderNames { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public string Display => Transport switch
    {
        "stdio" => string.Join(' ', new[] { Command ?? "" }.Concat(Arguments)),
        "http" => Url ?? "",
        _ => Transport,
    };
}

public sealed record ToolSurface
{
    public required string Name { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public JsonNode? InputSchema { get; init; }
    public JsonNode? OutputSchema { get; init; }
    public ToolAnnotationsSurface? Annotations { get; init; }
    /// <summary>What the tool's code does (<see cref="Model.SourceToolCapabilities"/>), known only for tools read from
    /// source; never part of a snapshot or a lock file.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> CodeCapabilities { get; init; } = [];
}

public sealed record ToolAnnotationsSurface
{
    public string? Title { get; init; }
    public bool? ReadOnlyHint { get; init; }
    public bool? DestructiveHint { get; init; }
    public bool? IdempotentHint { get; init; }
    public bool? OpenWorldHint { get; init; }
}

public sealed record PromptSurface
{
    public required string Name { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<PromptArgumentSurface> Arguments { get; init; } = [];
}

public sealed record PromptArgumentSurface(string Name, string? Title, string? Description, bool? Required);

public sealed record ResourceSurface
{
    public required string Uri { get; init; }
    public string? Name { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? MimeType { get; init; }
}

public sealed record ResourceTemplateSurface
{
    public required string UriTemplate { get; init; }
    public string? Name { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? MimeType { get; init; }
}
